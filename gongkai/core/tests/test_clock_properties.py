"""Property tests of the statutory clock's arithmetic over loaded years (2024–2026, from the seeded schedules) and
provisional ones (2027–2035, statutory holidays computed): adding n working days never lands on a day off, is
monotonic in the start and in n, composes, and refuses a negative count with a clear message."""

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.core.errors import CoreError
from gongkai.core.models import WorkdayOverride
from gongkai.core.statutory import statutory_holidays
from gongkai.core.workdays import add_workdays, is_workday, workdays_between

pytestmark = pytest.mark.django_db

DATES = st.dates(min_value=date(2024, 1, 1), max_value=date(2035, 12, 31))
COUNTS = st.integers(min_value=0, max_value=120)
PROPERTY = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def adjusted_working_days() -> set[date]:
    return set(
        WorkdayOverride.objects.filter(region=None, kind=WorkdayOverride.Kind.WORKDAY).values_list("on", flat=True)
    )


@PROPERTY
@given(start=DATES, count=st.integers(min_value=1, max_value=120))
def test_adding_working_days_never_lands_on_a_day_off(start, count):
    end = add_workdays(start, count).date
    assert end > start
    assert is_workday(end)
    assert end not in statutory_holidays(end.year)
    assert end.weekday() < 5 or end in adjusted_working_days()


@PROPERTY
@given(start=DATES, first=COUNTS, second=COUNTS)
def test_more_working_days_never_end_earlier(start, first, second):
    low, high = sorted((first, second))
    assert add_workdays(start, low).date <= add_workdays(start, high).date
    if low < high:
        assert add_workdays(start, low).date < add_workdays(start, high).date


@PROPERTY
@given(first=DATES, second=DATES, count=COUNTS)
def test_a_later_start_never_ends_earlier(first, second, count):
    early, late = sorted((first, second))
    assert add_workdays(early, count).date <= add_workdays(late, count).date


@PROPERTY
@given(start=DATES, first=st.integers(min_value=0, max_value=60), second=st.integers(min_value=0, max_value=60))
def test_adding_in_two_steps_is_adding_the_sum(start, first, second):
    halfway = add_workdays(start, first).date
    assert add_workdays(halfway, second).date == add_workdays(start, first + second).date


@PROPERTY
@given(start=DATES, count=COUNTS)
def test_skipped_days_are_all_days_off_and_in_order(start, count):
    result = add_workdays(start, count)
    skipped = [day.date for day in result.skipped]
    assert skipped == sorted(set(skipped))
    assert all(start < day < result.date and not is_workday(day) for day in skipped)
    assert (result.date - start).days == count + len(skipped)


@PROPERTY
@given(day=DATES)
def test_every_statutory_holiday_is_a_day_off(day):
    for holiday in statutory_holidays(day.year):
        assert not is_workday(holiday)


@PROPERTY
@given(start=DATES, span=st.integers(min_value=0, max_value=400))
def test_working_days_between_never_exceed_the_calendar_days(start, span):
    end = start + timedelta(days=span)
    count = workdays_between(start, end).count
    assert 0 <= count <= span
    assert count == workdays_between(start, end + timedelta(days=1)).count - is_workday(end + timedelta(days=1))


@given(start=DATES, count=st.integers(max_value=-1))
@PROPERTY
def test_a_negative_count_is_refused_with_a_message(start, count):
    with pytest.raises(CoreError) as error:
        add_workdays(start, count)
    assert error.value.message == "工作日天数不能为负数。"
