"""An application register with no data rows (an empty file or the headers alone) is nothing to import: the command
exits 1 and writes nothing, not even an audit entry."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.applications.importing import COLUMNS
from gongkai.applications.models import Application
from gongkai.core.models import AuditEntry


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content", ["", ",".join(labels[0] for labels in COLUMNS.values()) + "\n"], ids=["empty", "headers"]
)
def test_a_register_without_rows_is_nothing_to_import(tmp_path, content):
    path = tmp_path / "登记簿.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("applications", "import", str(path))
    assert error.value.returncode == 1
    assert AuditEntry.objects.count() == 0
    assert Application.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "line"),
    [("查询码,申请人\nH-1," + "张" * 200_000 + "\n", 2)],
    ids=["a-field-past-the-csv-modules-limit"],
)
def test_an_unreadable_csv_line_is_refused_with_its_number(tmp_path, content, line):
    path = tmp_path / "登记簿.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("applications", "import", str(path))
    assert str(error.value).startswith(f"CSV 文件第 {line} 行无法读取（")
    assert AuditEntry.objects.count() == 0
    assert Application.objects.count() == 0


@pytest.mark.django_db
def test_a_carriage_return_inside_a_line_does_not_crash_the_import(tmp_path):
    path = tmp_path / "登记簿.csv"
    path.write_bytes("查询码,申请人\nH-1,张\r三\n".encode())
    with pytest.raises(CommandError) as error:
        call_command("applications", "import", str(path))
    assert error.value.returncode == 1
    assert Application.objects.count() == 0
