"""Finance statements: sums checked, the accounting export imported all-or-nothing, period lights."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from gongkai.core.errors import AccessDenied
from gongkai.publishing.models import Light, Record, RecordStatus
from gongkai.publishing.tests.factories import force_status
from gongkai.villages import selectors, services
from gongkai.villages.errors import VillagesError, VillagesErrorCode
from gongkai.villages.models import FinanceStatement

LINES = [
    {"direction": "income", "subject": "上级补助收入", "amount": "50000.00"},
    {"direction": "income", "subject": "集体资产租赁收入", "amount": "12800.50"},
    {"direction": "expense", "subject": "公益事业支出", "amount": "23000"},
    {"direction": "expense", "subject": "干部报酬", "amount": "18000.25", "note": "第一季度"},
]


def create(village, actor, **fields):
    values = {
        "period_kind": "quarter",
        "year": 2026,
        "period": 1,
        "opening_balance": "100000",
        "lines": LINES,
        "declared": {"income_total": "62800.50", "expense_total": "41000.25", "closing_balance": "121800.25"},
    }
    return services.create_statement(organization=village, actor=actor, **(values | fields))


def test_a_statement_with_matching_sums_is_stored_with_a_draft_record(village, village_clerk):
    statement = create(village, village_clerk)
    totals = services.finance.statement_totals(statement)
    assert (totals.income, totals.expense, totals.closing) == (
        Decimal("62800.50"),
        Decimal("41000.25"),
        Decimal("121800.25"),
    )
    assert statement.record.title == "东风社区2026年第1季度财务收支公开"
    assert statement.record.status == RecordStatus.DRAFT
    assert "<td>121800.25</td>" in statement.record.body
    assert list(statement.record.columns.values_list("slug", flat=True)) == ["village-finance-statements"]


def test_wrong_totals_are_refused_with_both_numbers(village, village_clerk):
    with pytest.raises(VillagesError) as error:
        create(village, village_clerk, declared={"income_total": "62800.00", "closing_balance": "121800.25"})
    assert error.value.code == VillagesErrorCode.SUMS_DO_NOT_MATCH
    assert "收入合计填写为 62,800.00 元，按明细计算应为 62,800.50 元" in error.value.message
    assert not FinanceStatement.objects.exists()
    assert not Record.objects.exists()


def test_a_period_is_reported_once_and_only_after_it_ends(village, village_clerk):
    create(village, village_clerk)
    with pytest.raises(VillagesError) as error:
        create(village, village_clerk)
    assert error.value.code == VillagesErrorCode.DUPLICATE_PERIOD
    with pytest.raises(VillagesError):
        create(village, village_clerk, period_kind="month", year=2030, period=1)
    assert FinanceStatement.objects.count() == 1


def test_a_grid_worker_or_another_village_cannot_report(village, grid_worker, other_clerk):
    for person in (grid_worker, other_clerk):
        with pytest.raises(AccessDenied):
            create(village, person)
    assert not FinanceStatement.objects.exists()


def workbook(rows) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("export.xlsx", buffer.getvalue())


GOOD = [
    ("收支", "科目", "金额", "摘要"),
    ("期初余额", None, 100000, None),
    ("收入", "上级补助收入", 50000, "转移支付"),
    ("收入", "集体资产租赁收入", "12,800.50", None),
    ("支出", "公益事业支出", 23000, "道路维修"),
    ("支出", "干部报酬", 18000.25, None),
    ("收入合计", None, 62800.5, None),
    ("支出合计", None, 41000.25, None),
    ("期末余额", None, 121800.25, None),
]


def test_the_accounting_export_imports(village, village_clerk):
    statement = services.import_statement(
        organization=village, actor=village_clerk, upload=workbook(GOOD), period_kind="quarter", year=2026, period=2
    )
    assert statement.lines.count() == 4
    assert statement.opening_balance == Decimal("100000.00")
    assert [line.note for line in statement.lines.all()] == ["转移支付", "", "道路维修", ""]


def test_an_export_with_errors_imports_nothing_and_names_each_cell(village, village_clerk):
    rows = [*GOOD[:3], ("收入", "", 10, None), ("其他", "利息", 5, None), ("支出", "办公费", "一百", None), *GOOD[6:]]
    with pytest.raises(VillagesError) as error:
        services.import_statement(
            organization=village, actor=village_clerk, upload=workbook(rows), period_kind="quarter", year=2026, period=2
        )
    assert error.value.code == VillagesErrorCode.IMPORT_ERRORS
    assert error.value.params["errors"] == [
        "第4行“科目”列：请填写科目名称。",
        "第5行“收支”列：“其他”无法识别，应为收入、支出、期初余额、收入合计、支出合计或期末余额。",
        "第6行“金额”列：“一百”不是金额，请填写数字，最多两位小数。",
    ]
    assert not FinanceStatement.objects.exists()


def test_an_export_whose_totals_disagree_imports_nothing(village, village_clerk):
    rows = [*GOOD[:-1], ("期末余额", None, 121800.00, None)]
    with pytest.raises(VillagesError) as error:
        services.import_statement(
            organization=village, actor=village_clerk, upload=workbook(rows), period_kind="quarter", year=2026, period=2
        )
    assert error.value.code == VillagesErrorCode.SUMS_DO_NOT_MATCH
    assert not FinanceStatement.objects.exists()


def test_a_file_that_is_not_a_workbook_is_refused(village, village_clerk):
    with pytest.raises(VillagesError) as error:
        services.import_statement(
            organization=village,
            actor=village_clerk,
            upload=SimpleUploadedFile("export.xlsx", b"%PDF-1.4 not a workbook"),
            period_kind="quarter",
            year=2026,
            period=2,
        )
    assert ".xlsx" in error.value.message


def test_period_lights_for_oversight(village, village_clerk):
    statement = create(village, village_clerk)
    force_status(statement.record, RecordStatus.PUBLISHED)
    lights = selectors.finance_period_lights(year=2026, today=date(2026, 10, 12), organizations=[village])
    assert [(light.period, light.light) for light in lights] == [(1, None), (2, Light.RED), (3, Light.GREEN)]
    # Q3 ends 9/30; ten working days later (after National Day) is 10/20.
    assert lights[2].due_on == date(2026, 10, 20)
    assert selectors.finance_period_lights(year=2026, today=date(2026, 10, 19), organizations=[village])[2].light == (
        Light.YELLOW
    )
