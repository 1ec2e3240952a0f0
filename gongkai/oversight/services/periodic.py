"""Writing the periodic-items register: entries are added, and retired from a date on, never removed."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import audit

from ..access import require_office_for
from ..errors import OversightError, OversightErrorCode
from ..models import PeriodicItem, UpdateCycle
from ..scoring import scores_changed


def check_cycle(cycle: str, due_month, due_day) -> None:
    if cycle not in UpdateCycle.values:
        raise OversightError(OversightErrorCode.INVALID, _("请选择更新周期。"), field="cycle")
    if cycle != UpdateCycle.YEARLY:
        return
    if not due_month or not due_day or not 1 <= int(due_month) <= 12 or not 1 <= int(due_day) <= 31:
        raise OversightError(
            OversightErrorCode.INVALID, _("每年更新的事项须填写截止月份（1—12）和日期（1—31）。"), field="due_month"
        )


def register_periodic_item(
    *, item, organization, cycle: str, since: date, actor, due_month=None, due_day=None, grace_days: int = 10, note=""
) -> PeriodicItem:
    """Add `item` to `organization`'s register, or change its cycle (an item is registered once per organization)."""
    require_office_for(actor, organization)
    check_cycle(cycle, due_month, due_day)
    yearly = cycle == UpdateCycle.YEARLY
    with transaction.atomic():
        entry, created = PeriodicItem.objects.update_or_create(
            item=item,
            organization=organization,
            defaults={
                "cycle": cycle,
                "due_month": int(due_month) if yearly else None,
                "due_day": int(due_day) if yearly else None,
                "grace_days": grace_days,
                "since": since,
                "note": note,
                "retired_on": None,
                "created_by": actor,
            },
        )
        audit.log(
            "oversight.periodic_item.registered",
            actor=actor,
            target=entry,
            organization=organization,
            data={"item": item.code, "cycle": cycle, "created": created},
        )
        scores_changed()
    return entry


def retire_periodic_item(*, entry: PeriodicItem, on: date, reason: str, actor) -> PeriodicItem:
    """Stop counting the entry's periods that start on or after `on`; the entry itself stays in the register."""
    require_office_for(actor, entry.organization)
    if not (reason or "").strip():
        raise OversightError(OversightErrorCode.REASON_REQUIRED, _("请写明停止计算的理由。"), field="reason")
    with transaction.atomic():
        entry = PeriodicItem.objects.select_for_update().select_related("item").get(pk=entry.pk)
        if entry.retired_on is not None:
            raise OversightError(
                OversightErrorCode.ILLEGAL_TRANSITION,
                _("该事项已于%(on)s停止计算。") % {"on": entry.retired_on.isoformat()},
            )
        if on < entry.since:
            raise OversightError(
                OversightErrorCode.INVALID,
                _("停止计算日期不能早于纳入清单日期（%(since)s）。") % {"since": entry.since.isoformat()},
                field="on",
            )
        entry.retired_on = on
        entry.note = reason.strip()[:300]
        entry.save(update_fields=["retired_on", "note"])
        audit.log(
            "oversight.periodic_item.retired",
            actor=actor,
            target=entry,
            organization=entry.organization_id,
            data={"item": entry.item.code, "on": on.isoformat(), "reason": entry.note},
        )
        scores_changed()
    return entry
