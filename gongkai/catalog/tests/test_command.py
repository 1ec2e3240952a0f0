"""The command-line contract of `gongkai catalog import|export|handbook`."""

import json
import subprocess
from datetime import date

import pytest
from django.core.management import call_command

from gongkai.catalog.models import Item

from .workbooks import ROWS, national_workbook


@pytest.fixture
def workbook(tmp_path):
    path = tmp_path / "社会救助.xlsx"
    path.write_bytes(national_workbook())
    return path


def test_import_prints_counts_and_reimport_is_unchanged(government, workbook, capsys):
    call_command("catalog", "import", str(workbook), "--org", government.credit_code)
    assert capsys.readouterr().out.strip() == "新增 3 项，更新 0 项，未变 0 项（另建分组事项 2 项）。"
    call_command("catalog", "import", str(workbook), "--org", str(government.pk))
    assert capsys.readouterr().out.strip() == "新增 0 项，更新 0 项，未变 3 项（另建分组事项 0 项）。"
    assert Item.objects.count() == 5


def test_dry_run_writes_nothing(government, workbook, capsys):
    call_command("catalog", "import", str(workbook), "--org", government.credit_code, "--dry-run")
    assert capsys.readouterr().out.startswith("检查通过（试运行，未写入）：新增 3 项")
    assert not Item.objects.exists()


def test_a_bad_row_exits_1_with_the_problems_on_stderr(government, tmp_path, capsys):
    rows = [list(row) for row in ROWS]
    rows[1][3] = ""
    path = tmp_path / "bad.xlsx"
    path.write_bytes(national_workbook(rows))
    with pytest.raises(SystemExit) as exit_info:
        call_command("catalog", "import", str(path), "--org", government.credit_code)
    assert exit_info.value.code == 1
    error = capsys.readouterr().err
    assert "工作表“社会救助” 第5行 D（公开内容（要素））列：请填写公开内容（要素）。" in error
    assert "共发现 1 个问题，未导入任何内容；请修改后重新导入。" in error
    assert not Item.objects.exists()


def test_a_time_limit_with_no_computable_meaning_is_a_warning_on_stderr(government, tmp_path, capsys):
    rows = [list(row) for row in ROWS]
    rows[1][5] = "尽快"
    path = tmp_path / "vague.xlsx"
    path.write_bytes(national_workbook(rows))
    call_command("catalog", "import", str(path), "--org", government.credit_code)
    captured = capsys.readouterr()
    assert "警告：工作表“社会救助” 第5行 F（公开时限）列：公开时限“尽快”无法换算为具体期限" in captured.err
    assert captured.out.startswith("新增 3 项")
    item = Item.objects.get(time_limit="尽快")
    assert (item.time_limit_kind, item.due_date(date(2026, 9, 18))) == ("not_computable", None)


def test_export_by_suffix(government, workbook, tmp_path):
    call_command("catalog", "import", str(workbook), "--org", government.credit_code)
    call_command("catalog", "export", "--org", government.credit_code, "-o", str(tmp_path / "out.json"))
    document = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert [item["path"] for item in document["items"]] == [
        ["综合业务", "政策法规文件"],
        ["综合业务", "监督检查"],
        ["最低生活保障", "审核信息"],
    ]
    assert document["items"][2]["time_limit"]["publicity_days"] == 7
    call_command("catalog", "export", "--org", government.credit_code, "-o", str(tmp_path / "out.csv"))
    text = (tmp_path / "out.csv").read_bytes().decode("utf-8")
    assert text.startswith("\ufeff领域,序号,一级事项,二级事项,三级事项,公开内容（要素）")
    assert text.count("\n") == 4
    call_command("catalog", "export", "--org", government.credit_code, "-o", str(tmp_path / "again.xlsx"))
    call_command("catalog", "import", str(tmp_path / "again.xlsx"), "--org", government.credit_code)
    assert Item.objects.count() == 5


def test_unknown_organization_and_format_are_errors(government, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="找不到机构“nope”"):
        call_command("catalog", "export", "--org", "nope", "-o", str(tmp_path / "x.xlsx"))
    with pytest.raises(CommandError, match="不支持导出为“.pdf”"):
        call_command("catalog", "export", "--org", government.credit_code, "-o", str(tmp_path / "x.pdf"))


def test_handbook_pdf_embeds_the_cjk_font(government, workbook, tmp_path):
    call_command("catalog", "import", str(workbook), "--org", government.credit_code)
    output = tmp_path / "handbook.pdf"
    call_command("catalog", "handbook", "--org", government.credit_code, "-o", str(output))
    assert output.read_bytes().startswith(b"%PDF")
    fonts = subprocess.run(["pdffonts", str(output)], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
    names = [line.split()[0].split("+", 1)[-1] for line in fonts.splitlines()[2:]]
    assert {"FandolSong-Bold", "FandolHei", "FandolFang"} <= set(names), fonts  # the official document faces
    assert all(" yes " in line.split("Identity-H")[-1] + " " for line in fonts.splitlines()[2:]), fonts
    text = subprocess.run(["pdftotext", str(output), "-"], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
    assert "基层政务公开标准目录一本通" in text
    assert "社会救助（3 项）" in text
    assert "SHJZ-0005" in text
