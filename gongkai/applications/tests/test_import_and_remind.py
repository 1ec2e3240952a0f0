"""Import of historical registers (all or nothing, every bad row reported, --dry-run) and reminders."""

import io
from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from gongkai.applications import services
from gongkai.applications.importing import import_register
from gongkai.applications.models import Application, Outcome, Status
from gongkai.applications.reporting import report_counts
from gongkai.core.models import AuditEntry

from .factories import make_application

pytestmark = pytest.mark.django_db
HEADER = "查询码,办理机关,申请人类型,收到申请日期,状态,办理结果,答复日期,送达日期\n"


def csv_bytes(department, *rows):
    return (HEADER + "".join(row.format(org=department.name) + "\n" for row in rows)).encode("utf-8-sig")


def test_csv_import_creates_applications_that_count_in_the_report(department):
    content = csv_bytes(
        department,
        "H2025-001,{org},自然人,2025-12-20,已办结,予以公开,2026-01-09,2026-01-10",
        "H2025-002,{org},商业企业,2025/12/29,已签收办理中,,,",
        "H2026-003,{org},legal_service,2026年3月2日,closed,（三）不予公开 4.保护第三方合法权益,2026-03-20,",
    )
    report = import_register(content=content, filename="register.csv")
    assert report.errors == []
    assert report.count == 3
    open_one = Application.objects.get(tracking_code="H2025-002")
    assert open_one.status == Status.ACCEPTED
    assert open_one.due_on == date(2026, 1, 27)  # 1-01..03 off, Sunday 1-04 works
    assert Application.objects.get(tracking_code="H2026-003").outcome == Outcome.WITHHELD_4
    table = report_counts(organization_ids=[department.pk], year=2026)
    assert table["carried_in"]["total"] == 2
    assert table["new"]["total"] == 1
    assert table["disclosed"]["natural_person"] == 1
    assert AuditEntry.objects.filter(action="applications.register.imported").count() == 1


def test_bad_rows_are_all_reported_and_nothing_is_written(department):
    content = csv_bytes(
        department,
        "H-1,{org},自然人,2025-12-20,已办结,予以公开,2026-01-09,2026-01-10",
        "H-2,不存在的机关,外星人,2025-13-01,已办结,,,",
        "H-1,{org},自然人,2025-12-20,已签收办理中,予以公开,2026-01-09,",
    )
    report = import_register(content=content, filename="register.csv")
    texts = [issue.text() for issue in report.errors]
    assert any("第 3 行，“办理机关”列" in text for text in texts)
    assert any("第 3 行，“申请人类型”列" in text for text in texts)
    assert any("第 3 行，“收到申请日期”列" in text for text in texts)
    assert any("第 4 行，“查询码”列" in text for text in texts)
    assert any("第 4 行，“办理结果”列" in text for text in texts)
    assert Application.objects.count() == 0


def test_xlsx_import_and_dry_run(department, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "台账"
    sheet.append(["查询码", "办理机关", "申请人类型", "收到申请日期", "状态", "办理结果", "答复日期", "送达日期"])
    sheet.append(
        [
            "X-1",
            department.credit_code,
            "科研机构",
            date(2025, 5, 6),
            "已送达",
            "部分公开",
            date(2025, 5, 20),
            date(2025, 5, 21),
        ]
    )
    path = tmp_path / "register.xlsx"
    workbook.save(path)
    out = io.StringIO()
    call_command("applications", "import", str(path), "--dry-run", stdout=out)
    assert "试运行" in out.getvalue()
    assert Application.objects.count() == 0
    call_command("applications", "import", str(path), stdout=io.StringIO())
    application = Application.objects.get()
    assert application.outcome == Outcome.PARTIALLY_DISCLOSED
    assert application.organization == department


def test_file_type_is_checked_by_content(department, tmp_path):
    path = tmp_path / "register.xlsx"
    path.write_bytes(b"\x00\x01binary garbage")
    with pytest.raises(CommandError) as raised:
        call_command("applications", "import", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert "既不是 Excel" in str(raised.value)


def test_failed_import_command_lists_rows_and_exits_non_zero(department, tmp_path):
    path = tmp_path / "register.csv"
    path.write_bytes(csv_bytes(department, "A-1,{org},自然人,2025-12-20,已办结,,,"))
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("applications", "import", str(path), stdout=io.StringIO(), stderr=err)
    assert raised.value.returncode == 1
    assert "第 2 行，“办理结果”列" in err.getvalue()


def test_reminders_go_to_the_handler_and_the_office(clerk, office, department):
    clerk.email, office.email = "clerk@example.cn", "office@example.cn"
    clerk.save()
    office.save()
    overdue = make_application(actor=clerk, organization=department, received_on=date(2026, 9, 1))
    services.accept_application(actor=clerk, application=overdue, on=date(2026, 9, 2))
    make_application(actor=clerk, organization=department, received_on=date(2026, 11, 20))  # green, no reminder
    sent = services.send_reminders()
    assert sorted(sent) == [("clerk@example.cn", 1), ("office@example.cn", 1)]
    assert len(mail.outbox) == 2
    assert overdue.tracking_code in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="applications.reminder.sent").count() == 2


def test_remind_dry_run_sends_nothing(clerk, office, department):
    office.email = "office@example.cn"
    office.save()
    make_application(actor=clerk, organization=department, received_on=date(2026, 9, 1))
    out = io.StringIO()
    call_command("applications", "remind", "--dry-run", stdout=out)
    assert "office@example.cn: 1" in out.getvalue()
    assert mail.outbox == []


def test_recompute_command_reports_changes(clerk, department):
    application = make_application(actor=clerk, organization=department, received_on=date(2026, 9, 18))
    Application.objects.filter(pk=application.pk).update(due_on=date(2026, 10, 1))
    out = io.StringIO()
    call_command("applications", "recompute", stdout=out)
    application.refresh_from_db()
    assert application.due_on == date(2026, 10, 22)
    assert "1 件" in out.getvalue()
    call_command("applications", "recompute", stdout=out)
    assert "0 件" in out.getvalue()
