"""Workbench panel: the person's open applications that are red or yellow, most urgent first."""

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.applications import selectors
from gongkai.applications.models import OPEN_STATUSES
from gongkai.backoffice.workbench import Panel
from gongkai.core.workdays import calendar_warnings, provisional_years

LIMIT = 8


def meta(application, reason: str, provisional: set[int]) -> str:
    deadline = selectors.deadline_of(application)
    text = _("%(reason)s（%(due)s）· %(status)s") % {
        "reason": reason,
        "due": deadline or "—",
        "status": application.get_status_display(),
    }
    if deadline and deadline.year in provisional:
        text += _("（暂定）")
    return text


def panels(request) -> list[Panel]:
    today = timezone.localdate()
    open_ones = selectors.applications_for_staff(person=request.user).filter(status__in=OPEN_STATUSES)
    red = selectors.filter_by_light(open_ones, selectors.Light.RED, today)
    yellow = selectors.filter_by_light(open_ones, selectors.Light.YELLOW, today)
    urgent = (list(red.order_by("deadline")[:LIMIT]) + list(yellow.order_by("deadline")[:LIMIT]))[:LIMIT]
    urgency = selectors.urgency_for(urgent, today) if urgent else {}
    latest = open_ones.aggregate(latest=Max("due_on"))["latest"]
    provisional = set(provisional_years(today, latest)) if latest else set()
    items = [
        {
            "label": f"{application.tracking_code} · {application.organization.display_name}",
            "url": reverse("backoffice:applications:detail", kwargs={"application_id": application.pk}),
            "light": urgency[application.pk][0],
            "meta": meta(application, urgency[application.pk][1], provisional),
        }
        for application in urgent
    ]
    return [
        Panel(
            title=_("依申请公开：临近或超过期限"),
            items=items,
            more_url=reverse("backoffice:applications:index") + "?light=red",
            empty_text=_("没有临近或超过期限的申请。"),
            count=red.count() + yellow.count(),
            warnings=calendar_warnings(today, latest) if latest else [],
        )
    ]
