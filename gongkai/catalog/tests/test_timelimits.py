"""The structured time limit: parsing the catalog's text and computing due dates across holidays."""

from datetime import date

import pytest

from gongkai.catalog.models import TimeLimitKind
from gongkai.catalog.timelimits import TimeLimit, TimeLimitNotUnderstood, chinese_number, parse_time_limit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("自信息形成或者变更之日起20个工作日内", TimeLimit(TimeLimitKind.WORKING_DAYS, days=20)),
        ("制定或获取信息之日起10个工作日内", TimeLimit(TimeLimitKind.WORKING_DAYS, days=10)),
        ("信息形成之日起二十个工作日内", TimeLimit(TimeLimitKind.WORKING_DAYS, days=20)),
        ("10个工作日内，公示7个工作日", TimeLimit(TimeLimitKind.WORKING_DAYS, days=10, publicity_days=7)),
        ("公示7个工作日", TimeLimit(TimeLimitKind.PUBLICITY, days=7)),
        ("公示期不少于5个工作日", TimeLimit(TimeLimitKind.PUBLICITY, days=5)),
        ("批准后30日内", TimeLimit(TimeLimitKind.CALENDAR_DAYS, days=30)),
        ("实时公开", TimeLimit(TimeLimitKind.REAL_TIME)),
        ("及时公开", TimeLimit(TimeLimitKind.PROMPTLY)),
        ("每年1月31日前", TimeLimit(TimeLimitKind.YEARLY, month=1, day=31)),
        ("每年三月三十一日前", TimeLimit(TimeLimitKind.YEARLY, month=3, day=31)),
    ],
)
def test_parse_time_limit_understands_the_catalogs_texts(text, expected):
    assert parse_time_limit(text) == expected


@pytest.mark.parametrize("text", ["", "按有关规定", "每年2月30日前"])
def test_parse_time_limit_refuses_what_it_cannot_compute(text):
    with pytest.raises(TimeLimitNotUnderstood):
        parse_time_limit(text)


@pytest.mark.parametrize(("text", "number"), [("20", 20), ("２０", 20), ("十", 10), ("十五", 15), ("一百二十", 120)])
def test_chinese_number(text, number):
    assert chinese_number(text) == number


@pytest.mark.django_db
def test_twenty_working_days_from_18_september_2026_cross_mid_autumn_and_national_day():
    result = TimeLimit(TimeLimitKind.WORKING_DAYS, days=20).due_date(date(2026, 9, 18))
    # 9-20 (Sunday) and 10-10 (Saturday) are adjusted working days; 9-25..27 and 10-01..07 are holidays.
    assert result.date == date(2026, 10, 22)
    skipped = {day.date for day in result.skipped if day.reason == "holiday"}
    assert skipped == {date(2026, 9, 25), date(2026, 9, 26), date(2026, 9, 27)} | {
        date(2026, 10, day) for day in range(1, 8)
    }
    assert result.warnings == []


@pytest.mark.django_db
def test_working_days_counted_from_the_day_before_a_holiday():
    result = TimeLimit(TimeLimitKind.WORKING_DAYS, days=1).due_date(date(2026, 9, 30))
    assert result.date == date(2026, 10, 8)


@pytest.mark.django_db
def test_calendar_days_ending_on_a_holiday_move_to_the_next_working_day():
    result = TimeLimit(TimeLimitKind.CALENDAR_DAYS, days=10).due_date(date(2026, 9, 22))
    assert result.date == date(2026, 10, 8)


@pytest.mark.django_db
def test_calendar_days_ending_on_a_working_day_stay():
    assert TimeLimit(TimeLimitKind.CALENDAR_DAYS, days=30).due_date(date(2026, 3, 2)).date == date(2026, 4, 1)


@pytest.mark.django_db
def test_real_time_is_due_the_same_day_and_promptly_has_no_date():
    assert TimeLimit(TimeLimitKind.REAL_TIME).due_date(date(2026, 10, 3)).date == date(2026, 10, 3)
    assert TimeLimit(TimeLimitKind.PROMPTLY).due_date(date(2026, 10, 3)) is None
    assert TimeLimit(TimeLimitKind.PUBLICITY, days=7).due_date(date(2026, 10, 3)) is None


@pytest.mark.django_db
def test_yearly_rule_gives_the_next_such_date():
    rule = TimeLimit(TimeLimitKind.YEARLY, month=1, day=31)
    assert rule.due_date(date(2026, 1, 5)).date == date(2026, 1, 31)
    assert rule.due_date(date(2026, 1, 31)).date == date(2026, 1, 31)
    assert rule.due_date(date(2026, 2, 1)).date == date(2027, 1, 31)


@pytest.mark.django_db
def test_publicity_end_counts_working_days_after_the_notice_went_up():
    rule = TimeLimit(TimeLimitKind.WORKING_DAYS, days=10, publicity_days=7)
    # 9-28, 9-29, 9-30, 10-08, 10-09, 10-10 (adjusted Saturday), 10-12.
    assert rule.publicity_end(date(2026, 9, 24)).date == date(2026, 10, 12)
    assert TimeLimit(TimeLimitKind.REAL_TIME).publicity_end(date(2026, 9, 24)) is None
