"""The structured time limit: parsing the catalog's text and computing due dates across holidays."""

from dataclasses import replace
from datetime import date

import pytest

from gongkai.catalog.models import TimeLimitKind
from gongkai.catalog.timelimits import TimeLimit, chinese_number, parse_time_limit


def core(rule: TimeLimit) -> TimeLimit:
    """The rule without its source text (and other rules), to compare with an expected rule."""
    return replace(rule, text="", also=())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("自信息形成或者变更之日起20个工作日内", TimeLimit(TimeLimitKind.WORKING_DAYS, days=20)),
        ("制定或获取信息之日起10个工作日内", TimeLimit(TimeLimitKind.WORKING_DAYS, days=10)),
        ("信息形成之日起二十个工作日内", TimeLimit(TimeLimitKind.WORKING_DAYS, days=20)),
        ("10个工作日内，公示7个工作日", TimeLimit(TimeLimitKind.WORKING_DAYS, days=10, publicity_days=7)),
        ("公示7个工作日", TimeLimit(TimeLimitKind.PUBLICITY, days=7)),
        ("公示期不少于5个工作日", TimeLimit(TimeLimitKind.PUBLICITY, days=5)),
        ("形成之日起30日内", TimeLimit(TimeLimitKind.CALENDAR_DAYS, days=30, working=False)),
        ("批准后30日内", TimeLimit(TimeLimitKind.RELATIVE, days=30, working=False, event="批准")),
        ("信息形成之日起3个月内", TimeLimit(TimeLimitKind.MONTHS, months=3, working=False)),
        ("项目竣工后1个月内", TimeLimit(TimeLimitKind.RELATIVE, months=1, working=False, event="项目竣工")),
        ("出让前15日", TimeLimit(TimeLimitKind.RELATIVE, days=15, working=False, event="出让", before=True)),
        ("公示期满后5个工作日内", TimeLimit(TimeLimitKind.RELATIVE, days=5, event="公示期满")),
        ("每季度结束后15日内", TimeLimit(TimeLimitKind.PERIODIC, period="quarter", days=15, working=False)),
        ("实时公开", TimeLimit(TimeLimitKind.REAL_TIME)),
        ("及时公开", TimeLimit(TimeLimitKind.PROMPTLY)),
        ("每年1月31日前", TimeLimit(TimeLimitKind.YEARLY, month=1, day=31, period="year")),
        ("每年三月三十一日前", TimeLimit(TimeLimitKind.YEARLY, month=3, day=31, period="year")),
    ],
)
def test_parse_time_limit_understands_the_catalogs_texts(text, expected):
    assert core(parse_time_limit(text)) == expected


@pytest.mark.parametrize(
    "text", ["", "按有关规定", "每年2月30日前", "尽快", "按上级部署适时公开", "按照上级要求适时公开"]
)
def test_what_cannot_be_computed_is_kept_as_not_computable_without_raising(text):
    rule = parse_time_limit(text)
    assert rule.kind == TimeLimitKind.NOT_COMPUTABLE
    assert rule.due_date(date(2026, 9, 18)) is None


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


@pytest.mark.django_db
def test_relative_rules_count_from_the_event_date_and_need_one():
    after = parse_time_limit("作出行政决定之日起7个工作日内")
    assert after.due_date(date(2026, 9, 18)) is None  # no event date on the record: no due date
    assert after.due_date(date(2026, 9, 18), event_on=date(2026, 9, 24)).date == date(2026, 10, 12)
    before = parse_time_limit("开标前")
    assert before.due_date(date(2026, 9, 1), event_on=date(2026, 9, 30)).date == date(2026, 9, 29)
    five_before = parse_time_limit("开标前5个工作日")
    # Working days before Fri 10-09: 10-08, 9-30, 9-29, 9-28, then 9-24 (9-25..27 中秋, 10-01..07 国庆).
    assert five_before.due_date(date(2026, 9, 1), event_on=date(2026, 10, 9)).date == date(2026, 9, 24)


@pytest.mark.django_db
def test_periodic_rules_make_the_item_periodic_with_the_next_deadline():
    monthly = parse_time_limit("每月10日前")
    assert monthly.is_periodic
    assert monthly.due_date(date(2026, 9, 18)).date == date(2026, 10, 10)
    assert parse_time_limit("每季度").due_date(date(2026, 8, 3)).date == date(2026, 9, 30)
    assert parse_time_limit("每半年").due_date(date(2026, 8, 3)).date == date(2026, 12, 31)
    assert parse_time_limit("每季度结束后15日内").due_date(date(2026, 8, 3)).date == date(2026, 10, 15)
    assert parse_time_limit("每季度的首个月20日").due_date(date(2026, 8, 3)).date == date(2026, 10, 20)
    assert parse_time_limit("次年3月底前").due_date(date(2026, 8, 3)).date == date(2027, 3, 31)
    assert not parse_time_limit("信息形成之日起20个工作日内").is_periodic


@pytest.mark.django_db
def test_months_end_on_the_same_day_or_the_months_last_day_then_a_working_day():
    rule = parse_time_limit("信息形成之日起1个月内")
    assert rule.due_date(date(2026, 1, 31)).date == date(2026, 2, 28)  # no 2-31; Saturday 2-28 is 调休上班
    assert rule.due_date(date(2026, 4, 30)).date == date(2026, 6, 1)  # Sat 5-30 and Sun 5-31 are not
    assert rule.due_date(date(2026, 3, 9)).date == date(2026, 4, 9)


def test_combinations_keep_the_general_rule_and_the_scoped_ones():
    rule = parse_time_limit("20个工作日内公开;其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示")
    assert (rule.kind, rule.days) == (TimeLimitKind.WORKING_DAYS, 20)
    [scoped] = rule.also
    assert (scoped.kind, scoped.days, scoped.event, scoped.scope) == (
        TimeLimitKind.RELATIVE,
        7,
        "作出行政决定",
        "行政许可、行政处罚事项",
    )
