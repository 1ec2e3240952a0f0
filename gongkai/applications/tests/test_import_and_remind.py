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

from .factories import id_card, make_application

pytestmark = pytest.mark.django_db
HEADER = (
    "查询码,办理机关,申请人类型,收到申请日期,状态,办理结果,答复日期,送达日期,"
    "申请渠道,申请人,证件号码,联系电话,所需信息\n"
)
PERSON_TYPES = ("自然人", "natural_person")


def applicant_cells(department, row: str) -> str:
    """The registration columns every row needs (Art 29 particulars, the channel): a person's ID card number for a
    natural person, the department's own credit code as a stand-in for an organization applicant's."""
    person = row.split(",")[2] in PERSON_TYPES
    number = id_card() if person else department.credit_code
    return f",当面提交,张三丰,{number},13912345678,2025年低保资金发放情况"


def csv_bytes(department, *rows):
    lines = "".join(row.format(org=department.name) + applicant_cells(department, row) + "\n" for row in rows)
    return (HEADER + lines).encode("utf-8-sig")


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
    sheet.append(
        ["查询码", "办理机关", "申请人类型", "收到申请日期", "状态", "办理结果", "答复日期", "送达日期", "申请渠道"]
        + ["申请人", "证件号码", "通讯地址", "所需信息"]
    )
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
            "邮寄",
            "某研究院",
            department.credit_code,
            "示范区科技路1号",
            "2024年河道整治工程环评文件",
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


def test_rows_pass_the_registration_checks_of_art_29_and_31(department):
    content = csv_bytes(department, "R-1,{org},自然人,2025-12-20,已签收办理中,,,").replace(
        id_card().encode(), b"110101199003071234"
    )
    bad_channel = csv_bytes(department, "R-2,{org},自然人,2025-12-20,已签收办理中,,,").replace(
        "当面提交".encode(), "飞鸽传书".encode()
    )
    assert (
        "居民身份证号码“110101199003071234”无效" in import_register(content=content, filename="r.csv").errors[0].text()
    )
    texts = [issue.text() for issue in import_register(content=bad_channel, filename="r.csv").errors]
    assert any("“申请渠道”列：“飞鸽传书”无效" in text for text in texts)
    no_description = (
        HEADER + "R-3,{org},自然人,2025-12-20,已签收办理中,,,,当面提交,张三丰,{id},13912345678,\n"
    ).format(org=department.name, id=id_card())
    report = import_register(content=no_description.encode(), filename="r.csv")
    assert "所需政府信息的名称、文号或其他特征性描述" in report.errors[0].text()
    assert Application.objects.count() == 0


def test_each_imported_application_has_its_audit_entry_and_receipt_rule(department):
    content = csv_bytes(
        department,
        "A-1,{org},自然人,2025-12-20,已办结,予以公开,2026-01-09,2026-01-10",
        "A-2,{org},自然人,2025-12-22,已签收办理中,,,",
    )
    assert import_register(content=content, filename="r.csv").errors == []
    assert AuditEntry.objects.filter(action="applications.application.imported").count() == 2
    application = Application.objects.get(tracking_code="A-2")
    assert application.receipt_rule.startswith("当面提交：以提交之日为收到申请之日")
    assert application.applicant_name == "张三丰"
    assert application.events.filter(kind="registered").exists()


def test_a_transferred_row_creates_the_receiving_organizations_application(department, other_department):
    header = HEADER.rstrip("\n") + ",转办机关,转办日期\n"
    row = f"T-1,{department.name},自然人,2025-12-20,已转办,,," + applicant_cells(department, "x,x,自然人")
    content = (header + row + f",{other_department.name},2025-12-23\n").encode()
    report = import_register(content=content, filename="r.csv")
    assert report.errors == []
    original = Application.objects.get(tracking_code="T-1")
    received = Application.objects.get(transferred_from=original)
    assert (original.status, received.organization, received.status) == (
        Status.TRANSFERRED,
        other_department,
        "registered",
    )
    assert received.received_on == date(2025, 12, 23)
    assert (other_department.pk, 2025) in report.touched


def test_a_transferred_row_without_the_receiving_organization_is_refused(department):
    report = import_register(content=csv_bytes(department, "T-2,{org},自然人,2025-12-20,已转办,,,"), filename="r.csv")
    assert any("“转办机关”列：状态为“已转办”的申请须填写转办机关" in issue.text() for issue in report.errors)
    assert Application.objects.count() == 0


@pytest.mark.parametrize(
    "spelling",
    [
        "（三）不予公开 3.危及“三安全一稳定”",
        '(三)不予公开 3．危及"三安全一稳定"',
        "（三）不予公开3．危及三安全一稳定",
        "（三）不予公开 3.危及‘三安全一稳定’",
    ],
)
def test_report_rows_are_read_in_the_spellings_registers_use(department, spelling):
    quoted = '"' + spelling.replace('"', '""') + '"'  # a CSV cell, as a spreadsheet saves it
    content = csv_bytes(department, "S-1,{org},自然人,2025-12-20,已办结," + quoted + ",2026-01-09,2026-01-10")
    report = import_register(content=content, filename="r.csv")
    assert report.errors == []
    assert Application.objects.get().outcome == Outcome.WITHHELD_3


def test_progress_prints_separate_lines_when_not_a_terminal(department, tmp_path, capsys):
    path = tmp_path / "register.csv"
    path.write_bytes(csv_bytes(department, "P-1,{org},自然人,2025-12-20,已签收办理中,,,"))
    call_command("applications", "import", str(path), stdout=io.StringIO())
    assert "已检查 1/1 行\n" in capsys.readouterr().err
