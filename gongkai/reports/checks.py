"""The cross-checks of the annual report's tables (国办公开办函〔2021〕30号).

- 表三, every column: 第一项 + 第二项 = 第三项（七）总计 + 第四项;
- 表三, every column: （七）总计 = the sum of every result row above it;
- 表三, every row: 总计 = 自然人 + the five 法人或其他组织 columns;
- 表四, every group: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
Each failure names the cell that is wrong, the figures involved and why, in Chinese.
"""

from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _

from . import tables as t


@dataclass(frozen=True)
class CheckFailure:
    rule: str
    cell: str  # Cell.key of the cell found wrong
    label: str
    message: str
    related: list[str] = field(default_factory=list)  # the other cells the rule read

    def as_dict(self) -> dict:
        return asdict(self)


def check(values: dict) -> list[CheckFailure]:
    return [*_balance(values), *_result_totals(values), *_total_column(values), *_review_totals(values)]


def _cell(table: str, row: tuple, column: tuple) -> t.Cell:
    return t.Cell(table, row, column)


def _balance(values: dict) -> list[CheckFailure]:
    failures = []
    for column in t.REQUEST_COLUMNS:
        new, carried_in, results, carried_out = (
            _cell(t.TABLE_REQUESTS, row, (column,))
            for row in [(t.NEW,), (t.CARRIED_IN,), t.RESULT_TOTAL_ROW, (t.CARRIED_OUT,)]
        )
        left = values[new.key] + values[carried_in.key]
        right = values[results.key] + values[carried_out.key]
        if left != right:
            message = _(
                "表三“%(column)s”列不平衡：第一项（%(new)s）加第二项（%(carried_in)s）之和为%(left)s，"
                "而第三项（七）总计（%(results)s）加第四项（%(carried_out)s）之和为%(right)s。"
                "请核对本年办理结果和结转下年度的数字。"
            ) % {
                "column": column,
                "new": values[new.key],
                "carried_in": values[carried_in.key],
                "left": left,
                "results": values[results.key],
                "carried_out": values[carried_out.key],
                "right": right,
            }
            failures.append(
                CheckFailure("balance", results.key, results.label, message, [new.key, carried_in.key, carried_out.key])
            )
    return failures


def _result_totals(values: dict) -> list[CheckFailure]:
    failures = []
    leaves = t.result_leaf_rows()
    for column in t.REQUEST_COLUMNS:
        total = _cell(t.TABLE_REQUESTS, t.RESULT_TOTAL_ROW, (column,))
        parts = [_cell(t.TABLE_REQUESTS, row, (column,)).key for row in leaves]
        expected = sum(values[key] for key in parts)
        if values[total.key] != expected:
            message = _(
                "表三“（七）总计”行“%(column)s”列为%(actual)s，但（一）至（六）各项之和为%(expected)s。"
                "总计应等于各项办理结果之和。"
            ) % {"column": column, "actual": values[total.key], "expected": expected}
            failures.append(CheckFailure("result_total", total.key, total.label, message, parts))
    return failures


def _total_column(values: dict) -> list[CheckFailure]:
    failures = []
    for row in t.REQUEST_ROWS:
        total = _cell(t.TABLE_REQUESTS, row, (t.TOTAL,))
        parts = [_cell(t.TABLE_REQUESTS, row, (column,)).key for column in t.APPLICANT_COLUMNS]
        expected = sum(values[key] for key in parts)
        if values[total.key] != expected:
            message = _(
                "表三“%(row)s”行的“总计”为%(actual)s，但自然人与法人或其他组织各列之和为%(expected)s。"
                "总计应等于各类申请人之和。"
            ) % {"row": " ".join(row[1:] or row), "actual": values[total.key], "expected": expected}
            failures.append(CheckFailure("total_column", total.key, total.label, message, parts))
    return failures


def _review_totals(values: dict) -> list[CheckFailure]:
    failures = []
    for group in t.REVIEW_GROUPS:
        total = _cell(t.TABLE_REVIEWS, (), (*group, t.TOTAL))
        parts = [_cell(t.TABLE_REVIEWS, (), (*group, column)).key for column in t.RESULT_COLUMNS[:-1]]
        expected = sum(values[key] for key in parts)
        if values[total.key] != expected:
            message = _(
                "表四“%(group)s”的总计为%(actual)s，但结果维持、结果纠正、其他结果、尚未审结之和为%(expected)s。"
            ) % {"group": " ".join(group), "actual": values[total.key], "expected": expected}
            failures.append(CheckFailure("review_total", total.key, total.label, message, parts))
    return failures
