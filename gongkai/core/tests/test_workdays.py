"""The working-day calendar against the 2025 and 2026 State Council schedules (DOMAIN.md §8)."""

from datetime import date

import pytest

from gongkai.core.errors import CoreError
from gongkai.core.workdays import add_workdays, is_workday, workdays_between

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (date(2026, 9, 18), 1, date(2026, 9, 20)),  # Sunday 9-20 is an adjusted working day
        (date(2026, 9, 24), 1, date(2026, 9, 28)),  # Mid-Autumn 9-25..9-27
        (date(2026, 9, 30), 1, date(2026, 10, 8)),  # National Day 10-01..10-07
        (date(2026, 10, 8), 2, date(2026, 10, 10)),  # Saturday 10-10 works
        (date(2026, 2, 13), 1, date(2026, 2, 14)),  # Saturday 2-14 works before Spring Festival
        (date(2026, 2, 14), 1, date(2026, 2, 24)),  # Spring Festival 2-15..2-23
        (date(2025, 9, 30), 1, date(2025, 10, 9)),  # 2025: National Day and Mid-Autumn 10-01..10-08
        (date(2025, 10, 9), 2, date(2025, 10, 11)),  # Saturday 2025-10-11 works
        (date(2025, 1, 24), 1, date(2025, 1, 26)),  # Sunday 2025-01-26 works
        (date(2026, 3, 2), 0, date(2026, 3, 2)),
    ],
)
def test_add_workdays_follows_the_schedule(start, count, expected):
    assert add_workdays(start, count).date == expected


def test_add_workdays_explains_what_it_skipped():
    result = add_workdays(date(2026, 9, 24), 1)
    assert [(day.date, day.reason, day.name) for day in result.skipped] == [
        (date(2026, 9, 25), "holiday", "中秋节"),
        (date(2026, 9, 26), "holiday", "中秋节"),
        (date(2026, 9, 27), "holiday", "中秋节"),
    ]
    assert result.warnings == []


def test_between_counts_the_half_open_interval():
    assert workdays_between(date(2026, 9, 30), date(2026, 10, 10)).count == 3
    assert workdays_between(date(2026, 10, 10), date(2026, 9, 30)).count == -3
    assert workdays_between(date(2026, 3, 2), date(2026, 3, 2)).count == 0


def test_weekday_holiday_and_adjusted_weekend():
    assert is_workday(date(2026, 10, 10)) is True
    assert is_workday(date(2026, 10, 1)) is False
    assert is_workday(date(2026, 10, 11)) is False


def test_year_without_schedule_warns_instead_of_guessing_silently():
    result = add_workdays(date(2026, 12, 25), 10)
    assert result.date == date(2027, 1, 11)  # 元旦 2027-01-01 is a statutory holiday even without the schedule
    assert len(result.warnings) == 1
    assert "2027年的节假日安排尚未录入" in result.warnings[0]


def test_negative_count_is_refused():
    with pytest.raises(CoreError) as error:
        add_workdays(date(2026, 1, 5), -1)
    assert error.value.code == "core.invalid_count"
