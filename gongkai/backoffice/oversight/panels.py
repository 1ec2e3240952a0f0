"""Workbench panels of oversight: red and yellow periodic items, and rectification problems waiting for someone."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.backoffice.workbench import Panel
from gongkai.orgs.access import organizations_for
from gongkai.oversight import periodic
from gongkai.oversight.models import ProblemStatus
from gongkai.oversight.selectors import annotate_problem_lights, problems_by_urgency, problems_for_staff

SHOWN = 8


def panels(request) -> list[Panel]:
    today = timezone.localdate()
    return [periodic_panel(request, today), problems_panel(request, today)]


def periodic_panel(request, today) -> Panel:
    ids = list(organizations_for(request.user).values_list("pk", flat=True))
    statuses = [
        status
        for status in periodic.statuses(periodic.active_entries(ids), periodic.current_period(today))
        if status.light in ("red", "yellow")
    ]
    statuses.sort(key=lambda status: status.light != "red")
    url = reverse("backoffice:oversight:periodic")
    items = [
        {
            "label": f"{status.entry.organization.display_name} · {status.entry.item.name}",
            "url": f"{url}?light={status.light}",
            "light": status.light,
            "meta": status.entry.get_cycle_display(),
        }
        for status in statuses[:SHOWN]
    ]
    return Panel(
        _("年度必公开项预警"),
        items=items,
        more_url=url,
        count=len(statuses),
        empty_text=_("必公开项均已按期更新。"),
    )


def problems_panel(request, today) -> Panel:
    waiting = problems_for_staff(person=request.user).filter(
        status__in=(ProblemStatus.OPEN, ProblemStatus.RETURNED, ProblemStatus.ANSWERED), notice__status="issued"
    )
    rows = annotate_problem_lights(problems_by_urgency(waiting)[:SHOWN], today)
    items = []
    for problem in rows:
        reason = problem.light_reason
        items.append(
            {
                "label": f"{problem.organization.display_name} · {problem.description[:30]}",
                "url": reverse("backoffice:oversight:problem", kwargs={"problem_id": problem.pk}),
                # Answered problems wait for the office's acceptance, not for the organization: shown green.
                "light": problem.light or "green",
                "meta": f"{reason} · {problem.get_status_display()}" if reason else problem.get_status_display(),
            }
        )
    return Panel(
        _("督查整改"),
        items=items,
        more_url=reverse("backoffice:oversight:problems"),
        count=waiting.count(),
        empty_text=_("没有待办的整改问题。"),
    )
