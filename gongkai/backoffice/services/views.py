"""Back-office pages of service guides: the list, create and edit, review (submit, approve, return, retire),
pending changes of the legal basis or statutory limit, adoption by towns and communities, and drift."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.backoffice.decorators import staff_required
from gongkai.core.errors import AccessDenied
from gongkai.services.access import (
    can_approve_guide,
    can_edit_guide,
    editable_organizations,
    office_organizations,
    own_organizations,
)
from gongkai.services.errors import ServicesError
from gongkai.services.flowchart import flowchart_svg
from gongkai.services.guidedata import material_rows
from gongkai.services.models import GuideChange, GuideChangeStatus, GuideStatus
from gongkai.services.selectors import (
    adoptable_guides,
    change_for_staff,
    guide_drift,
    guide_for_staff,
    guide_versions,
    guides_for_staff,
    guides_with_drift,
    pending_changes_for,
    time_savings,
)
from gongkai.services.services import (
    adopt_guide,
    approve_guide,
    approve_guide_change,
    create_guide,
    follow_source,
    reject_guide_change,
    retire_guide,
    return_guide,
    submit_guide,
    update_guide,
)

from .forms import AdoptForm, GuideForm, ReasonForm, show_error


def guide_or_404(request, guide_id, action="view"):
    """The guide through its access function; unknown and out-of-scope guides alike answer 404."""
    try:
        return guide_for_staff(person=request.user, guide_id=guide_id, action=action)
    except AccessDenied as error:
        raise Http404 from error


@staff_required
def index(request):
    guides = guides_for_staff(request.user).order_by("organization__sort_order", "organization_id", "code")
    status = request.GET.get("status", "")
    if status in GuideStatus.values:
        guides = guides.filter(status=status)
    query = request.GET.get("q", "").strip()
    if query:
        guides = guides.filter(name__icontains=query)
    rows, total = time_savings(guides_for_staff(request.user).filter(status=GuideStatus.IN_FORCE))
    context = {
        "guides": guides[:300],
        "status": status,
        "statuses": GuideStatus.choices,
        "query": query,
        "changes": pending_changes_for(request.user),
        "drifting": guides_with_drift(request.user)[:50],
        "savings": rows,
        "total": total,
        "is_office": office_organizations(request.user).exists(),
        "adoptable": adoptable_for(request.user),
    }
    return render(request, "backoffice/services/index.html", context)


@staff_required
def guide_create(request):
    organizations = editable_organizations(request.user)
    form = GuideForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        try:
            guide = create_guide(
                organization=form.cleaned_data["organization"], data=form.guide_data(), actor=request.user
            )
        except ServicesError as error:
            show_error(form, error)
        else:
            messages.success(request, _("办事指南草稿已保存。"))
            return redirect("backoffice:services:guide", guide_id=guide.pk)
    status = 400 if form.errors else 200
    return render(request, "backoffice/services/guide_form.html", {"form": form, "guide": None}, status=status)


@staff_required
def guide_edit(request, guide_id: int):
    guide = guide_or_404(request, guide_id, "edit")
    form = GuideForm(request.POST or None, organizations=editable_organizations(request.user), guide=guide)
    if request.method == "POST" and form.is_valid():
        try:
            result = update_guide(
                guide=guide, data=form.guide_data(), actor=request.user, note=form.cleaned_data.get("note") or ""
            )
        except ServicesError as error:
            show_error(form, error)
        else:
            if isinstance(result, GuideChange):
                messages.info(request, _("设定依据或法定时限的修改已提交审核，审核通过后生效。"))
            else:
                messages.success(request, _("办事指南已保存。"))
            return redirect("backoffice:services:guide", guide_id=guide.pk)
    status = 400 if form.errors else 200
    return render(request, "backoffice/services/guide_form.html", {"form": form, "guide": guide}, status=status)


@staff_required
def guide_detail(request, guide_id: int):
    guide = guide_or_404(request, guide_id)
    context = {
        "guide": guide,
        "versions": guide_versions(guide)[:20],
        "changes": guide.changes.select_related("proposed_by", "decided_by")[:10],
        "drift": guide_drift(guide),
        "may_edit": can_edit_guide(request.user, guide),
        "may_approve": can_approve_guide(request.user, guide) and guide.submitted_by_id != request.user.pk,
        "reason_form": ReasonForm(),
        "materials": material_rows(guide.materials),
        "flowchart": mark_safe(  # noqa: S308 - generated by flowchart_svg, every text escaped
            flowchart_svg(guide.steps, title=guide.name, chart_id="bo-flow", promised_days=guide.promised_days)
        ),
        "pending": GuideChangeStatus.PENDING,
    }
    return render(request, "backoffice/services/guide.html", context)


ACTIONS = {
    "submit": (lambda guide, actor, reason: submit_guide(guide=guide, actor=actor), "edit", _("已提交审核。")),
    "approve": (
        lambda guide, actor, reason: approve_guide(guide=guide, actor=actor),
        "approve",
        _("审核通过，指南已生效。"),
    ),
    "return": (
        lambda guide, actor, reason: return_guide(guide=guide, actor=actor, reason=reason),
        "approve",
        _("已退回修改。"),
    ),
    "retire": (
        lambda guide, actor, reason: retire_guide(guide=guide, actor=actor, reason=reason),
        "approve",
        _("指南已停用。"),
    ),
    "follow": (
        lambda guide, actor, reason: follow_source(guide=guide, actor=actor),
        "edit",
        _("已同步上级指南的修改。"),
    ),
}


@require_POST
@staff_required
def guide_action(request, guide_id: int, action: str):
    if action not in ACTIONS:
        raise Http404
    perform, needed, done = ACTIONS[action]
    guide = guide_or_404(request, guide_id)
    guide_for_staff(person=request.user, guide_id=guide.pk, action=needed)  # AccessDenied → 403: seen, not allowed
    try:
        perform(guide, request.user, request.POST.get("reason", ""))
    except ServicesError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("backoffice:services:guide", guide_id=guide.pk)


@require_POST
@staff_required
def change_decide(request, change_id: int, decision: str):
    try:
        change = change_for_staff(person=request.user, change_id=change_id, action="approve")
    except AccessDenied as error:
        raise Http404 from error
    try:
        if decision == "approve":
            approve_guide_change(change=change, actor=request.user)
            messages.success(request, _("变更已批准，指南生成新版本。"))
        elif decision == "reject":
            reject_guide_change(change=change, actor=request.user, reason=request.POST.get("reason", ""))
            messages.success(request, _("变更已退回。"))
        else:
            raise Http404
    except ServicesError as error:
        messages.error(request, error.message)
    return redirect("backoffice:services:guide", guide_id=change.guide_id)


def adopting_organizations(person, guide):
    """Organizations in regions below the guide's that the person may edit guides for."""
    return (
        editable_organizations(person)
        .filter(region__path__startswith=guide.organization.region.path)
        .exclude(region_id=guide.organization.region_id)
    )


