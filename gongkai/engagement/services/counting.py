"""Reading counts, shares and 有用/没用 ratings: one row per object and day, incremented atomically.

No person, address or cookie is stored: only how many. The increment is a single UPDATE … SET n = n + 1; the first
event of a day creates the row, and when two requests race to create it the loser's insert fails on the unique
constraint inside a savepoint and it increments the winner's row instead, so no event is lost or counted twice.
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ..errors import EngagementError, EngagementErrorCode
from ..models import CountedEvent, CountedKind, DailyCount

FIELDS = {
    CountedEvent.VIEW: "views",
    CountedEvent.SHARE: "shares",
    CountedEvent.USEFUL: "useful",
    CountedEvent.NOT_USEFUL: "not_useful",
}


def check_event(kind: str, event: str) -> str:
    if kind not in CountedKind.values or event not in CountedEvent.values:
        raise EngagementError(EngagementErrorCode.INVALID, _("未知的计数对象或事件。"))
    return FIELDS[event]


def count_event(*, kind: str, object_id: int, event: str, day: date | None = None) -> None:
    """Add one event to the day's row (today in Asia/Shanghai by default)."""
    field = check_event(kind, event)
    day = day or timezone.localdate()
    key = {"kind": kind, "object_id": int(object_id), "day": day}
    if DailyCount.objects.filter(**key).update(**{field: F(field) + 1}):
        return
    try:
        with transaction.atomic():
            DailyCount.objects.create(**key, **{field: 1})
    except IntegrityError:
        DailyCount.objects.filter(**key).update(**{field: F(field) + 1})
