"""Back-office pages of screening: the findings dashboard, findings and decisions, the ad-hoc check tool, rescans."""

import json

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.tasks import TaskResultStatus
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.backoffice.decorators import staff_required
from gongkai.backoffice.publishing.masking import mask_controls
from gongkai.orgs.access import is_admin, organizations_for
from gongkai.orgs.models import Role
from gongkai.screening import selectors
from gongkai.screening.errors import ScreeningError
from gongkai.screening.extraction import extract
from gongkai.screening.kinds import Kind, Severity
from gongkai.screening.models import Finding
from gongkai.screening.scanning import scan_content
from gongkai.screening.services import accept_finding, mark_fixed, reopen_finding
from gongkai.screening.tasks import rescan

from .forms import CheckForm, DecisionForm, FindingFilterForm
from .highlight import highlight_context, highlight_findings

PAGE_SIZE = 50


def _target_redirect(value: str):
    """`?target=publishing.record:12` (how other modules link to one object's findings) → the target page."""
    label, _separator, object_id = value.partition(":")
    app_label, _dot, model = label.partition(".")
    try:
        content_type = ContentType.objects.get_by_natural_key(app_label, model.lower())
    except ContentType.DoesNotExist as error:
        raise Http404 from error
    return redirect("backoffice:screening:target", content_type_id=content_type.pk, object_id=object_id)


@staff_required
def index(request):
    """Findings dashboard per organization: a chart and the same numbers as a table."""
    if request.GET.get("target"):
        return _target_redirect(request.GET["target"])
    rows = selectors.dashboard_rows(request.user)
    kinds = selectors.kind_counts(request.user)
    kind_labels = dict(Kind.choices)
    for row in kinds:
        row["label"] = kind_labels.get(row["kind"], row["kind"])
    chart = {
        "organizations": [row["organization__name"] for row in rows[:20]],
        "series": [
            {"name": _("待处理（阻止发布）"), "data": [row["open_blocking"] for row in rows[:20]]},
            {"name": _("待确认（警告）"), "data": [row["open_warnings"] for row in rows[:20]]},
            {"name": _("已确认无问题"), "data": [row["accepted"] for row in rows[:20]]},
            {"name": _("已修改"), "data": [row["fixed"] for row in rows[:20]]},
        ],
        "kinds": [{"name": str(row["label"]), "value": row["total"]} for row in kinds],
    }
    context = {
        "rows": rows,
        "kinds": kinds,
        "chart_json": json.dumps(chart, ensure_ascii=False),
        "runs": selectors.scan_runs(request.user)[:5],
        "can_manage": selectors.can_manage_lexicon(request.user),
        "totals": {
            key: sum(row[key] for row in rows) for key in ("total", "open_blocking", "open_warnings", "accepted")
        },
    }
    return render(request, "backoffice/screening/index.html", context)