@staff_required
def adopt(request, guide_id: int):
    source = adoptable_source(request, guide_id)
    form = AdoptForm(request.POST or None, organizations=adopting_organizations(request.user, source))
    if request.method == "POST" and form.is_valid():
        local = dict(form.cleaned_data)
        organization = local.pop("organization")
        try:
            copy = adopt_guide(source=source, organization=organization, actor=request.user, local=local)
        except ServicesError as error:
            show_error(form, error)
        else:
            messages.success(request, _("已采用上级办事指南。"))
            return redirect("backoffice:services:guide", guide_id=copy.pk)
    context = {"source": source, "form": form}
    return render(request, "backoffice/services/adopt.html", context, status=400 if form.errors else 200)


def adoptable_for(person) -> list:
    """(organization, guides it may adopt) for the person's organizations below the county."""
    found = []
    for organization in own_organizations(person).select_related("region").filter(region__depth__gt=0)[:5]:
        guides = list(adoptable_guides(organization)[:100])
        if guides:
            found.append((organization, guides))
    return found


def adoptable_source(request, guide_id):
    """A guide of a region above one of the person's organizations, in force: what adoption may start from."""
    for organization in editable_organizations(request.user).select_related("region"):
        source = adoptable_guides(organization).filter(pk=guide_id).first()
        if source is not None:
            return source
    raise Http404
