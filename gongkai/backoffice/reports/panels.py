"""Workbench panels of annual reports: overdue reports for the office, this year's report for everyone else."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.backoffice.workbench import Panel
from gongkai.orgs.access import roles_of
from gongkai.orgs.models import Role
from gongkai.reports.models import ReportStatus
from gongkai.reports.selectors import PREPARE_ROLES, deadline_statuses, default_report_year, reports_for_staff

SHOWN = 8


def panels(request) -> list[Panel]:
    roles = roles_of(request.user)
    if not roles & set(PREPARE_ROLES):
        return []
    today = timezone.localdate()
    year = default_report_year(today)
    if roles & {Role.ADMIN, Role.OFFICE}:
        return [_deadline_panel(request, year, today)]
    return [_own_panel(request, year)]


def _deadline_panel(request, year: int, today) -> Panel:
    statuses = [status for status in deadline_statuses(person=request.user, year=year) if not status.is_published]
    statuses.sort(key=lambda status: (status.deadline, status.organization.pk))
    items = []
    for status in statuses[:SHOWN]:
        overdue = status.is_overdue(today)
        url = (
            reverse("backoffice:reports:detail", kwargs={"report_id": status.report.pk})
            if status.report
            else reverse("backoffice:reports:deadlines") + f"?year={year}"
        )
        items.append(
            {
                "label": status.organization.name,
                "url": url,
                "light": "red" if overdue else "yellow",
                "meta": (_("已逾期，应于%(date)s前发布") if overdue else _("应于%(date)s前发布"))
                % {"date": f"{status.deadline:%Y-%m-%d}"},
            }
        )
    return Panel(
        _("%(year)s年度报告未发布") % {"year": year},
        items=items,
        more_url=reverse("backoffice:reports:deadlines") + f"?year={year}",
        count=len(statuses),
        empty_text=_("所有机关的年度报告均已发布。"),
    )


def _own_panel(request, year: int) -> Panel:
    reports = list(reports_for_staff(person=request.user, year=year))
    items = [
        {
            "label": report.title,
            "url": reverse("backoffice:reports:detail", kwargs={"report_id": report.pk}),
            "light": "green" if report.status == ReportStatus.PUBLISHED else "yellow",
            "meta": report.get_status_display(),
        }
        for report in reports[:SHOWN]
    ]
    if not reports:
        items.append(
            {
                "label": _("编制%(year)s年政府信息公开工作年度报告") % {"year": year},
                "url": reverse("backoffice:reports:index"),
                "light": "yellow",
            }
        )
    return Panel(_("年度报告"), items=items, more_url=reverse("backoffice:reports:index"))