@staff_required
def findings(request):
    form = FindingFilterForm(request.GET or {"status": Finding.Status.OPEN})
    filters = form.cleaned_data if form.is_valid() else {}
    organizations = organizations_for(request.user).order_by("name")
    queryset = selectors.findings_for_staff(
        person=request.user,
        organization_id=filters.get("organization"),
        kind=filters.get("kind", ""),
        severity=filters.get("severity", ""),
        status=filters.get("status", ""),
        scan_run_id=filters.get("run"),
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    for finding in page:
        finding.context_html = highlight_context(finding)
    context = {
        "form": form,
        "page": page,
        "organizations": organizations[:500],
        "selected_organization": filters.get("organization"),
    }
    return render(request, "backoffice/screening/findings.html", context)


@staff_required
def finding(request, finding_id: int):
    item = selectors.finding_for_staff(finding_id=finding_id, person=request.user)
    context = {
        "finding": item,
        "context_html": highlight_context(item),
        "can_decide": selectors.can_decide(request.user, item),
        "form": DecisionForm(),
        "siblings": Finding.objects.filter(
            content_type_id=item.content_type_id, object_id=item.object_id, is_current=True
        ).exclude(pk=item.pk)[:20],
    }
    return render(request, "backoffice/screening/finding.html", context)


@require_POST
@staff_required
def decide(request, finding_id: int, decision: str):
    item = selectors.finding_for_staff(finding_id=finding_id, person=request.user, action="decide")
    form = DecisionForm(request.POST)
    form.is_valid()
    reason = form.cleaned_data.get("reason", "")
    actions = {"accept": accept_finding, "fix": mark_fixed, "reopen": reopen_finding}
    if decision not in actions:
        return redirect("backoffice:screening:finding", finding_id=item.pk)
    try:
        actions[decision](finding=item, reason=reason, actor=request.user)
    except ScreeningError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已处理：%(status)s。") % {"status": item.get_status_display()})
    next_url = request.POST.get("next", "")
    if next_url.startswith("/backoffice/") and "//" not in next_url:
        return redirect(next_url)
    return redirect("backoffice:screening:finding", finding_id=item.pk)


@staff_required
def target(request, content_type_id: int, object_id: str):
    """Every finding of one screened object (a record revision …), grouped by location, with decision forms."""
    items = list(
        selectors.target_findings_for_staff(person=request.user, content_type_id=content_type_id, object_id=object_id)
    )
    for item in items:
        item.context_html = highlight_context(item)
        item.decidable = selectors.can_decide(request.user, item)
    mask_url, maskable = mask_controls(request.user, content_type_id, object_id)
    for item in items:
        item.maskable = item.pk in maskable
    current = [item for item in items if item.is_current]
    context = {
        "mask_url": mask_url,
        "findings": current,
        "past": [item for item in items if not item.is_current],
        "label": items[0].target_label if items else _("（尚未预审或未发现问题）"),
        "blocking": sum(item.blocks for item in current),
        "warnings": sum(item.status == Finding.Status.OPEN and item.severity == Severity.WARN for item in current),
        "form": DecisionForm(),
    }
    return render(request, "backoffice/screening/target.html", context)


@staff_required
def check(request):
    """Check pasted text or an uploaded file without storing anything; shows the spans and the masked text."""
    form = CheckForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data.get("file"):
                extracted = extract(form.cleaned_data["file"], filename=form.cleaned_data["file"].name)
            else:
                extracted = None
        except ScreeningError as error:
            form.add_error("file", error.message)
        else:
            scanned = scan_content(extracted or form.cleaned_data["text"].replace("\r\n", "\n"))
            result = {
                "detections": [
                    {
                        "item": d,
                        "location": scanned.location_of(d),
                        "kind_label": Kind(d.kind).label,
                        "severity_label": Severity(d.severity).label,
                    }
                    for d in scanned.detections
                ],
                "html": highlight_findings(scanned.text, scanned.detections),
                "masked": scanned.masked,
                "blocking": scanned.blocking,
                "characters": len(scanned.text),
            }
    return render(request, "backoffice/screening/check.html", {"form": form, "result": result})


@staff_required
def runs(request):
    page = Paginator(selectors.scan_runs(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "backoffice/screening/runs.html", {"page": page, "can_start": is_admin(request.user)})


@require_POST
@staff_required(roles=(Role.ADMIN,))
def start_rescan(request):
    """Start the whole-site rescan (`gongkai screen --all`) as a background job; its progress shows under
    系统设置 → 后台任务. A second start resumes the unfinished run instead of starting over."""
    result = rescan.enqueue(actor_id=request.user.pk)
    if result.status == TaskResultStatus.SUCCESSFUL:
        messages.success(request, _("全站复查已完成。"))
    elif result.status == TaskResultStatus.FAILED:
        messages.error(request, _("全站复查失败，请查看服务器日志后重试；再次开始会从中断处继续。"))
    else:
        messages.success(request, _("全站复查已加入后台任务，可在“系统设置 → 后台任务”查看进度。"))
    return redirect("backoffice:screening:runs")
