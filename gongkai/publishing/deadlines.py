"""Disclosure deadlines and traffic lights.

A record is due a number of working days after its date written (成文日期): the time limit of its linked catalog
item, or — when it has none or the item's limit is not a working-day rule — the 20 working days of Art 26 of the
Regulations. The light is green with more than five working days left, yellow with five or fewer, red once overdue.
"""

from datetime import date

from gongkai.core.workdays import WorkCalendar, add_workdays

from .models import Light

STATUTORY_WORKDAYS = 20  # 《政府信息公开条例》第二十六条
YELLOW_WORKDAYS = 5


def due_date(record) -> date | None:
    """The earliest due date of the record's linked items, else the statutory 20 working days."""
    region = record.organization.region
    dates = [result.date for result in item_due_dates(record, region) if result is not None]
    if dates:
        return min(dates)
    return add_workdays(record.written_on, STATUTORY_WORKDAYS, region=region).date


def item_due_dates(record, region) -> list:
    if record.pk is None or not hasattr(record, "items"):
        return []
    return [item.due_date(record.written_on, region=region) for item in record.items.all()]


def light(due_on: date | None, today: date, calendar: WorkCalendar) -> str | None:
    """The light of an unpublished record due on `due_on`, counted with `calendar` (which must cover both days)."""
    if due_on is None:
        return None
    if today > due_on:
        return Light.RED
    if calendar.between(today, due_on).count <= YELLOW_WORKDAYS:
        return Light.YELLOW
    return Light.GREEN


def working_days_left(due_on: date, today: date, calendar: WorkCalendar) -> int:
    return calendar.between(today, due_on).count


def annotate_lights(records, today: date) -> list:
    """Set `light` and `days_left` on each record, loading one calendar per region: no query per record."""
    records = list(records)
    by_region: dict = {}
    for record in records:
        if record.due_on is not None:
            by_region.setdefault(record.organization.region, []).append(record)
    for region, group in by_region.items():
        low = min([today, *[record.due_on for record in group]])
        high = max([today, *[record.due_on for record in group]])
        calendar = WorkCalendar.load(low, high, region=region)
        for record in group:
            record.light = light(record.due_on, today, calendar)
            record.days_left = calendar.between(today, record.due_on).count
    for record in records:
        if record.due_on is None:
            record.light, record.days_left = None, None
    return records
