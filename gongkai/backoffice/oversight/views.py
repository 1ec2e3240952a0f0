"""Back-office pages of assessment: schemes and their indicators, the live leaderboard with its trend, each
organization's score explained down to its records, manual deductions, the periodic-items register, reminders."""

from datetime import date

from django.contrib import messages
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.backoffice.decorators import staff_required
from gongkai.catalog.models import Item
from gongkai.core.errors import DomainError
from gongkai.orgs.access import has_role, organizations_for, regions_for
from gongkai.oversight import periodic
from gongkai.oversight.access import OFFICE_ROLES, is_overseer
from gongkai.oversight.groups import group_of
from gongkai.oversight.models import Group, Method, ReminderLog, ReminderPreference, UpdateCycle
from gongkai.oversight.reminders import KINDS
from gongkai.oversight.rules import all_rules
from gongkai.oversight.scoring import explain, leaderboard, trend
from gongkai.oversight.selectors import (
    draft_notices,
    manual_entries,
    manual_entry_for_staff,
    organization_for_scores,
    periodic_item_for_office,
    scheme_covering,
    scheme_for_staff,
    schemes_for_staff,
)
from gongkai.oversight.services import (
    activate_scheme,
    add_manual_entry,
    create_scheme,
    freeze_scheme,
    problem_from_deduction,
    publish_leaderboard,
    register_periodic_item,
    retire_periodic_item,
    revoke_manual_entry,
    save_indicator,
    save_preference,
    validate_scheme,
)

from .common import or_404


def parse_day(value: str, default: date | None = None) -> date | None:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return default


@staff_required
def index(request):
    today = timezone.localdate()
    schemes = list(schemes_for_staff(person=request.user)[:20])
    own = list(organizations_for(request.user).filter(memberships__person=request.user).distinct()[:10])
    context = {
        "schemes": schemes,
        "is_overseer": is_overseer(request.user),
        "regions": regions_for(request.user)[:50],
        "own": [(organization, group_of(organization)) for organization in own],
        "current": next((scheme for scheme in schemes if scheme.year == today.year and scheme.is_active), None),
        "year": today.year,
    }
    return render(request, "backoffice/oversight/index.html", context)


