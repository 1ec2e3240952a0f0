"""Statutory holidays are rest days in every year, loaded schedule or not; a year without its schedule is
provisional."""

import json
from datetime import date, timedelta

import holidays
import pytest
from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.errors import CoreError
from gongkai.core.services import parse_schedule_lines, set_year_schedule
from gongkai.core.statutory import statutory_holidays
from gongkai.core.workdays import WorkCalendar, add_workdays, calendar_warnings, is_workday, workdays_between

pytestmark = pytest.mark.django_db


def spans(year: int) -> list[tuple[str, str]]:
    return [(day.isoformat(), name) for day, name in statutory_holidays(year).items()]


def test_2027_statutory_holidays_include_the_eve_of_spring_festival():
    assert spans(2027) == [
        ("2027-01-01", "元旦"),
        ("2027-02-05", "春节（除夕）"),
        ("2027-02-06", "春节"),
        ("2027-02-07", "春节"),
        ("2027-02-08", "春节"),
        ("2027-04-05", "清明节"),
        ("2027-05-01", "劳动节"),
        ("2027-05-02", "劳动节"),
        ("2027-06-09", "端午节"),
        ("2027-09-15", "中秋节"),
        ("2027-10-01", "国庆节"),
        ("2027-10-02", "国庆节"),
        ("2027-10-03", "国庆节"),
    ]


def test_2028_mid_autumn_falls_within_national_day():
    days = statutory_holidays(2028)
    assert days[date(2028, 1, 25)] == "春节（除夕）"
    assert days[date(2028, 4, 4)] == "清明节"
    assert days[date(2028, 5, 28)] == "端午节"
    assert days[date(2028, 10, 3)] == "中秋节、国庆节"
    assert len(days) == 12


@pytest.mark.parametrize("year", [2027, 2028, 2030, 2050, 2099])
def test_eve_is_the_day_before_the_first_day_and_agrees_with_the_holidays_package(year):
    days = statutory_holidays(year)
    official = holidays.China(years=year)
    eves = [day for day, name in days.items() if name == "春节（除夕）"]
    assert len(eves) == 1
    eve = eves[0]
    assert days[eve + timedelta(days=1)] == days[eve + timedelta(days=3)] == "春节"
    assert official.get(eve) == "农历除夕"
    # Every statutory day is a holiday in the package too (which adds its own guesses of in-lieu days besides).
    assert all(day in official for day in days)
    assert 12 <= len(days) <= 13


def test_years_before_the_2025_revision_have_no_computed_holidays():
    assert statutory_holidays(2024) == {}


def test_after_2100_only_fixed_date_holidays_are_known_and_the_warning_says_so():
    days = statutory_holidays(2101)
    fixed = {date(2101, month, day) for month, day in ((1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3))}
    assert fixed < set(days)
    assert [name for day, name in days.items() if day not in fixed] == ["清明节"]
    assert "无法推算该年的农历节日" in calendar_warnings(date(2101, 3, 1))[0]


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=2027, max_value=2099))
def test_no_statutory_holiday_of_a_provisional_year_is_a_working_day(year):
    calendar = WorkCalendar.load(date(year, 1, 1), date(year, 12, 31))
    assert calendar.provisional
    for day in statutory_holidays(year):
        assert not calendar.is_workday(day)


def test_add_over_new_year_of_a_provisional_year_skips_new_years_day(capsys):
    call_command("workdays", "add", "2026-12-30", "2", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["date"] == "2027-01-04"
    assert {"date": "2027-01-01", "reason": "holiday", "name": "元旦"} in data["skipped"]
    assert len(data["warnings"]) == 1
    assert "2027年" in data["warnings"][0]
    assert "暂定" in data["warnings"][0]


def test_spring_festival_of_2030_is_skipped_whole():
    # 2030-02-01 is a Friday; 除夕 2-02 and 初一至初三 2-03..2-05 are holidays.
    result = add_workdays(date(2030, 2, 1), 1)
    assert result.date == date(2030, 2, 6)
    assert [day.name for day in result.skipped if day.reason == "holiday"] == ["春节（除夕）", "春节", "春节", "春节"]


def test_loaded_year_keeps_statutory_holidays_even_when_the_schedule_forgets_one():
    holidays_2027, workdays_2027 = parse_schedule_lines("2027-02-05..2027-02-11 春节\n2027-02-20 上班 春节\n")
    set_year_schedule(year=2027, holidays=holidays_2027, workdays=workdays_2027, notice="测试")
    assert not is_workday(date(2027, 1, 1))  # 元旦 missing from the text, still a rest day
    assert is_workday(date(2027, 2, 20))
    assert calendar_warnings(date(2027, 1, 1)) == []
    assert add_workdays(date(2026, 12, 30), 2).warnings == []


def test_a_statutory_holiday_cannot_be_made_an_adjusted_working_day():
    with pytest.raises(CoreError) as raised:
        set_year_schedule(year=2027, holidays=[], workdays=[(date(2027, 5, 1), "劳动节")], notice="")
    assert "法定节假日" in raised.value.message


def test_between_over_a_provisional_year_warns():
    result = workdays_between(date(2026, 12, 30), date(2027, 1, 4))
    assert result.count == 2
    assert len(result.warnings) == 1


def test_calendar_warnings_lists_each_provisional_year_once():
    assert calendar_warnings(None) == []
    assert calendar_warnings(date(2026, 3, 1), date(2026, 9, 1)) == []
    warnings = calendar_warnings(date(2026, 12, 6), date(2028, 1, 4), None)
    assert [warning[:5] for warning in warnings] == ["2027年", "2028年"]


def test_provisional_dates_mark_what_spans_an_unloaded_year_with_one_query(django_assert_num_queries):
    from gongkai.core.models import ScheduleYear
    from gongkai.core.workdays import ProvisionalDates

    ScheduleYear.objects.get_or_create(year=2026, defaults={"source": ScheduleYear.Source.OFFICE})
    ScheduleYear.objects.filter(year=2027).delete()
    with django_assert_num_queries(1):
        dates = ProvisionalDates([date(2026, 12, 6), date(2027, 1, 4), None])
        assert dates.mark(date(2026, 12, 6), date(2026, 12, 20)) == ""
        assert dates.mark(date(2026, 12, 6), date(2027, 1, 4)) == "（暂定）"
        assert dates.mark(None, None) == ""
    assert [warning[:5] for warning in dates.warnings()] == ["2027年"]
