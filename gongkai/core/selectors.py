"""Reads of the core app."""

import calendar
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear

from .models import AuditEntry, ScheduleYear, WorkdayOverride


def audit_entries(
    *,
    organization_ids=None,
    action: str = "",
    actor: str = "",
    target: str = "",
    date_from: str = "",
    date_to: str = "",
) -> QuerySet[AuditEntry]:
    """Audit entries, newest first, filtered; `organization_ids=None` means every organization."""
    entries = AuditEntry.objects.select_related("actor")
    if organization_ids is not None:
        entries = entries.filter(organization_id__in=organization_ids)
    if action:
        entries = entries.filter(action__startswith=action)
    if actor:
        entries = entries.filter(Q(actor_label__icontains=actor) | Q(actor__full_name__icontains=actor))
    if target:
        entries = entries.filter(Q(target_label__icontains=target) | Q(target_id=target))
    for value, lookup in ((date_from, "at__date__gte"), (date_to, "at__date__lte")):
        try:
            entries = entries.filter(**{lookup: date.fromisoformat(value)}) if value else entries
        except ValueError:
            continue
    return entries


@dataclass(frozen=True)
class YearOverview:
    year: int
    schedule: ScheduleYear | None
    holidays: int
    workdays: int

    @property
    def missing(self) -> bool:
        return self.schedule is None


def schedule_years(*, today: date) -> list[YearOverview]:
    """Every loaded year, plus the years from the first loaded one to next year that have no schedule (flagged)."""
    schedules = {schedule.year: schedule for schedule in ScheduleYear.objects.all()}
    counts: dict[tuple[int, str], int] = {
        (row["year"], row["kind"]): row["n"]
        for row in WorkdayOverride.objects.filter(region=None)
        .annotate(year=ExtractYear("on"))
        .values("year", "kind")
        .annotate(n=Count("id"))
    }
    first = min(schedules, default=today.year)
    years = set(schedules) | set(range(min(first, today.year), today.year + 2))
    return [
        YearOverview(
            year,
            schedules.get(year),
            counts.get((year, WorkdayOverride.Kind.HOLIDAY), 0),
            counts.get((year, WorkdayOverride.Kind.WORKDAY), 0),
        )
        for year in sorted(years, reverse=True)
    ]


def missing_schedule_years(*, today: date) -> list[int]:
    """This year and next year when their schedule is not loaded (what the office must do next)."""
    loaded = set(ScheduleYear.objects.filter(year__in=(today.year, today.year + 1)).values_list("year", flat=True))
    return [year for year in (today.year, today.year + 1) if year not in loaded]


def national_overrides(year: int) -> list[WorkdayOverride]:
    return list(WorkdayOverride.objects.filter(region=None, on__year=year).order_by("on"))


def region_by_division_code(code: str):
    """The region with this division code, or None. `core` sits below `orgs`, so it reaches `orgs.Region` only
    through the model its calendar refers to (`WorkdayOverride.region`), never by importing `orgs`."""
    region_model = WorkdayOverride._meta.get_field("region").related_model
    return region_model.objects.filter(division_code=code).first()


def regional_holidays(*, year: int, region_ids=None) -> QuerySet[WorkdayOverride]:
    """Regional extra holidays of a year, limited to `region_ids` when given."""
    holidays = WorkdayOverride.objects.filter(on__year=year).exclude(region=None).select_related("region")
    if region_ids is not None:
        holidays = holidays.filter(region_id__in=region_ids)
    return holidays.order_by("on", "region__path")


def schedule_lines(year: int) -> str:
    """A year's national schedule in the office's text format (see services.parse_schedule_lines), runs of
    consecutive days with the same name written as ranges, so that loading the text back changes nothing."""
    lines: list[str] = []
    run: list[WorkdayOverride] = []

    def flush():
        if not run:
            return
        first, last = run[0].on, run[-1].on
        head = first.isoformat() if first == last else f"{first.isoformat()}..{last.isoformat()}"
        name = run[0].name
        if run[0].kind == WorkdayOverride.Kind.WORKDAY and not name.startswith(("上班", "调休上班")):
            name = f"上班 {name}".strip()
        lines.append(f"{head} {name}".rstrip())
        run.clear()

    for override in national_overrides(year):
        previous = run[-1] if run else None
        if previous and (
            previous.kind != override.kind or previous.name != override.name or (override.on - previous.on).days != 1
        ):
            flush()
        run.append(override)
    flush()
    return "\n".join(lines)


def month_grid(year: int, month: int, *, holidays: dict, workdays: dict) -> list[list[dict | None]]:
    """Weeks (Monday first) of one month; each day says whether it is a working day and why not."""
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        row = []
        for day in week:
            if day.month != month:
                row.append(None)
                continue
            if day in workdays:
                kind, name = "adjusted", workdays[day]
            elif day in holidays:
                kind, name = "holiday", holidays[day]
            elif day.weekday() >= 5:
                kind, name = "weekend", ""
            else:
                kind, name = "workday", ""
            row.append({"date": day, "kind": kind, "name": name})
        weeks.append(row)
    return weeks
