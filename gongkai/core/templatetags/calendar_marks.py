"""Marks for deadlines computed over a year whose State Council holiday schedule is not loaded yet (docs/calendar.md).

`{% provisional_mark start end %}` writes "（暂定）" after a date when a year between the computation's start and its
result is provisional; `{% calendar_warnings start end as warnings %}` gives the sentence of each such year, for the
page to show beside the date. One query each; list pages use `core.workdays.ProvisionalDates` instead.
"""

from django import template

from gongkai.core.workdays import PROVISIONAL_MARK, provisional_years
from gongkai.core.workdays import calendar_warnings as warnings_for

register = template.Library()


@register.simple_tag
def provisional_mark(start, end) -> str:
    if not start or not end:
        return ""
    return str(PROVISIONAL_MARK) if provisional_years(start, end) else ""


@register.simple_tag
def calendar_warnings(start, end) -> list[str]:
    return warnings_for(start, end)
