"""The answer time limit of an inquiry, its explanation, its traffic light and the 3-month veto risk.

The due date is the N-th working day after receipt (N set per mailbox, default 5), counted on the same working-day
calendar as applications (holidays and adjusted working weekends of the organization's region). The light is the
one of `gongkai.core.lights` (red once overdue, yellow with five or fewer working days left), as for records and
applications; `light_of` is the only place engagement uses it.
"""

import calendar
from datetime import date

from django.utils.translation import gettext as _

from gongkai.core import lights
from gongkai.core.workdays import WorkCalendar, add_workdays

VETO_MONTHS = 3  # 全国政府网站检查：留言超过3个月未答复即单项否决


def answer_due(received_on: date, days: int, *, region=None) -> tuple[date, list[str]]:
    """The due date and the sentences explaining it (holidays skipped, years without a schedule)."""
    result = add_workdays(received_on, days, region=region)
    steps = [
        _("%(received)s 收到，答复时限 %(days)s 个工作日（自次日起算），期限为 %(due)s。")
        % {"received": received_on.isoformat(), "days": days, "due": result.date.isoformat()}
    ]
    holidays = [day for day in result.skipped if day.reason == "holiday"]
    if holidays:
        names = "、".join(f"{day.name or _('节假日')} {day.date.isoformat()}" for day in holidays)
        steps.append(_("跳过法定节假日：%(days)s。") % {"days": names})
    weekends = sum(1 for day in result.skipped if day.reason != "holiday")
    if weekends:
        steps.append(_("跳过周末 %(count)s 天。") % {"count": weekends})
    steps.extend(result.warnings)
    return result.date, steps


def light_of(due_on: date | None, today: date, calendar: WorkCalendar) -> str | None:
    """The inquiry's traffic light: the core light on `calendar` (the organization's region, covering both days)."""
    if due_on is None:
        return None
    return lights.classify(due_on, today, calendar).light


def veto_risk_since(today: date) -> date:
    """Inquiries received on or before this day and still unanswered put the whole site at risk of a veto."""
    month_index = today.year * 12 + today.month - 1 - VETO_MONTHS
    year, month = divmod(month_index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(today.day, last_day))
