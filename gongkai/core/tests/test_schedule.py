"""Editing the holiday schedule: validation, the audit entry, the after-commit signal, regional holidays."""

from datetime import date

import pytest

from gongkai.core.errors import CoreError
from gongkai.core.models import AuditEntry, ScheduleYear, WorkdayOverride
from gongkai.core.selectors import schedule_lines, schedule_years
from gongkai.core.services import (
    add_regional_holiday,
    parse_schedule_lines,
    remove_regional_holiday,
    schedule_text_from_upload,
    set_year_schedule,
)
from gongkai.core.signals import schedule_changed
from gongkai.core.workdays import add_workdays, is_workday, workdays_between
from gongkai.orgs.tests.factories import RegionFactory

pytestmark = pytest.mark.django_db

TEXT_2027 = "2027-01-01 元旦\n2027-02-06..2027-02-12 春节\n2027-02-14 上班 春节\n"


@pytest.fixture
def received():
    calls = []

    def receiver(sender, years, **kwargs):
        calls.append(set(years))

    schedule_changed.connect(receiver)
    yield calls
    schedule_changed.disconnect(receiver)


def load_2027(actor=None):
    holidays, workdays = parse_schedule_lines(TEXT_2027)
    return set_year_schedule(
        year=2027, holidays=holidays, workdays=workdays, notice="国办发明电〔2026〕7号", actor=actor
    )


def test_parse_schedule_lines_reads_ranges_and_adjusted_days():
    holidays, workdays = parse_schedule_lines("# 注释\n" + TEXT_2027)
    assert holidays[0] == (date(2027, 1, 1), "元旦")
    assert len(holidays) == 8
    assert holidays[-1] == (date(2027, 2, 12), "春节")
    assert workdays == [(date(2027, 2, 14), "春节")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2027-02-30 错", "第 1 行：“2027-02-30”不是有效日期"),
        ("2027-01-01 元旦\n2027-02-12..2027-02-06 春节", "第 2 行：结束日期早于开始日期"),
    ],
)
def test_parse_errors_name_the_line(text, message):
    with pytest.raises(CoreError) as error:
        parse_schedule_lines(text)
    assert error.value.message.startswith(message)


@pytest.mark.parametrize(
    ("holidays", "workdays", "message"),
    [
        ([(date(2026, 1, 1), "元旦")], [], "日期 2026-01-01 不属于 2027 年。"),
        ([(date(2027, 1, 1), "元旦"), (date(2027, 1, 1), "元旦")], [], "日期 2027-01-01 重复出现。"),
        ([], [(date(2027, 2, 15), "春节")], "调休上班日 2027-02-15 不是周末"),
    ],
)
def test_invalid_schedules_change_nothing(holidays, workdays, message, received):
    with pytest.raises(CoreError) as error:
        set_year_schedule(year=2027, holidays=holidays, workdays=workdays)
    assert error.value.message.startswith(message)
    assert not ScheduleYear.objects.filter(year=2027).exists()
    assert not AuditEntry.objects.filter(action="core.schedule.set").exists()
    assert received == []


def test_entering_a_year_removes_the_missing_year_warning(office):
    assert add_workdays(date(2026, 12, 31), 1).warnings != []
    load_2027(actor=office)
    result = add_workdays(date(2026, 12, 31), 1)
    assert result.date == date(2027, 1, 4)
    assert result.warnings == []
    assert is_workday(date(2027, 2, 14)) is True
    assert workdays_between(date(2027, 2, 5), date(2027, 2, 15)).count == 2  # 2-14 (Sunday) and 2-15


def test_schedule_change_is_audited_with_the_previous_schedule(office):
    load_2027(actor=office)
    set_year_schedule(year=2027, holidays=[(date(2027, 1, 1), "元旦")], workdays=[], actor=office)
    entry = AuditEntry.objects.filter(action="core.schedule.set").order_by("id").last()
    assert entry.actor == office
    assert entry.data["holidays"] == [["2027-01-01", "元旦"]]
    assert len(entry.data["previous"]) == 9
    assert WorkdayOverride.objects.filter(on__year=2027, region=None).count() == 1


