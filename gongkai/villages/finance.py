"""Sums and periods of village finance statements, and reading an accounting export (.xlsx).

The export layout (one sheet, first row headers): 收支 | 科目 | 金额 | 摘要. Rows whose 收支 cell is 收入 or 支出
are lines; the rows 期初余额, 收入合计, 支出合计 and 期末余额 give the opening balance and the totals the
accounting system printed, which must equal the sums of the lines. Every bad cell is reported with its row and
column, and nothing is imported unless the whole sheet is right.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .models import LineDirection, PeriodKind

CENT = Decimal("0.01")
TOTAL_ROWS = {
    "期初余额": "opening_balance",
    "收入合计": "income_total",
    "支出合计": "expense_total",
    "期末余额": "closing_balance",
}
DIRECTIONS = {"收入": LineDirection.INCOME, "支出": LineDirection.EXPENSE}
HEADERS = ("收支", "科目", "金额", "摘要")


@dataclass
class Totals:
    income: Decimal
    expense: Decimal
    opening: Decimal

    @property
    def closing(self) -> Decimal:
        return self.opening + self.income - self.expense


def totals(opening_balance: Decimal, lines) -> Totals:
    income = sum((Decimal(line["amount"]) for line in lines if line["direction"] == LineDirection.INCOME), Decimal(0))
    expense = sum((Decimal(line["amount"]) for line in lines if line["direction"] == LineDirection.EXPENSE), Decimal(0))
    return Totals(income=income, expense=expense, opening=Decimal(opening_balance))


def sum_mismatches(computed: Totals, declared: dict) -> list[str]:
    """What the declared totals get wrong, in words a clerk can act on (empty when every sum matches)."""
    checks = (
        ("income_total", _("收入合计"), computed.income),
        ("expense_total", _("支出合计"), computed.expense),
        ("closing_balance", _("期末余额"), computed.closing),
    )
    problems = []
    for key, label, value in checks:
        if key in declared and declared[key] is not None and Decimal(declared[key]) != value:
            problems.append(
                _("%(label)s填写为 %(declared)s 元，按明细计算应为 %(computed)s 元")
                % {"label": label, "declared": f"{Decimal(declared[key]):,.2f}", "computed": f"{value:,.2f}"}
            )
    return problems


def period_end(kind: str, year: int, period: int) -> date:
    month = period * 3 if kind == PeriodKind.QUARTER else period
    first_of_next = date(year + (month == 12), month % 12 + 1, 1)
    return first_of_next - timedelta(days=1)


def period_count(kind: str) -> int:
    return 4 if kind == PeriodKind.QUARTER else 12


def parse_amount(value) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip().replace(",", "").replace("，", "").replace("元", "").replace("¥", "")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        return None
    if not amount.is_finite() or amount != amount.quantize(CENT) and len(text.split(".")[-1]) > 2:
        return None
    return amount.quantize(CENT)


@dataclass
class ParsedSheet:
    lines: list = field(default_factory=list)
    declared: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)


def cell_error(row: int, column: str, message: str) -> str:
    return _("第%(row)s行“%(column)s”列：%(message)s") % {"row": row, "column": column, "message": message}


def read_rows(data: bytes) -> list[tuple]:
    from io import BytesIO

    from openpyxl import load_workbook

    workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        return [tuple(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def parse_export(rows: list[tuple]) -> ParsedSheet:
    """Lines, declared totals and every error of an accounting export's rows (the first row holds headers)."""
    parsed = ParsedSheet()
    if not rows:
        parsed.errors.append(_("工作表是空的：第1行应为表头“收支、科目、金额、摘要”。"))
        return parsed
    header = [str(value or "").strip() for value in rows[0]]
    missing = [name for name in HEADERS[:3] if name not in header]
    if missing:
        parsed.errors.append(
            _("第1行表头缺少“%(names)s”列（应为：收支、科目、金额、摘要）。") % {"names": "、".join(missing)}
        )
        return parsed
    index = {name: header.index(name) for name in HEADERS if name in header}
    for number, row in enumerate(rows[1:], start=2):
        cells = {name: (row[position] if position < len(row) else None) for name, position in index.items()}
        kind = str(cells["收支"] or "").strip()
        if not kind and not str(cells["科目"] or "").strip() and cells["金额"] in (None, ""):
            continue
        amount = parse_amount(cells["金额"])
        if amount is None:
            parsed.errors.append(
                cell_error(
                    number,
                    "金额",
                    _("“%(value)s”不是金额，请填写数字，最多两位小数。")
                    % {"value": cells["金额"] if cells["金额"] is not None else ""},
                )
            )
            continue
        if kind in TOTAL_ROWS:
            parsed.declared[TOTAL_ROWS[kind]] = amount
            continue
        if kind not in DIRECTIONS:
            parsed.errors.append(
                cell_error(
                    number,
                    "收支",
                    _("“%(value)s”无法识别，应为收入、支出、期初余额、收入合计、支出合计或期末余额。")
                    % {"value": kind},
                )
            )
            continue
        subject = str(cells["科目"] or "").strip()
        if not subject:
            parsed.errors.append(cell_error(number, "科目", _("请填写科目名称。")))
            continue
        if amount < 0:
            parsed.errors.append(cell_error(number, "金额", _("金额不能为负数；冲减请在摘要中说明并填正数。")))
            continue
        parsed.lines.append(
            {
                "direction": DIRECTIONS[kind],
                "subject": subject[:100],
                "amount": amount,
                "note": str(cells.get("摘要") or "").strip()[:200],
            }
        )
    if "opening_balance" not in parsed.declared:
        parsed.errors.append(_("缺少“期初余额”行：请在“收支”列写“期初余额”，在“金额”列写金额。"))
    if not parsed.lines and not parsed.errors:
        parsed.errors.append(_("没有收支明细行：“收支”列应为“收入”或“支出”。"))
    return parsed
