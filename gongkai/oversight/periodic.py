"""Periods of the periodic-items register and which of them got their record on time, late or not at all.

A monthly, quarterly or half-yearly item's period ends with its month, quarter or half; its record is due
`grace_days` days later. A yearly item's period is the calendar year and its record is due on the fixed date.
A period counts once it is due on or before the day assessed and it ended on or after the item's `since`.
Periods take records in order, each record serving one period only: a period takes its earliest unused record
published between its start and its due date (on time), else one published after its due date up to the next
period's due date (late); without either it is missing once its due date has passed. Event-driven items have no
periods (their records' own deadlines count in "records published late").
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from gongkai.core.assessment import Period
from gongkai.publishing.models import Record

from .models import PeriodicItem, UpdateCycle

MONTHS_PER_PERIOD = {UpdateCycle.MONTHLY: 1, UpdateCycle.QUARTERLY: 3, UpdateCycle.HALF_YEARLY: 6}
YELLOW_DAYS = 7


class Outcome:
    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"
    PENDING = "pending"  # not due yet


@dataclass(frozen=True)
class Window:
    start: date
    end: date
    due: date

    @property
    def label(self) -> str:
        if self.start.month == 1 and self.end.month == 12:
            return f"{self.start.year}年"
        if self.start.month == self.end.month:
            return f"{self.start.year}年{self.start.month}月"
        return f"{self.start.year}年{self.start.month}—{self.end.month}月"


@dataclass
class PeriodResult:
    window: Window
    outcome: str
    published_on: date | None = None


@dataclass
class ItemStatus:
    entry: PeriodicItem
    periods: list[PeriodResult] = field(default_factory=list)
    light: str = "green"


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def yearly_due(entry: PeriodicItem, year: int) -> date:
    day = min(entry.due_day, calendar.monthrange(year, entry.due_month)[1])
    return date(year, entry.due_month, day)


def windows(entry: PeriodicItem, year: int) -> list[Window]:
    """Every period of `entry` that ends in `year` (its due date may fall in the next year)."""
    if entry.cycle == UpdateCycle.YEARLY:
        return [Window(date(year, 1, 1), date(year, 12, 31), yearly_due(entry, year))]
    step = MONTHS_PER_PERIOD.get(entry.cycle)
    if step is None:
        return []
    result = []
    for first in range(1, 13, step):
        end = month_end(year, first + step - 1)
        result.append(Window(date(year, first, 1), end, end + timedelta(days=entry.grace_days)))
    return result


def counted(entry: PeriodicItem, window: Window) -> bool:
    if window.end < entry.since:
        return False
    return entry.retired_on is None or window.start < entry.retired_on


def classify(window: Window, next_due: date, dates: list[date], as_of: date, used: set[date]) -> PeriodResult:
    """The period's outcome; the record it uses is added to `used`, so one record never serves two periods."""
    free = sorted(day for day in dates if day not in used and day <= as_of)
    on_time = [day for day in free if window.start <= day <= window.due]
    if on_time:
        used.add(on_time[0])
        return PeriodResult(window, Outcome.ON_TIME, on_time[0])
    late = [day for day in free if window.due < day <= next_due]
    if late:
        used.add(late[0])
        return PeriodResult(window, Outcome.LATE, late[0])
    if window.due >= as_of:
        return PeriodResult(window, Outcome.PENDING)
    return PeriodResult(window, Outcome.MISSING)


def local_day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(start, time.min), tz),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz),
    )


def publication_dates(entries: list[PeriodicItem], start: date, end: date) -> dict[tuple[int, int], list[date]]:
    """(item, organization) → local publication dates of the records linked to that item, in one query."""
    if not entries:
        return {}
    low, high = local_day_bounds(start, end)
    links = Record.items.through.objects.filter(
        item_id__in={entry.item_id for entry in entries},
        record__published_at__gte=low,
        record__published_at__lt=high,
        record__organization_id__in={entry.organization_id for entry in entries},
    ).values_list("item_id", "record__organization_id", "record__published_at")
    result: dict[tuple[int, int], list[date]] = {}
    for item_id, organization_id, published_at in links:
        result.setdefault((item_id, organization_id), []).append(timezone.localdate(published_at))
    return result


def statuses(entries, period: Period, *, lights: bool = True) -> list[ItemStatus]:
    """The outcome of every counted period of every entry, up to `period.end`, with one query for the records;
    the workbench's lights too unless `lights` is False (scoring needs none)."""
    entries = list(entries)
    year = period.start.year
    dates = publication_dates(entries, date(year, 1, 1), date(year + 1, 12, 31))
    result = []
    for entry in entries:
        status = ItemStatus(entry)
        own = dates.get((entry.item_id, entry.organization_id), [])
        spans = windows(entry, year) + windows(entry, year + 1)[:1]
        used: set[date] = set()
        for window, following in zip(spans, spans[1:], strict=False):
            if window.start <= period.end and counted(entry, window):
                status.periods.append(classify(window, following.due, own, period.end, used))
        if lights:
            status.light = light_of(entry, status, period.end)
        result.append(status)
    return result


def light_of(entry: PeriodicItem, status: ItemStatus, today: date) -> str:
    """Red when the last period that fell due is missing; yellow when the running period still has no record and
    is due within a week; green otherwise (and always for event-driven items)."""
    if entry.cycle == UpdateCycle.EVENT:
        return "green"
    due = [result for result in status.periods if result.window.due < today]
    if due and due[-1].outcome == Outcome.MISSING:
        return "red"
    running = [result for result in status.periods if result.window.due >= today]
    if running and running[0].outcome == Outcome.PENDING and (running[0].window.due - today).days <= YELLOW_DAYS:
        return "yellow"
    return "green"


def active_entries(organization_ids=None):
    entries = PeriodicItem.objects.select_related("item", "organization").exclude(cycle=UpdateCycle.EVENT)
    if organization_ids is not None:
        entries = entries.filter(organization_id__in=organization_ids)
    return entries


def current_period(today: date) -> Period:
    return Period(date(today.year, 1, 1), today)
