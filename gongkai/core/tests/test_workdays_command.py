"""The `gongkai workdays` command-line contract: stdout, --json, and exit status 2 with a message on stderr."""

import json

import pytest
from django.core.management import ManagementUtility
from django.db import connections

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def keep_the_test_connection(monkeypatch):
    """run_from_argv closes every connection when it ends; the test's transaction must survive it (PostgreSQL)."""
    monkeypatch.setattr(connections, "close_all", lambda: None)


def run(capsys, *arguments):
    """Run `gongkai workdays ...` in-process exactly as the console script does; returns (status, out, err)."""
    status = 0
    try:
        ManagementUtility(["gongkai", "workdays", *arguments]).execute()
    except SystemExit as exit_:
        status = exit_.code
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_add_prints_only_the_date(capsys):
    assert run(capsys, "add", "2026-09-18", "1") == (0, "2026-09-20\n", "")


def test_add_zero_is_the_date_itself(capsys):
    assert run(capsys, "add", "2026-03-02", "0") == (0, "2026-03-02\n", "")


def test_add_json_explains_the_skipped_days(capsys):
    status, out, err = run(capsys, "add", "2026-09-30", "1", "--json")
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert set(data) == {"date", "skipped", "warnings"}
    assert data["date"] == "2026-10-08"
    assert data["warnings"] == []
    assert data["skipped"][0] == {"date": "2026-10-01", "reason": "holiday", "name": "国庆节"}
    assert [day["date"] for day in data["skipped"]] == [f"2026-10-0{day}" for day in range(1, 8)]


def test_between_prints_the_count(capsys):
    assert run(capsys, "between", "2026-09-30", "2026-10-10") == (0, "3\n", "")


def test_missing_year_warns_on_stderr_and_in_json(capsys):
    status, out, err = run(capsys, "add", "2026-12-25", "10")
    assert (status, out) == (0, "2027-01-11\n")
    assert err.startswith("警告：2027年的节假日安排尚未录入")
    status, out, err = run(capsys, "add", "2026-12-25", "10", "--json")
    assert len(json.loads(out)["warnings"]) == 1


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("add", "2026-13-01", "1"), "无效日期“2026-13-01”"),
        (("add", "2026-9-18", "1"), "无效日期“2026-9-18”"),
        (("add", "tomorrow", "1"), "无效日期“tomorrow”"),
        (("add", "2026-09-18", "-1"), "无效天数“-1”：N 不能为负数"),
        (("add", "2026-09-18", "two"), "无效天数“two”"),
        (("between", "2026-09-18", "2026-02-30"), "无效日期“2026-02-30”"),
    ],
)
def test_bad_input_exits_with_status_2_and_a_message_on_stderr(capsys, arguments, message):
    status, out, err = run(capsys, *arguments)
    assert status == 2
    assert out == ""
    assert message in err
