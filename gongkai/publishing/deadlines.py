"""Disclosure deadlines and traffic lights.

A record is due a number of working days after its date written (成文日期): the time limit of its linked catalog
item, or — when it has none or the item's limit is not a working-day rule — the 20 working days of Art 26 of the
Regulations. The light is the one of `gongkai.core.lights` (green with more than five working days left, yellow with
five or fewer, red once overdue), on the calendar of the record's region.
"""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gongkai.core import lights
from gongkai.core.workdays import WorkCalendar, add_workdays

STATUTORY_WORKDAYS = 20  # 《政府信息公开条例》第二十六条
YELLOW_WORKDAYS = lights.YELLOW_WORKDAYS


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
    return [item.due_date(record.written_on, region=region, event_on=record.event_on) for item in record.items.all()]


def light(due_on: date | None, today: date, calendar: WorkCalendar) -> str | None:
    """The light of an unpublished record due on `due_on` (see `gongkai.core.lights`; `calendar` covers both)."""
    if due_on is None:
        return None
    return lights.classify(due_on, today, calendar).light


def working_days_left(due_on: date, today: date, calendar: WorkCalendar) -> int:
    return calendar.between(today, due_on).count


def annotate_lights(records, today: date) -> list:
    """Set `light`, `light_label`, `days_left` and `calendar_warnings` on each record, with the core light on the
    calendar of the record's organization's region: one calendar per region, no query per record."""
    records = list(records)
    found = lights.lights_for(
        {record.pk: (record.due_on, record.organization.region) for record in records if record.due_on is not None},
        today=today,
    )
    for record in records:
        signal = found.get(record.pk)
        record.light = signal.light if signal else None
        record.light_label = signal.label if signal else ""
        record.days_left = signal.days_left if signal else None
        record.calendar_warnings = signal.warnings if signal else []
        record.light_reason = light_reason(record)
    return records


def light_reason(record) -> str:
    """Why a record has its light, in words ("公开期限已过", "公开期限剩 3 个工作日"); empty without a light."""
    if record.light is None:
        return ""
    if record.light == lights.Light.RED:
        return _("公开期限已过")
    if not record.days_left:
        return _("公开期限今日到期")
    return ngettext("公开期限剩 %(days)d 个工作日", "公开期限剩 %(days)d 个工作日", record.days_left) % {
        "days": record.days_left
    }