def test_schedule_change_is_announced_after_commit(received, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        load_2027()
    assert received == []  # nothing is announced before the transaction commits
    for callback in callbacks:
        callback()
    assert received == [{2027}]


def test_regional_holiday_changes_are_announced(received, county, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        override = add_regional_holiday(region=county, on=date(2026, 4, 20), name="三月三")
    with django_capture_on_commit_callbacks(execute=True):
        remove_regional_holiday(override=override)
    assert received == [{2026}, {2026}]


def test_regional_holiday_applies_to_the_region_and_below_only(county, township):
    village = RegionFactory(parent=township, division_code="320499001201")
    sibling = RegionFactory(parent=county, division_code="320499002000")
    add_regional_holiday(region=township, on=date(2026, 4, 20), name="三月三")  # a Monday
    assert is_workday(date(2026, 4, 20)) is True
    assert is_workday(date(2026, 4, 20), region=county) is True
    assert is_workday(date(2026, 4, 20), region=sibling) is True
    assert is_workday(date(2026, 4, 20), region=township) is False
    assert is_workday(date(2026, 4, 20), region=village) is False
    result = add_workdays(date(2026, 4, 17), 1, region=village)
    assert result.date == date(2026, 4, 21)
    assert [(day.date, day.reason, day.name) for day in result.skipped] == [
        (date(2026, 4, 18), "weekend", ""),
        (date(2026, 4, 19), "weekend", ""),
        (date(2026, 4, 20), "holiday", "三月三"),
    ]


def test_regional_holiday_wins_over_a_national_adjusted_working_day(township):
    add_regional_holiday(region=township, on=date(2026, 9, 20), name="地方节日")  # Sunday 9-20 is 调休上班
    assert is_workday(date(2026, 9, 20)) is True
    assert is_workday(date(2026, 9, 20), region=township) is False


def test_duplicate_regional_holiday_is_refused(township):
    add_regional_holiday(region=township, on=date(2026, 4, 20), name="三月三")
    with pytest.raises(CoreError) as error:
        add_regional_holiday(region=township, on=date(2026, 4, 20), name="三月三")
    assert error.value.message == "东风街道 在 2026-04-20 已有安排。"
    assert AuditEntry.objects.filter(action="core.regional_holiday.added").count() == 1


def test_national_days_cannot_be_removed_one_by_one():
    national = WorkdayOverride.objects.get(on=date(2026, 10, 1), region=None)
    with pytest.raises(CoreError):
        remove_regional_holiday(override=national)
    assert WorkdayOverride.objects.filter(pk=national.pk).exists()


def test_schedule_lines_round_trip_a_seeded_year():
    text = schedule_lines(2026)
    assert "2026-10-01..2026-10-07 国庆节" in text.splitlines()
    assert "2026-10-10 上班 国庆节" in text.splitlines()
    before = list(WorkdayOverride.objects.filter(region=None, on__year=2026).values_list("on", "kind", "name"))
    holidays, workdays = parse_schedule_lines(text)
    set_year_schedule(year=2026, holidays=holidays, workdays=workdays)
    after = list(WorkdayOverride.objects.filter(region=None, on__year=2026).values_list("on", "kind", "name"))
    assert sorted(after) == sorted(before)


def test_upload_reads_csv_txt_and_gb18030():
    assert schedule_text_from_upload("日期,名称\n2027-01-01,元旦\n".encode()) == "2027-01-01 元旦"
    assert schedule_text_from_upload("\ufeff2027-01-01 元旦\n".encode()) == "2027-01-01 元旦"
    assert schedule_text_from_upload("2027-02-14,上班,春节\n".encode("gb18030")) == "2027-02-14 上班 春节"
    with pytest.raises(CoreError):
        schedule_text_from_upload(b"PK\x03\x04\x00\x00binary")


def test_years_overview_flags_missing_years():
    rows = {row.year: row for row in schedule_years(today=date(2026, 11, 21))}
    assert rows[2027].missing is True
    assert rows[2026].missing is False
    assert rows[2026].holidays == WorkdayOverride.objects.filter(on__year=2026, region=None, kind="holiday").count()
    assert min(rows) == 2004
