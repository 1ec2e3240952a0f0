"""`gongkai calendar`: load a year from the office's text file, list the years, seed from the package."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.core.models import AuditEntry, ScheduleYear, WorkdayOverride

pytestmark = pytest.mark.django_db


def test_load_replaces_a_year_from_a_file(tmp_path, capsys):
    schedule = tmp_path / "2027.txt"
    schedule.write_text("2027-01-01 元旦\n2027-02-06..2027-02-12 春节\n2027-02-14 上班 春节\n", encoding="utf-8")
    call_command("calendar", "load", "2027", str(schedule), "--notice", "国办发明电〔2026〕7号")
    assert capsys.readouterr().out == "2027: 8 holiday(s), 1 adjusted working day(s)\n"
    loaded = ScheduleYear.objects.get(year=2027)
    assert (loaded.source, loaded.notice) == ("import", "国办发明电〔2026〕7号")
    assert WorkdayOverride.objects.filter(on__year=2027).count() == 9
    assert AuditEntry.objects.filter(action="core.schedule.set").count() == 1


def test_load_refuses_a_bad_file_and_changes_nothing(tmp_path):
    schedule = tmp_path / "2027.txt"
    schedule.write_text("2027-01-01 元旦\n2026-12-31 错年\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("calendar", "load", "2027", str(schedule))
    assert error.value.returncode == 2
    assert str(error.value) == "日期 2026-12-31 不属于 2027 年。"
    assert not ScheduleYear.objects.filter(year=2027).exists()


def test_load_names_a_missing_file(tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("calendar", "load", "2027", str(tmp_path / "missing.txt"))
    assert str(error.value).startswith("找不到文件：")


def test_seed_adds_nothing_twice(capsys):
    call_command("calendar", "seed")
    assert capsys.readouterr().out == "added 0 year(s)\n"  # the migration already seeded 2004–2026
    call_command("calendar", "years")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("2004\t")
    assert lines[-1].startswith("2026\t")
