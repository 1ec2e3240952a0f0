"""Workbench panel: open inquiries past or near their due date, the ones at veto risk first."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.backoffice.workbench import Panel
from gongkai.engagement import selectors
from gongkai.engagement.models import OPEN_INQUIRY_STATUSES

LIMIT = 8


def panels(request) -> list[Panel]:
    today = timezone.localdate()
    open_ones = selectors.inquiries_for_staff(person=request.user).filter(status__in=OPEN_INQUIRY_STATUSES)
    urgent = selectors.annotate_lights(open_ones.order_by("received_on", "due_on")[: LIMIT * 4], today)
    urgent = [inquiry for inquiry in urgent if inquiry.light in ("red", "yellow")][:LIMIT]
    items = [
        {
            "label": f"{inquiry.tracking_code} · {inquiry.subject}",
            "url": reverse("backoffice:engagement:inquiry", kwargs={"inquiry_id": inquiry.pk}),
            "light": inquiry.light,
            "meta": (_("超过3个月未答复") + " · " if inquiry.veto_risk else "")
            + _("期限 %(due)s · %(status)s") % {"due": inquiry.due_on, "status": inquiry.get_status_display()},
        }
        for inquiry in urgent
    ]
    return [
        Panel(
            title=_("群众咨询：临近或超过答复期限"),
            items=items,
            more_url=reverse("backoffice:engagement:index") + "?view=overdue",
            empty_text=_("没有临近或超过期限的咨询。"),
            count=selectors.overdue(open_ones, today).count(),
        )
    ]
