"""The command-line contract: `gongkai screen FILE [FILE ...] --json`, exit 0 / 1 / 2."""

import json
import os
import subprocess
import sys

import pytest
from django.core.management import call_command

from gongkai.screening.services import create_expression

from .helpers import id_number
from .test_extraction import docx_bytes, xlsx_bytes


def run_screen(capsys, *args):
    code = 0
    try:
        call_command("screen", *args)
    except SystemExit as exit_:
        code = exit_.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.django_db
def test_json_array_of_findings_across_file_types_and_exit_1_when_blocking(tmp_path, capsys):
    text_file = tmp_path / "notice.txt"
    text_file.write_text(f"申请人张三，身份证号{id_number()}。", encoding="utf-8")
    word_file = tmp_path / "list.docx"
    word_file.write_bytes(docx_bytes())
    excel_file = tmp_path / "list.xlsx"
    excel_file.write_bytes(xlsx_bytes())
    code, out, _err = run_screen(capsys, str(text_file), str(word_file), str(excel_file), "--json")
    findings = json.loads(out)
    assert code == 1
    assert findings[0] == {
        "file": str(text_file),
        "kind": "id_card",
        "severity": "block",
        "start": 10,
        "end": 28,
        "text": id_number(),
        "suggestion": "11*************" + id_number()[-3:],
        "message": findings[0]["message"],
        "rule": "id_card.gb11643",
        "location": "",
    }
    assert sorted({(f["file"], f["kind"]) for f in findings}) == sorted(
        {
            (str(text_file), "id_card"),
            (str(word_file), "id_card"),
            (str(word_file), "mobile"),
            (str(word_file), "secret_marking"),
            (str(excel_file), "id_card"),
            (str(excel_file), "mobile"),
        }
    )
    assert {f["location"] for f in findings if f["file"] == str(excel_file)} == {
        "工作表低保名单!C2",
        "工作表低保名单!D2",
    }


@pytest.mark.django_db
def test_exit_0_with_only_warnings_and_lexicon_is_used(tmp_path, capsys, office):
    create_expression(wrong="国家工商总局", right="国家市场监督管理总局", actor=office)
    path = tmp_path / "a.txt"
    path.write_text("根据国家工商总局的通知", encoding="utf-8")
    code, out, _err = run_screen(capsys, str(path), "--json")
    assert code == 0
    assert [(f["kind"], f["severity"], f["start"], f["end"], f["suggestion"]) for f in json.loads(out)] == [
        ("expression", "warn", 2, 8, "国家市场监督管理总局")
    ]


@pytest.mark.django_db
def test_clean_file_prints_empty_array_and_exit_0(tmp_path, capsys):
    path = tmp_path / "clean.txt"
    path.write_text("关于开展2024年度政府信息公开工作的通知", encoding="utf-8")
    assert run_screen(capsys, str(path), "--json")[:2] == (0, "[]\n")


@pytest.mark.django_db
def test_unreadable_input_exits_2_with_message_on_stderr(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfa")
    code, out, err = run_screen(capsys, str(bad), "--json")
    assert code == 2
    assert json.loads(out) == []
    assert "不是 UTF-8 编码" in err


def test_console_script_contract_end_to_end(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("电话138-1234-5678", encoding="utf-8")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gongkai.test_settings",
        "GONGKAI_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
    }
    result = subprocess.run(  # noqa: S603 - our own console entry point, fixed arguments
        [sys.executable, "-m", "gongkai", "screen", str(path), "--json"], capture_output=True, text=True, env=env
    )
    assert result.returncode == 1
    assert [(f["kind"], f["start"], f["end"]) for f in json.loads(result.stdout)] == [("mobile", 2, 15)]
    missing = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "gongkai", "screen", str(tmp_path / "none.pdf"), "--json"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert missing.returncode == 2
    assert "找不到文件" in missing.stderr


@pytest.mark.django_db
def test_lexicon_import_command_dry_run_errors_and_export(tmp_path, capsys):
    from django.core.management.base import CommandError

    from gongkai.screening.models import Expression

    good = tmp_path / "pairs.csv"
    good.write_text("错误表述,正确表述,类别\n国家工商总局,国家市场监督管理总局,过时的机构名称\n", encoding="utf-8")
    call_command("screening", "import", "expressions", str(good), "--dry-run")
    assert "新增 1" in capsys.readouterr().out
    assert not Expression.objects.exists()
    call_command("screening", "import", "expressions", str(good))
    assert Expression.objects.get().right == "国家市场监督管理总局"
    bad = tmp_path / "bad.csv"
    bad.write_text("错误表述,正确表述\n同,同\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("screening", "import", "expressions", str(bad))
    assert "第2行" in capsys.readouterr().err
    out = tmp_path / "out.xlsx"
    call_command("screening", "export", "expressions", str(out))
    assert out.read_bytes().startswith(b"PK")


def test_an_empty_file_exits_2(db, tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = run_screen(capsys, str(empty), "--json")
    assert code == 2
    assert json.loads(out) == []
    assert "空文件" in err
