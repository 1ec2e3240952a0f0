"""Structured time limits (公开时限): parsing the catalog's text and computing when information is due.

What `TimeLimit.due_date(formed_on)` returns for each rule (a `gongkai.core.workdays.WorkdayResult`, or None):
- WORKING_DAYS N ("自信息形成或者变更之日起20个工作日内"): the N-th working day after `formed_on` (the formation
  day itself is not counted, 条例第二十六条 and the general rule that the first day of a period is not counted),
  skipping weekends and holidays and counting adjusted working weekends (调休), per the region's calendar.
- CALENDAR_DAYS N ("30日内"): `formed_on` + N calendar days; when that day is not a working day the period ends on
  the next working day (《民法典》第二百零三条: a period whose last day is a holiday ends on the day after it).
- REAL_TIME ("实时公开"): `formed_on` itself (same day).
- PROMPTLY ("及时公开"): None: the rule sets no computable date.
- PUBLICITY N alone ("公示7个工作日"): None: it says how long a notice stays up, not when it must go up; use
  `publicity_end(published_on)` for the end of the publicity period. When a text has both a deadline and a
  publicity period ("10个工作日内，公示7个工作日"), the deadline gives the due date and `publicity_days` the period.
- YEARLY month/day ("每年1月31日前"): the first such date on or after `formed_on` (that date, not moved for holidays:
  "前" fixes the last day).
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from django.utils.translation import gettext as _

from gongkai.core.workdays import WorkdayResult, add_workdays, is_workday

from .models.choices import TimeLimitKind

CHINESE_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
NUMBER = r"([0-9０-９]+|[零〇一二两三四五六七八九十百]+)"

WORKING_DAYS_PATTERN = re.compile(NUMBER + r"个?工作日(?:内|以内)")
CALENDAR_DAYS_PATTERN = re.compile(NUMBER + r"(?:个自然日|个日历日|日|天)(?:内|以内)")
PUBLICITY_PATTERN = re.compile(r"公示(?:期(?:为|不少于|不得少于)?)?" + NUMBER + r"个?工作日")
YEARLY_PATTERN = re.compile(r"每年" + NUMBER + r"月" + NUMBER + r"日(?:前|之前|以前)")
REAL_TIME_PATTERN = re.compile(r"实时")
PROMPTLY_PATTERN = re.compile(r"及时|即时|随时")


def chinese_number(text: str) -> int:
    """'20', '２０', '二十', '十五', '一百二十' → int."""
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for char in text:
        if char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = CHINESE_DIGITS[char]
    return total + current


@dataclass(frozen=True)
class TimeLimit:
    kind: str
    days: int | None = None
    month: int | None = None
    day: int | None = None
    publicity_days: int | None = None

    @classmethod
    def from_item(cls, item) -> "TimeLimit | None":
        if not item.time_limit_kind:
            return None
        return cls(
            kind=item.time_limit_kind,
            days=item.time_limit_days,
            month=item.time_limit_month,
            day=item.time_limit_day,
            publicity_days=item.publicity_days,
        )

    def as_fields(self) -> dict:
        return {
            "time_limit_kind": self.kind,
            "time_limit_days": self.days,
            "time_limit_month": self.month,
            "time_limit_day": self.day,
            "publicity_days": self.publicity_days,
        }

    def due_date(self, formed_on: date, *, region=None) -> WorkdayResult | None:
        if self.kind == TimeLimitKind.WORKING_DAYS:
            return add_workdays(formed_on, self.days or 0, region=region)
        if self.kind == TimeLimitKind.CALENDAR_DAYS:
            return calendar_days_due(formed_on, self.days or 0, region=region)
        if self.kind == TimeLimitKind.REAL_TIME:
            return WorkdayResult(formed_on)
        if self.kind == TimeLimitKind.YEARLY:
            return WorkdayResult(next_yearly_date(formed_on, self.month, self.day))
        return None

    def publicity_end(self, published_on: date, *, region=None) -> WorkdayResult | None:
        """The end of the publicity period: the N-th working day after the notice went up (None without one)."""
        days = self.days if self.kind == TimeLimitKind.PUBLICITY else self.publicity_days
        if not days:
            return None
        return add_workdays(published_on, days, region=region)


def calendar_days_due(formed_on: date, days: int, *, region=None) -> WorkdayResult:
    due = formed_on + timedelta(days=days)
    result = WorkdayResult(due)
    while not is_workday(result.date, region=region):
        result = WorkdayResult(result.date + timedelta(days=1), result.skipped, result.warnings)
    return result


def next_yearly_date(formed_on: date, month: int | None, day: int | None) -> date:
    candidate = date(formed_on.year, month or 1, day or 1)
    return candidate if candidate >= formed_on else date(formed_on.year + 1, month or 1, day or 1)


class TimeLimitNotUnderstood(ValueError):
    pass


def parse_time_limit(text: str) -> TimeLimit:
    """The structured rule of a catalog's time-limit text; raises TimeLimitNotUnderstood when none is found."""
    return parsed_time_limit((text or "").strip())


@lru_cache(maxsize=4096)
def parsed_time_limit(text: str) -> TimeLimit:
    """Catalogs repeat a few dozen time-limit texts over thousands of items: each is parsed once (TimeLimit is
    immutable; texts that are not understood raise every time, exceptions are not cached)."""
    publicity = PUBLICITY_PATTERN.search(text)
    publicity_days = chinese_number(publicity.group(1)) if publicity else None
    rest = PUBLICITY_PATTERN.sub("", text)
    if match := YEARLY_PATTERN.search(rest):
        month, day = chinese_number(match.group(1)), chinese_number(match.group(2))
        if not valid_month_day(month, day):
            raise TimeLimitNotUnderstood(text)
        return TimeLimit(TimeLimitKind.YEARLY, month=month, day=day, publicity_days=publicity_days)
    if match := WORKING_DAYS_PATTERN.search(rest):
        return TimeLimit(TimeLimitKind.WORKING_DAYS, days=chinese_number(match.group(1)), publicity_days=publicity_days)
    if match := CALENDAR_DAYS_PATTERN.search(rest):
        return TimeLimit(
            TimeLimitKind.CALENDAR_DAYS, days=chinese_number(match.group(1)), publicity_days=publicity_days
        )
    if REAL_TIME_PATTERN.search(rest):
        return TimeLimit(TimeLimitKind.REAL_TIME, publicity_days=publicity_days)
    if PROMPTLY_PATTERN.search(rest):
        return TimeLimit(TimeLimitKind.PROMPTLY, publicity_days=publicity_days)
    if publicity_days:
        return TimeLimit(TimeLimitKind.PUBLICITY, days=publicity_days)
    raise TimeLimitNotUnderstood(text)


def valid_month_day(month: int, day: int) -> bool:
    try:
        date(2024, month, day)  # a leap year, so 2月29日 is accepted
    except ValueError:
        return False
    return True


def accepted_forms() -> str:
    return _("“自信息形成或者变更之日起20个工作日内”“30日内”“实时公开”“及时公开”“公示7个工作日”“每年1月31日前”")
