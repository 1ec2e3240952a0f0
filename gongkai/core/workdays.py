"""The working-day calendar: Monday to Friday, minus holidays, plus adjusted working weekends (调休).

The database (`ScheduleYear`, `WorkdayOverride`) is the source of truth for the State Council's yearly schedules.
The statutory holidays of 《全国年节及纪念日放假办法》 (`gongkai.core.statutory`) are never working days, whether the
year's schedule is loaded or not. A year without a loaded schedule is *provisional*: its 调休 and the days joined
around each holiday are unknown, so every computation that passes through it says so in its warnings (the same
sentence a person then reads next to the date) instead of guessing silently.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .statutory import provisional_warning, statutory_holidays


@dataclass(frozen=True)
class SkippedDay:
    date: date
    reason: str  # "weekend" or "holiday"
    name: str = ""

    def as_dict(self) -> dict:
        return {"date": self.date.isoformat(), "reason": self.reason, "name": self.name}


@dataclass
class WorkdayResult:
    date: date
    skipped: list[SkippedDay] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "date": self.date.isoformat(),
            "skipped": [day.as_dict() for day in self.skipped],
            "warnings": list(self.warnings),
        }


@dataclass
class CountResult:
    count: int
    warnings: list[str] = field(default_factory=list)


def missing_year_warning(year: int) -> str:
    """The warning of a provisional year (kept under this name for the calendar pages that show it)."""
    return provisional_warning(year)


def loaded_years(first: int, last: int) -> set[int]:
    from .models import ScheduleYear

    return set(ScheduleYear.objects.filter(year__gte=first, year__lte=last).values_list("year", flat=True))


def provisional_years(start: date, end: date) -> list[int]:
    """The years of [start, end] (in either order) whose State Council schedule is not loaded."""
    low, high = min(start, end), max(start, end)
    loaded = loaded_years(low.year, high.year)
    return [year for year in range(low.year, high.year + 1) if year not in loaded]


def calendar_warnings(*dates: date | None) -> list[str]:
    """The warnings a person must read next to dates computed over the span of `dates` (None ignored): one per
    provisional year. One query; an empty list when every year is loaded. Pages showing a deadline call this with
    the start of the computation and the deadline, e.g. `calendar_warnings(received_on, due_on)`."""
    known = [day for day in dates if day is not None]
    if not known:
        return []
    return [provisional_warning(year) for year in provisional_years(min(known), max(known))]


PROVISIONAL_MARK = gettext_lazy("（暂定）")  # after every date computed over a provisional year


class ProvisionalDates:
    """For pages, panels and e-mails listing many dates: which were computed over a provisional year, with one query.

    `ProvisionalDates(dates)` loads the schedules of the years the dates span; then `mark(start, end)` gives "（暂定）"
    when a year of [start, end] (a computation's start and its result, either may be None) is provisional, and
    `warnings()` the sentence of each provisional year met, for the foot of the list."""

    def __init__(self, dates):
        known = [day for day in dates if day is not None]
        self.low = min(known).year if known else 0
        self.high = max(known).year if known else -1
        self.loaded = loaded_years(self.low, self.high) if known else set()
        self.met: set[int] = set()

    def years(self, *dates: date | None) -> list[int]:
        known = [day for day in dates if day is not None]
        if not known:
            return []
        low, high = min(known).year, max(known).year
        if low < self.low or high > self.high:  # outside the span given at first: ask the database
            return [year for year in range(low, high + 1) if year not in loaded_years(low, high)]
        return [year for year in range(low, high + 1) if year not in self.loaded]

    def mark(self, *dates: date | None) -> str:
        years = self.years(*dates)
        self.met.update(years)
        return str(PROVISIONAL_MARK) if years else ""

    def warnings(self) -> list[str]:
        return [provisional_warning(year) for year in sorted(self.met)]


class WorkCalendar:
    """Working days over a loaded span of dates, for one region (national schedule plus the region's own)."""

    def __init__(self, holidays: dict[date, str], workdays: dict[date, str], loaded_years: set[int], span):
        self.holidays = holidays
        self.workdays = workdays
        self.loaded_years = loaded_years
        self.span = span

    @classmethod
    def load(cls, start: date, end: date, *, region=None) -> "WorkCalendar":
        from .models import ScheduleYear, WorkdayOverride

        region_filter = Q(region=None)
        if region is not None:
            # The region and every region above it, by the division codes of its path (no extra query).
            region_filter |= Q(region__division_code__in=[code for code in region.path.split("/") if code])
        holidays: dict[date, str] = {}
        workdays: dict[date, str] = {}
        rows = WorkdayOverride.objects.filter(region_filter, on__gte=start, on__lte=end).values_list(
            "on", "kind", "name", "region_id"
        )
        # National rows first, regional rows after, so a regional holiday wins over a national working day.
        for on, kind, name, _region_id in sorted(rows, key=lambda row: row[3] is not None):
            if kind == WorkdayOverride.Kind.HOLIDAY:
                holidays[on] = name
                workdays.pop(on, None)
            else:
                workdays[on] = name
                holidays.pop(on, None)
        years = set(
            ScheduleYear.objects.filter(year__gte=start.year, year__lte=end.year).values_list("year", flat=True)
        )
        add_statutory_holidays(holidays, workdays, start, end)
        return cls(holidays, workdays, years, (start, end))

    @property
    def provisional(self) -> bool:
        return any(year not in self.loaded_years for year in range(self.span[0].year, self.span[1].year + 1))

    def covers(self, day: date) -> bool:
        return self.span[0] <= day <= self.span[1]

    def is_workday(self, day: date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def skip_reason(self, day: date) -> SkippedDay:
        if day in self.holidays:
            return SkippedDay(day, "holiday", self.holidays[day])
        return SkippedDay(day, "weekend")

    def provisional_years(self, start: date, end: date) -> list[int]:
        low, high = min(start, end), max(start, end)
        return [year for year in range(low.year, high.year + 1) if year not in self.loaded_years]

    def warnings_for(self, start: date, end: date) -> list[str]:
        return [provisional_warning(year) for year in self.provisional_years(start, end)]

    def add(self, start: date, count: int) -> WorkdayResult | None:
        """The count-th working day strictly after start, or None when the loaded span is too short."""
        day, found, skipped = start, 0, []
        while found < count:
            day += timedelta(days=1)
            if not self.covers(day):
                return None
            if self.is_workday(day):
                found += 1
            else:
                skipped.append(self.skip_reason(day))
        return WorkdayResult(day, skipped, self.warnings_for(start, day))

    def between(self, start: date, end: date) -> CountResult:
        """Working days in (start, end]; negative when end is before start."""
        if end < start:
            result = self.between(end, start)
            return CountResult(-result.count, result.warnings)
        count = sum(1 for offset in range(1, (end - start).days + 1) if self.is_workday(start + timedelta(days=offset)))
        return CountResult(count, self.warnings_for(start, end))


def add_statutory_holidays(holidays: dict[date, str], workdays: dict[date, str], start: date, end: date) -> None:
    """Statutory holidays are rest days in every year, loaded schedule or not: no schedule (and no mistake in one)
    can make them working days. A name the schedule already gives the day is kept."""
    for year in range(start.year, end.year + 1):
        for day, name in statutory_holidays(year).items():
            if start <= day <= end:
                holidays.setdefault(day, name)
                workdays.pop(day, None)


def validate_count(count: int) -> None:
    from .errors import CoreError, CoreErrorCode

    if count < 0:
        raise CoreError(CoreErrorCode.INVALID_COUNT, _("工作日天数不能为负数。"))


def add_workdays(start: date, count: int, *, region=None) -> WorkdayResult:
    """The count-th working day strictly after start (count 0 gives start itself), with what was skipped."""
    validate_count(count)
    span_days = count * 2 + 40
    while True:
        calendar = WorkCalendar.load(start, start + timedelta(days=span_days), region=region)
        result = calendar.add(start, count)
        if result is not None:
            return result
        span_days *= 2


def workdays_between(start: date, end: date, *, region=None) -> CountResult:
    """The number of working days in (start, end]."""
    low, high = min(start, end), max(start, end)
    return WorkCalendar.load(low, high, region=region).between(start, end)


def is_workday(day: date, *, region=None) -> bool:
    return WorkCalendar.load(day, day, region=region).is_workday(day)


def mark_provisional(rows, start, end, *, attr: str = "due_mark") -> list[str]:
    """For a list page: set `attr` on each row to "（暂定）" or "" (its deadline `end(row)`, computed from
    `start(row)`, spans a provisional year), with one query; returns the warnings to show above the list."""
    rows = list(rows)
    provisional = ProvisionalDates(day for row in rows for day in (start(row), end(row)))
    for row in rows:
        setattr(row, attr, provisional.mark(start(row), end(row)))
    return provisional.warnings()
