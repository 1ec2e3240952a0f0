"""Recomputing open inquiries' due dates when the working-day calendar changes (the State Council's schedule of a
year loaded or corrected, a region's extra holiday): the clock keeps its receipt date and working days."""

from django.db import transaction
from django.utils.translation import gettext as _

from ..deadlines import answer_due
from ..models import OPEN_INQUIRY_STATUSES, Inquiry
from .common import log


@transaction.atomic
def recompute_due_dates(*, years=None, actor=None) -> int:
    """Recompute every open inquiry received in or after the year before the earliest changed year; an inquiry
    whose due date moves gets a new explanation (ending with what moved and why) and an audit entry."""
    inquiries = Inquiry.objects.select_related("organization__region").filter(status__in=OPEN_INQUIRY_STATUSES)
    if years:
        inquiries = inquiries.filter(received_on__year__gte=min(years) - 1)
    changed = 0
    for inquiry in inquiries.select_for_update(of=("self",)).order_by("pk"):
        due_on, steps = answer_due(inquiry.received_on, inquiry.answer_days, region=inquiry.organization.region)
        if due_on == inquiry.due_on and steps == inquiry.due_steps:
            continue
        before = inquiry.due_on
        if due_on != before:
            reason = (
                _("%(years)s年节假日安排已更新") % {"years": "、".join(str(year) for year in sorted(years))}
                if years
                else _("节假日安排已更新")
            )
            steps.append(
                _("%(reason)s：答复期限由 %(old)s 调整为 %(new)s。")
                % {"reason": reason, "old": before.isoformat(), "new": due_on.isoformat()}
            )
            changed += 1
        inquiry.due_on, inquiry.due_steps = due_on, steps
        inquiry.save(update_fields=["due_on", "due_steps"])
        if due_on != before:
            log(
                "inquiry.due_recomputed",
                actor=actor,
                target=inquiry,
                data={"old_due_on": before.isoformat(), "due_on": due_on.isoformat(), "years": sorted(years or ())},
            )
    return changed
