"""The statutory holidays (法定节假日) of 《全国年节及纪念日放假办法》 (2025 revision, in force since 2025-01-01).

They are known for every year without any State Council notice: 元旦 (1 day), 春节 (4 days: 除夕 and 正月初一至初三),
清明节 (1), 劳动节 (2: 5月1日、2日), 端午节 (1), 中秋节 (1), 国庆节 (3: 10月1日至3日). What the yearly notice adds —
调休 (adjusted working weekends) and the days joined around each holiday — is not known in advance, which is why a
year without a loaded schedule is *provisional* (see `gongkai.core.workdays`).

The lunar dates come from the `holidays` package (its Chinese lunisolar tables; reliable 1901–2100). We take only the
festival dates from it, never its guessed in-lieu days (补假), and compute 除夕 ourselves as the day before 正月初一:
the package names 除夕 only for the years it knows the revision applies to.
"""

from datetime import date, timedelta
from functools import lru_cache

from django.utils.translation import gettext as _

REVISION_YEAR = 2025  # the 2025 revision (国务院令第795号) applies from this year on
NEW_YEAR = "元旦"
EVE = "春节（除夕）"
SPRING = "春节"
QINGMING = "清明节"
LABOUR = "劳动节"
DRAGON_BOAT = "端午节"
MID_AUTUMN = "中秋节"
NATIONAL = "国庆节"


def lunar_dates(year: int) -> tuple[date | None, date | None, date | None]:
    """(正月初一, 五月初五, 八月十五) of a Gregorian year, None where the tables stop (after 2100)."""
    from holidays.calendars.chinese import _ChineseLunisolar

    lunisolar = _ChineseLunisolar()
    return (
        lunisolar.lunar_new_year_date(year)[0],
        lunisolar.dragon_boat_date(year)[0],
        lunisolar.mid_autumn_date(year)[0],
    )


def qingming(year: int) -> date:
    from holidays.calendars.chinese import _ChineseLunisolar

    return _ChineseLunisolar().qingming_date(year)[0]


@lru_cache(maxsize=256)
def statutory_holidays(year: int) -> dict[date, str]:
    """{date: name} of the statutory holidays of `year` (from 2025 on; empty before: older years had other rules
    and all of them are loaded from the official schedules)."""
    if year < REVISION_YEAR:
        return {}
    days: dict[date, str] = {date(year, 1, 1): NEW_YEAR}
    spring, dragon_boat, mid_autumn = lunar_dates(year)
    if spring is not None:
        days[spring - timedelta(days=1)] = EVE
        for offset in range(3):
            days[spring + timedelta(days=offset)] = SPRING
    days[qingming(year)] = QINGMING
    days[date(year, 5, 1)] = LABOUR
    days[date(year, 5, 2)] = LABOUR
    if dragon_boat is not None:
        days[dragon_boat] = DRAGON_BOAT
    if mid_autumn is not None:
        days.setdefault(mid_autumn, MID_AUTUMN)
    for day in (1, 2, 3):
        key = date(year, 10, day)
        days[key] = NATIONAL if key not in days else f"{days[key]}、{NATIONAL}"
    return {day: days[day] for day in sorted(days) if day.year == year}


def lunar_known(year: int) -> bool:
    """Whether the lunar festivals of `year` can be computed (the tables end in 2100)."""
    return all(day is not None for day in lunar_dates(year))


def provisional_warning(year: int) -> str:
    """What a person reads next to every date computed over a year whose schedule the office has not loaded."""
    if year >= REVISION_YEAR and not lunar_known(year):
        return _(
            "%(year)s年的节假日安排尚未录入，且无法推算该年的农历节日：该年仅排除元旦、劳动节、国庆节和周末，"
            "所得日期为暂定日期；请公开办录入国务院公布的当年安排。"
        ) % {"year": year}
    if year >= REVISION_YEAR:
        return _(
            "%(year)s年的节假日安排尚未录入：已按《全国年节及纪念日放假办法》排除法定节假日，但调休和前后连休尚未公布，"
            "所得日期为暂定日期；国务院公布当年安排并由公开办录入后将自动重新计算。"
        ) % {"year": year}
    return _("%(year)s年的节假日安排尚未录入，该年按周一至周五为工作日计算，结果可能不准确；请公开办录入当年安排。") % {
        "year": year
    }
