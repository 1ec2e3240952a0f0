"""Property tests: `add_workdays` and `workdays_between` agree on every date of 2025–2026."""

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.core.workdays import WorkCalendar, add_workdays, is_workday, workdays_between

pytestmark = pytest.mark.django_db

DATES = st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 12, 31))
COUNTS = st.integers(min_value=0, max_value=60)
PROPERTY = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@PROPERTY
@given(start=DATES, count=COUNTS)
def test_between_counts_back_what_add_moved(start, count):
    end = add_workdays(start, count).date
    assert workdays_between(start, end).count == count
    if count:
        assert is_workday(end)
        assert end > start


@PROPERTY
@given(start=DATES, count=st.integers(min_value=1, max_value=60))
def test_add_lands_on_the_first_day_reaching_the_count(start, count):
    end = add_workdays(start, count).date
    assert workdays_between(start, end - timedelta(days=1)).count == count - 1


@PROPERTY
@given(start=DATES, count=COUNTS)
def test_skipped_days_are_exactly_the_non_working_days_passed(start, count):
    result = add_workdays(start, count)
    calendar = WorkCalendar.load(start, result.date)
    passed = [start + timedelta(days=offset) for offset in range(1, (result.date - start).days + 1)]
    assert [day.date for day in result.skipped] == [day for day in passed if not calendar.is_workday(day)]


@PROPERTY
@given(first=DATES, second=DATES)
def test_between_is_antisymmetric(first, second):
    assert workdays_between(first, second).count == -workdays_between(second, first).count
