"""The one traffic light (红黄绿灯) of every deadline in Gongkai: records, applications and whatever comes later.

- red (已超期): the deadline has passed (it is before today);
- yellow (临近期限): `YELLOW_WORKDAYS` working days or fewer are left (the working days in (today, deadline], so a
  deadline of today is yellow with 0 left);
- green (正常): more are left, or the clock is stopped (no deadline while waiting for the applicant).

Working days are always counted on the calendar of the organization's region (national schedule, statutory holidays
and the region's extra holidays), the same calendar that computed the deadline. A light over a provisional year
(no State Council schedule loaded) carries that year's warning.

Use `light_for` for one deadline, `lights_for` for many (one calendar per region), and `yellow_until` to filter a
query ("deadline <= yellow_until(today, region)").
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from django.utils.translation import gettext_lazy

from .workdays import WorkCalendar, add_workdays

YELLOW_WORKDAYS = 5


class Light(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


LABELS = {Light.GREEN: gettext_lazy("正常"), Light.YELLOW: gettext_lazy("临近期限"), Light.RED: gettext_lazy("已超期")}


@dataclass(frozen=True)
class DeadlineLight:
    """A deadline's light, its label, the working days left (negative: overdue by that many) and warnings."""

    light: Light
    deadline: date | None
    days_left: int | None
    warnings: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(LABELS[self.light])


def classify(
    deadline: date | None, today: date, calendar: WorkCalendar, *, yellow_workdays: int = YELLOW_WORKDAYS
) -> DeadlineLight:
    """The light of `deadline` counted with `calendar`, which must cover today and the deadline. A kind of deadline
    whose steps are short (a village issue's one-day steps, a rectification's few days) passes its own
    `yellow_workdays`; everything else about the light is the same for every deadline."""
    if deadline is None:
        return DeadlineLight(Light.GREEN, None, None)
    left = calendar.between(today, deadline).count
    if deadline < today:
        light = Light.RED
    elif left <= yellow_workdays:
        light = Light.YELLOW
    else:
        light = Light.GREEN
    return DeadlineLight(light, deadline, left, calendar.warnings_for(min(today, deadline), max(today, deadline)))


def light_for(
    deadline: date | None, *, today: date, region=None, yellow_workdays: int = YELLOW_WORKDAYS
) -> DeadlineLight:
    """The light of one deadline of an organization in `region` (None: the national calendar only)."""
    if deadline is None:
        return DeadlineLight(Light.GREEN, None, None)
    calendar = WorkCalendar.load(min(today, deadline), max(today, deadline), region=region)
    return classify(deadline, today, calendar, yellow_workdays=yellow_workdays)


def lights_for(deadlines: dict, *, today: date, yellow_workdays: int = YELLOW_WORKDAYS) -> dict:
    """{key: (deadline, region)} → {key: DeadlineLight}, loading one calendar per region (no query per key)."""
    by_region: dict = {}
    for key, (deadline, region) in deadlines.items():
        by_region.setdefault(region, []).append((key, deadline))
    result = {}
    for region, group in by_region.items():
        dates = [today, *[deadline for _key, deadline in group if deadline is not None]]
        calendar = WorkCalendar.load(min(dates), max(dates), region=region)
        for key, deadline in group:
            result[key] = classify(deadline, today, calendar, yellow_workdays=yellow_workdays)
    return result


def yellow_until(today: date, *, region=None) -> date:
    """The last deadline that is still yellow today: the day before the (YELLOW_WORKDAYS + 1)-th working day."""
    return add_workdays(today, YELLOW_WORKDAYS + 1, region=region).date - timedelta(days=1)
