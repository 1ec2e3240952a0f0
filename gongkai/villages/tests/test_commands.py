"""`gongkai villages …` commands."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from gongkai.villages.models import FinanceStatement, IssueStep
from gongkai.villages.services import register_issue


def test_seed_columns_reports_what_it_did(village):
    out = StringIO()
    call_command("villages", "seed-columns", stdout=out)
    assert out.getvalue().strip() == "1 个村（社区），新建 0 个栏目。"


def test_daily_reminds_due_steps(village, grid_worker, monkeypatch):
    monkeypatch.setattr("gongkai.villages.services.issues.today", lambda: date(2026, 9, 30))
    register_issue(
        village=village, actor=grid_worker, channel="grid", category="other", title="井盖缺失",
        description="三组路口井盖丢失，很危险。", reporter_name="何先生", reporter_phone="13512345678",
    )  # fmt: skip
    out = StringIO()
    call_command("villages", "daily", "--date", "2026-10-08", stdout=out)
    assert out.getvalue().strip() == "催办 1 件，逾期未评价办结 0 件，发送提醒 0 人。"
    assert IssueStep.objects.filter(action="reminded").count() == 1


def test_import_finance_refuses_a_bad_file_and_lists_the_errors(village, village_clerk, tmp_path):
    book = Workbook()
    book.active.append(("收支", "科目", "金额"))
    book.active.append(("收入", "补助", "abc"))
    path = tmp_path / "bad.xlsx"
    book.save(path)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "villages", "import-finance", str(village.pk), str(path), "--year", "2026", "--period", "1",
            "--user", village_clerk.username, stderr=err,
        )  # fmt: skip
    assert "第2行“金额”列：“abc”不是金额" in err.getvalue()
    assert not FinanceStatement.objects.exists()
