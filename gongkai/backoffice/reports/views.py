"""Back-office pages of annual reports: list, create, the report with its checks, narrative, cell overrides and
drill-down, exports, publication, and the office's deadline overview."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.backoffice.decorators import staff_required
from gongkai.backoffice.jobs import download_job
from gongkai.orgs.access import roles_of
from gongkai.orgs.models import Role
from gongkai.reports import tables as t
from gongkai.reports.errors import ReportError
from gongkai.reports.models import AnnualReport
from gongkai.reports.narrative import unfinished_sections
from gongkai.reports.rendering.document import build_document
from gongkai.reports.rendering.layout import display
from gongkai.reports.rendering.outputs import FORMATS
from gongkai.reports.selectors import (
    PREPARE_ROLES,
    PUBLISH_ROLES,
    can_publish,
    deadline_statuses,
    default_report_year,
    organizations_for_reports,
    report_for_staff,
    reports_for_staff,
)
from gongkai.reports.services import (
    check_report,
    clear_override,
    create_report,
    publish_report,
    redraft_narrative,
    refresh_report,
    set_override,
    update_narrative,
)
from gongkai.reports.tasks import render_report

from .forms import NarrativeForm, OverrideForm, ReportCreateForm, show_error

# Figures shown per organization on the drill-down page: (label, cell).
BREAKDOWN_COLUMNS = [
    (gettext_lazy("规章制发"), t.Cell(t.TABLE_ACTIVE, (t.ARTICLE_20_1, t.REGULATION), (t.MADE,))),
    (gettext_lazy("规范性文件制发"), t.Cell(t.TABLE_ACTIVE, (t.ARTICLE_20_1, t.NORMATIVE), (t.MADE,))),
    (gettext_lazy("许可决定"), t.Cell(t.TABLE_ACTIVE, (t.ARTICLE_20_5, t.LICENSING), (t.DECISIONS,))),
    (gettext_lazy("处罚决定"), t.Cell(t.TABLE_ACTIVE, (t.ARTICLE_20_6, t.PENALTY), (t.DECISIONS,))),
    (gettext_lazy("收费（万元）"), t.Cell(t.TABLE_ACTIVE, (t.ARTICLE_20_8, t.FEE), (t.FEE_AMOUNT,))),
    (gettext_lazy("新收申请"), t.Cell(t.TABLE_REQUESTS, (t.NEW,), (t.TOTAL,))),
    (gettext_lazy("上年结转"), t.Cell(t.TABLE_REQUESTS, (t.CARRIED_IN,), (t.TOTAL,))),
    (gettext_lazy("本年办结"), t.Cell(t.TABLE_REQUESTS, t.RESULT_TOTAL_ROW, (t.TOTAL,))),
    (gettext_lazy("结转下年"), t.Cell(t.TABLE_REQUESTS, (t.CARRIED_OUT,), (t.TOTAL,))),
    (gettext_lazy("行政复议"), t.Cell(t.TABLE_REVIEWS, (), (t.ADMINISTRATIVE_REVIEW, t.TOTAL))),
    (gettext_lazy("行政诉讼"), None),
]


def _year(request) -> int:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() else default_report_year(timezone.localdate())


@staff_required(roles=PREPARE_ROLES)
def index(request):
    year = request.GET.get("year", "")
    reports = reports_for_staff(person=request.user, year=int(year) if year.isdigit() else None)
    organizations = organizations_for_reports(request.user)
    form = ReportCreateForm(organizations=organizations)
    context = {
        "reports": reports[:300],
        "year": year,
        "form": form,
        "is_office": bool(set(PUBLISH_ROLES) & roles_of(request.user)),
    }
    return render(request, "backoffice/reports/index.html", context)


@require_POST
@staff_required(roles=PREPARE_ROLES)
def create(request):
    form = ReportCreateForm(request.POST, organizations=organizations_for_reports(request.user))
    if form.is_valid():
        try:
            report = create_report(
                organization=form.cleaned_data["organization"], year=form.cleaned_data["year"], actor=request.user
            )
        except ReportError as error:
            show_error(form, error)
        else:
            messages.success(request, _("已生成%(title)s的初稿，请核对数据和文字。") % {"title": report.title})
            return redirect("backoffice:reports:detail", report_id=report.pk)
    reports = reports_for_staff(person=request.user)
    return render(request, "backoffice/reports/index.html", {"reports": reports[:300], "form": form}, status=400)


@staff_required(roles=PREPARE_ROLES)
def detail(request, report_id: int):
    report = report_for_staff(report_id=report_id, person=request.user)
    document = build_document(report)
    context = {
        "report": report,
        "document": document,
        "can_publish": can_publish(request.user, report),
        "unfinished": unfinished_sections(report),
        "cell_url": reverse("backoffice:reports:cell", kwargs={"report_id": report.pk}),
        "formats": FORMATS,
    }
    return render(request, "backoffice/reports/detail.html", context)


def _post_action(request, report_id: int, action, success: str, *, publish: bool = False):
    report = report_for_staff(report_id=report_id, person=request.user, action="publish" if publish else "edit")
    try:
        result = action(report=report, actor=request.user)
    except ReportError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success if not callable(success) else success(result))
    return redirect("backoffice:reports:detail", report_id=report.pk)


@require_POST
@staff_required(roles=PREPARE_ROLES)
def refresh(request, report_id: int):
    return _post_action(request, report_id, refresh_report, _("已按最新数据重新统计，人工调整保留。请重新校验。"))


@require_POST
@staff_required(roles=PREPARE_ROLES)
def check(request, report_id: int):
    def outcome(failures):
        if failures:
            return _("校验发现%(count)s处问题，请按提示修正。") % {"count": len(failures)}
        return _("校验通过：各表勾稽关系正确。")

    return _post_action(request, report_id, check_report, outcome)


@require_POST
@staff_required(roles=PUBLISH_ROLES)
def publish(request, report_id: int):
    def outcome(step):
        if step == "published":
            return _("年度报告已在“政府信息公开年报”栏目发布。")
        return _("年度报告已提交发布审核，待审核人审核、保密审查员审查后，再点击“发布”。")

    return _post_action(request, report_id, publish_report, outcome, publish=True)


@staff_required(roles=PREPARE_ROLES)
def narrative(request, report_id: int):
    report = report_for_staff(report_id=report_id, person=request.user, action="edit")
    initial = {"overview": report.overview, "problems": report.problems, "other_matters": report.other_matters}
    form = NarrativeForm(request.POST or None, initial=initial)
    if request.method == "POST" and request.POST.get("redraft") == "1":
        redraft_narrative(report=report, actor=request.user)
        messages.success(request, _("已按最新数据重新起草第一、五、六部分。"))
        return redirect("backoffice:reports:narrative", report_id=report.pk)
    if request.method == "POST" and form.is_valid():
        update_narrative(report=report, actor=request.user, **form.cleaned_data)
        messages.success(request, _("文字部分已保存。"))
        return redirect("backoffice:reports:detail", report_id=report.pk)
    return render(request, "backoffice/reports/narrative.html", {"report": report, "form": form})


@staff_required(roles=PREPARE_ROLES)
def cell(request, report_id: int):
    """One cell: its computed and reported value, the per-organization drill-down, and the override form."""
    report = report_for_staff(report_id=report_id, person=request.user)
    key = request.GET.get("cell") or request.POST.get("cell", "")
    if key not in t.CELL_KEYS:
        raise Http404(_("没有这个单元格。"))
    form = OverrideForm(request.POST or None)
    if request.method == "POST":
        report = report_for_staff(report_id=report_id, person=request.user, action="edit")
        try:
            if request.POST.get("clear") == "1":
                clear_override(report=report, actor=request.user, cell=key)
                messages.success(request, _("已撤销人工调整，恢复系统统计值。"))
                return redirect("backoffice:reports:detail", report_id=report.pk)
            if form.is_valid():
                set_override(report=report, actor=request.user, cell=key, **form.cleaned_data)
                messages.success(request, _("已保存人工调整，报告需重新校验。"))
                return redirect("backoffice:reports:detail", report_id=report.pk)
        except ReportError as error:
            show_error(form, error)
    document = build_document(report)
    target = t.Cell.from_key(key)
    drill_down = [
        {
            "name": entry["name"],
            "value": display(t.decode(entry["values"])[key]),
            "overridden": key in entry.get("overridden", []),
        }
        for entry in report.breakdown
    ]
    context = {
        "report": report,
        "key": key,
        "label": target.label,
        "computed": display(document.figures.computed[key]),
        "value": display(document.figures.values[key]),
        "override": document.figures.overridden.get(key),
        "history": report.overrides.filter(cell=key).select_related("set_by", "cleared_by"),
        "drill_down": drill_down,
        "failures": [failure for failure in document.failures if failure.cell == key or key in failure.related],
        "form": form,
    }
    return render(request, "backoffice/reports/cell.html", context, status=400 if form.errors else 200)


@staff_required(roles=PREPARE_ROLES)
def breakdown(request, report_id: int):
    report = report_for_staff(report_id=report_id, person=request.user)
    suit_groups = t.REVIEW_GROUPS[1:]
    rows = []
    for entry in report.breakdown:
        values = t.decode(entry["values"])
        figures = [display(values[cell.key]) if cell else None for _label, cell in BREAKDOWN_COLUMNS]
        figures[-1] = str(sum(values[t.Cell(t.TABLE_REVIEWS, (), (*group, t.TOTAL)).key] for group in suit_groups))
        rows.append({"organization_id": entry["organization_id"], "name": entry["name"], "figures": figures})
    own_reports = {
        item.organization_id: item
        for item in AnnualReport.objects.filter(
            year=report.year, organization_id__in=[row["organization_id"] for row in rows]
        )
    }
    for row in rows:
        row["report"] = own_reports.get(row["organization_id"])
    chart = {
        "names": [row["name"] for row in rows],
        "new": [int(row["figures"][5]) for row in rows],
        "done": [int(row["figures"][7]) for row in rows],
    }
    context = {
        "report": report,
        "columns": [label for label, _cell in BREAKDOWN_COLUMNS],
        "rows": rows,
        "chart": chart,
    }
    return render(request, "backoffice/reports/breakdown.html", context)


@staff_required(roles=PREPARE_ROLES)
def download(request, report_id: int, output_format: str):
    if output_format not in FORMATS:
        raise Http404
    report = report_for_staff(report_id=report_id, person=request.user)
    back = reverse("backoffice:reports:detail", kwargs={"report_id": report.pk})
    return download_job(
        request,
        render_report,
        back=back,
        as_attachment=output_format != "html",
        report_id=report.pk,
        output_format=output_format,
    )


@staff_required(roles=(Role.ADMIN, Role.OFFICE))
def deadlines(request):
    year = _year(request)
    today = timezone.localdate()
    statuses = deadline_statuses(person=request.user, year=year)
    rows = [{"status": status, "overdue": status.is_overdue(today)} for status in statuses]
    context = {
        "year": year,
        "rows": rows,
        "overdue": sum(1 for row in rows if row["overdue"]),
        "published": sum(1 for row in rows if row["status"].is_published),
        "today": today,
    }
    return render(request, "backoffice/reports/deadlines.html", context)