@require_POST
@staff_required(roles=OFFICE_ROLES)
def scheme_create(request):
    region = regions_for(request.user).filter(pk=request.POST.get("region") or 0).first()
    year = request.POST.get("year", "")
    if region is None or not year.isdigit():
        messages.error(request, _("请选择考核范围并填写年度。"))
        return redirect("backoffice:oversight:index")
    try:
        scheme = create_scheme(region=region, year=int(year), name=request.POST.get("name", ""), actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("backoffice:oversight:index")
    return redirect("backoffice:oversight:scheme", scheme_id=scheme.pk)


@staff_required(roles=OFFICE_ROLES)
def scheme(request, scheme_id: int):
    scheme = or_404(scheme_for_staff, person=request.user, scheme_id=scheme_id)
    indicators = scheme.indicators.order_by("group", "sort_order", "id")
    context = {
        "scheme": scheme,
        "groups": [(group, [indicator for indicator in indicators if indicator.group == group]) for group in Group],
        "problems": validate_scheme(scheme),
        "rules": all_rules(),
        "methods": Method.choices,
        "group_choices": Group.choices,
        "today": timezone.localdate(),
    }
    return render(request, "backoffice/oversight/scheme.html", context)


@require_POST
@staff_required(roles=OFFICE_ROLES)
def indicator_save(request, scheme_id: int):
    scheme = or_404(scheme_for_staff, person=request.user, scheme_id=scheme_id)
    data = request.POST
    try:
        save_indicator(
            scheme=scheme,
            actor=request.user,
            group=data.get("group", ""),
            code=data.get("code", "").strip(),
            name=data.get("name", ""),
            rule=data.get("rule", ""),
            method=data.get("method", ""),
            weight=data.get("weight", ""),
            points_each=data.get("points_each") or 0,
            description=data.get("description", ""),
            sort_order=int(data.get("sort_order") or 0) if (data.get("sort_order") or "0").isdigit() else 0,
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("指标已保存。"))
    return redirect("backoffice:oversight:scheme", scheme_id=scheme.pk)


@require_POST
@staff_required(roles=OFFICE_ROLES)
def scheme_act(request, scheme_id: int, action: str):
    scheme = or_404(scheme_for_staff, person=request.user, scheme_id=scheme_id)
    actions = {
        "activate": (lambda: activate_scheme(scheme=scheme, actor=request.user), _("方案已启用，各单位得分实时计算。")),
        "publish": (lambda: publish_leaderboard(scheme=scheme, actor=request.user), _("排行榜已在门户网站公开。")),
        "unpublish": (
            lambda: publish_leaderboard(scheme=scheme, actor=request.user, published=False),
            _("排行榜已从门户网站撤下。"),
        ),
        "freeze": (
            lambda: freeze_scheme(
                scheme=scheme, on=parse_day(request.POST.get("on", ""), date(scheme.year, 12, 31)), actor=request.user
            ),
            _("考核结果已冻结。"),
        ),
    }
    if action not in actions:
        raise Http404
    call, success = actions[action]
    try:
        call()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("backoffice:oversight:scheme", scheme_id=scheme.pk)


@staff_required(roles=OFFICE_ROLES)
def leaderboard_page(request, scheme_id: int, group: str):
    scheme = or_404(scheme_for_staff, person=request.user, scheme_id=scheme_id)
    if group not in Group.values:
        raise Http404
    today = timezone.localdate()
    board = leaderboard(scheme, group, today)
    context = {
        "scheme": scheme,
        "group": Group(group),
        "groups": Group.choices,
        "board": board,
        "indicators": board[0].indicators if board else [],
        "trend": trend(scheme, group, today, current=board) if request.GET.get("trend") != "0" else None,
        "today": today,
    }
    return render(request, "backoffice/oversight/leaderboard.html", context)


@staff_required
def score(request, scheme_id: int, organization_id: int):
    """One organization's score explained: its own staff and the office over it may look."""
    organization = or_404(organization_for_scores, person=request.user, organization_id=organization_id)
    scheme = scheme_covering(scheme_id=scheme_id, organization=organization)
    group = group_of(organization)
    if scheme is None or group is None:
        raise Http404
    entry = explain(scheme, group, organization, timezone.localdate())
    office = has_role(request.user, organization, OFFICE_ROLES)
    context = {
        "scheme": scheme,
        "organization": organization,
        "entry": entry,
        "group": Group(group),
        "drafts": draft_notices(person=request.user)[:20] if office else [],
    }
    return render(request, "backoffice/oversight/score.html", context)


@require_POST
@staff_required(roles=OFFICE_ROLES)
def score_problem(request, scheme_id: int, organization_id: int):
    """One click: an indicator's deduction becomes a problem of a draft notice."""
    organization = or_404(organization_for_scores, person=request.user, organization_id=organization_id)
    scheme = scheme_covering(scheme_id=scheme_id, organization=organization)
    group = group_of(organization)
    notice = draft_notices(person=request.user).filter(pk=request.POST.get("notice") or 0).first()
    if scheme is None or group is None:
        raise Http404
    entry = explain(scheme, group, organization, timezone.localdate())
    row = next((row for row in entry.indicators if row.code == request.POST.get("indicator")), None)
    if notice is None or row is None or not row.deductions:
        messages.error(request, _("请先选择一份草稿状态的督查通报和有扣分的指标。"))
        return redirect("backoffice:oversight:score", scheme_id=scheme.pk, organization_id=organization.pk)
    deduction = row.deductions[0]
    try:
        problem_from_deduction(
            notice=notice,
            organization=organization,
            indicator_name=row.name,
            reason=deduction.reason,
            count=deduction.count,
            points=deduction.points,
            actor=request.user,
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("backoffice:oversight:score", scheme_id=scheme.pk, organization_id=organization.pk)
    messages.success(request, _("已列入通报“%(title)s”。") % {"title": notice.title})
    return redirect("backoffice:oversight:notice", notice_id=notice.pk)


@staff_required(roles=OFFICE_ROLES)
def manual_entry(request, scheme_id: int):
    scheme = or_404(scheme_for_staff, person=request.user, scheme_id=scheme_id)
    indicators = scheme.indicators.filter(rule="oversight.manual", is_active=True)
    organizations = organizations_for(request.user, OFFICE_ROLES).filter(region__path__startswith=scheme.region.path)
    if request.method == "POST":
        indicator = indicators.filter(pk=request.POST.get("indicator") or 0).first()
        organization = organizations.filter(pk=request.POST.get("organization") or 0).first()
        if indicator is None or organization is None:
            messages.error(request, _("请选择指标和被考核单位。"))
        else:
            try:
                add_manual_entry(
                    indicator=indicator,
                    organization=organization,
                    points=request.POST.get("points", ""),
                    reason=request.POST.get("reason", ""),
                    occurred_on=parse_day(request.POST.get("occurred_on", ""), timezone.localdate()),
                    evidence=request.FILES.get("evidence"),
                    actor=request.user,
                )
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("扣分已录入，排行榜随即更新。"))
                return redirect("backoffice:oversight:manual", scheme_id=scheme.pk)
    entries = manual_entries(scheme)[:200]
    context = {
        "scheme": scheme,
        "indicators": indicators,
        "organizations": organizations.order_by("region__path", "sort_order")[:500],
        "entries": entries,
        "today": timezone.localdate(),
    }
    return render(request, "backoffice/oversight/manual.html", context)


@require_POST
@staff_required(roles=OFFICE_ROLES)
def manual_revoke(request, entry_id: int):
    """Revoke a manual deduction with a reason; the entry stays listed as revoked and the scores recompute."""
    entry = or_404(manual_entry_for_staff, person=request.user, entry_id=entry_id)
    try:
        revoke_manual_entry(entry=entry, reason=request.POST.get("reason", ""), actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("扣分已撤销，排行榜随即更新。"))
    return redirect("backoffice:oversight:manual", scheme_id=entry.indicator.scheme_id)


@staff_required(roles=OFFICE_ROLES)
def evidence(request, entry_id: int):
    entry = or_404(manual_entry_for_staff, person=request.user, entry_id=entry_id)
    return FileResponse(entry.evidence.open("rb"), as_attachment=True, filename=entry.evidence_name)


@staff_required
def periodic_register(request):
    today = timezone.localdate()
    scope = organizations_for(request.user)
    if request.method == "POST":
        register(request, scope, today)
        return redirect("backoffice:oversight:periodic")
    entries = periodic.active_entries(list(scope.values_list("pk", flat=True)))
    statuses = periodic.statuses(entries, periodic.current_period(today))
    order = {"red": 0, "yellow": 1, "green": 2}
    statuses.sort(key=lambda status: (order[status.light], status.entry.organization_id, status.entry.item.code))
    light = request.GET.get("light", "")
    context = {
        "statuses": [status for status in statuses if not light or status.light == light],
        "counts": {key: sum(1 for status in statuses if status.light == key) for key in order},
        "light": light,
        "cycles": UpdateCycle.choices,
        "may_register": is_overseer(request.user),
        "office_of": set(organizations_for(request.user, OFFICE_ROLES).values_list("pk", flat=True)),
        "organizations": organizations_for(request.user, OFFICE_ROLES).order_by("region__path", "sort_order")[:500],
        "today": today,
    }
    return render(request, "backoffice/oversight/periodic.html", context)


@require_POST
@staff_required(roles=OFFICE_ROLES)
def periodic_retire(request, entry_id: int):
    """Stop counting a periodic item from a date on (the register only grows: the entry stays, marked retired)."""
    entry = or_404(periodic_item_for_office, person=request.user, entry_id=entry_id)
    on = parse_day(request.POST.get("on", ""))
    if on is None:
        messages.error(request, _("请填写停止计算的日期。"))
        return redirect("backoffice:oversight:periodic")
    try:
        retire_periodic_item(entry=entry, on=on, reason=request.POST.get("reason", ""), actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("“%(item)s”自%(on)s起停止计算。") % {"item": entry.item.name, "on": on.isoformat()})
    return redirect("backoffice:oversight:periodic")


def register(request, scope, today: date) -> None:
    data = request.POST
    organization = organizations_for(request.user, OFFICE_ROLES).filter(pk=data.get("organization") or 0).first()
    # Adopted copies keep their source's code: prefer the item the organization itself is responsible for.
    items = Item.objects.filter(code=data.get("item_code", "").strip()).order_by("pk")
    own = Q(responsible_orgs=organization) | Q(catalog__organization=organization)
    item = (items.filter(own).first() or items.first()) if organization is not None else None
    if organization is None or item is None:
        messages.error(request, _("请选择公开主体，并填写目录中已有的事项编码。"))
        return
    try:
        register_periodic_item(
            item=item,
            organization=organization,
            cycle=data.get("cycle", ""),
            due_month=data.get("due_month") or None,
            due_day=data.get("due_day") or None,
            since=parse_day(data.get("since", ""), date(today.year, 1, 1)),
            actor=request.user,
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已登记为年度必公开项。"))


@staff_required
def reminder_settings(request):
    preference = ReminderPreference.objects.filter(person=request.user).first()
    if request.method == "POST":
        try:
            save_preference(
                person=request.user,
                actor=request.user,
                by_email=bool(request.POST.get("by_email")),
                by_sms=bool(request.POST.get("by_sms")),
                red_only=bool(request.POST.get("red_only")),
                kinds=request.POST.getlist("kinds"),
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("提醒设置已保存。"))
            return redirect("backoffice:oversight:reminders")
    context = {
        "preference": preference or ReminderPreference(by_email=True),
        "kinds": KINDS.items(),
        "log": ReminderLog.objects.filter(person=request.user)[:60],
    }
    return render(request, "backoffice/oversight/reminders.html", context)
