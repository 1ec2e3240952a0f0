"""Reading and writing lexicon and expression files (CSV or Excel), with every bad row reported in Chinese.

Columns (the header row names them; order free): 词条, 类别, 严重程度, 启用, 说明 for the lexicon and
错误表述, 正确表述, 类别, 严重程度, 启用, 说明 for expression pairs. 类别 and 严重程度 take either the Chinese
label (阻止发布 / 需确认 / 提示) or the code (block / warn / info); 启用 takes 是/否 (empty means 是).
"""

import csv
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from gongkai.core import spreadsheets

from .extraction import OLE_MAGIC, ZIP_MAGIC
from .kinds import Severity
from .models import ExpressionCategory, LexiconCategory

LEXICON_COLUMNS = {"词条": "term", "类别": "category", "严重程度": "severity", "启用": "enabled", "说明": "note"}
EXPRESSION_COLUMNS = {
    "错误表述": "wrong",
    "正确表述": "right",
    "类别": "category",
    "严重程度": "severity",
    "启用": "enabled",
    "说明": "note",
}
TRUE_WORDS = {"", "是", "启用", "1", "true", "yes", "y", "√"}
FALSE_WORDS = {"否", "停用", "禁用", "0", "false", "no", "n", "×"}
MAX_TERM = 100
UNREADABLE = "\x00unreadable"  # marks a table that could not be read; its second cell is the reason


@dataclass
class RowError:
    sheet: str
    row: int
    column: str
    reason: str

    def __str__(self):
        return _("%(sheet)s 第%(row)d行 “%(column)s”列：%(reason)s") % {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "reason": self.reason,
        }


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)


def read_table(file, *, filename: str = "") -> tuple[str, list[list[str]]]:
    """(sheet name, rows of cell strings) of a CSV (UTF-8 or GB18030) or the first sheet of an .xlsx file."""
    data = file.read() if hasattr(file, "read") else open(file, "rb").read()  # noqa: SIM115
    if isinstance(data, str):
        data = data.encode("utf-8")
    if data.startswith(ZIP_MAGIC):
        import openpyxl

        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as error:  # noqa: BLE001 - any parser failure on a user file becomes a message
            return "", [[UNREADABLE, str(error)]]
        sheet = workbook.worksheets[0]
        rows = [
            ["" if value is None else str(value).strip() for value in row] for row in sheet.iter_rows(values_only=True)
        ]
        title = sheet.title
        workbook.close()
        return title, rows
    if data.startswith(OLE_MAGIC):
        return "", [[UNREADABLE, _("旧版 .xls 格式不受支持，请另存为 .xlsx 或 CSV。")]]
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        return "", [[UNREADABLE, _("无法识别文件编码，请保存为 UTF-8 编码的 CSV 或 .xlsx。")]]
    return "CSV", [[spreadsheets.unquote(cell.strip()) for cell in row] for row in csv.reader(io.StringIO(text))]


def _choice(value: str, choices) -> str | None:
    for code, label in choices.choices:
        if value in (code, str(label)):
            return code
    return None


def _parse(  # noqa: C901 - one validation per lexicon column; splitting it would scatter the row errors
    file, filename: str, columns: dict, required: tuple[str, ...], category_choices
) -> tuple[list, list]:
    sheet, table = read_table(file, filename=filename)
    errors: list[RowError] = []
    if table and table[0][:1] == [UNREADABLE]:
        return [], [RowError(sheet or filename, 1, "-", table[0][1])]
    if not table:
        return [], [RowError(sheet or filename, 1, "-", _("文件是空的。"))]
    header = [cell.strip() for cell in table[0]]
    missing = [name for name in columns if columns[name] in required and name not in header]
    if missing:
        return [], [
            RowError(
                sheet,
                1,
                "、".join(missing),
                _("缺少必需的列，表头应包含：%(columns)s") % {"columns": "、".join(columns)},
            )
        ]
    index = {columns[name]: position for position, name in enumerate(header) if name in columns}
    label_of = {value: key for key, value in columns.items()}
    rows, seen = [], {}
    key_field = required[0]
    for row_number, cells in enumerate(table[1:], start=2):
        if not any(cells):
            continue
        raw = {field_name: (cells[position] if position < len(cells) else "") for field_name, position in index.items()}
        row = {"category": "other", "severity": Severity.WARN, "enabled": True, "note": ""}
        row_errors = []
        for field_name in required:
            value = " ".join(raw.get(field_name, "").split())
            if not value:
                row_errors.append(RowError(sheet, row_number, label_of[field_name], _("不能为空。")))
            elif len(value) > (MAX_TERM if field_name != "right" else 200):
                row_errors.append(
                    RowError(sheet, row_number, label_of[field_name], _("超过%(max)d个字符。") % {"max": MAX_TERM})
                )
            row[field_name] = value
        if raw.get("category"):
            category = _choice(raw["category"], category_choices)
            if category is None:
                labels = "、".join(str(label) for label in category_choices.labels)
                row_errors.append(
                    RowError(
                        sheet,
                        row_number,
                        "类别",
                        _("“%(value)s”不是有效类别，可选：%(labels)s。") % {"value": raw["category"], "labels": labels},
                    )
                )
            row["category"] = category
        if raw.get("severity"):
            severity = _choice(raw["severity"], Severity)
            if severity is None:
                row_errors.append(
                    RowError(
                        sheet,
                        row_number,
                        "严重程度",
                        _("“%(value)s”无效，可选：阻止发布、需确认、提示。") % {"value": raw["severity"]},
                    )
                )
            row["severity"] = severity
        enabled = raw.get("enabled", "").strip().lower()
        if enabled in TRUE_WORDS:
            row["enabled"] = True
        elif enabled in FALSE_WORDS:
            row["enabled"] = False
        else:
            row_errors.append(
                RowError(sheet, row_number, "启用", _("“%(value)s”无效，请填“是”或“否”。") % {"value": raw["enabled"]})
            )
        row["note"] = " ".join(raw.get("note", "").split())[:300]
        if "right" in row and row.get("right") and row["right"] == row.get("wrong"):
            row_errors.append(RowError(sheet, row_number, "正确表述", _("与错误表述相同。")))
        key = row.get(key_field)
        if key and key in seen:
            row_errors.append(
                RowError(sheet, row_number, label_of[key_field], _("与第%(row)d行重复。") % {"row": seen[key]})
            )
        elif key:
            seen[key] = row_number
        errors.extend(row_errors)
        if not row_errors:
            rows.append(row)
    return rows, errors


def parse_lexicon_rows(file, *, filename: str = "") -> tuple[list[dict], list[RowError]]:
    return _parse(file, filename, LEXICON_COLUMNS, ("term",), LexiconCategory)


def parse_expression_rows(file, *, filename: str = "") -> tuple[list[dict], list[RowError]]:
    return _parse(file, filename, EXPRESSION_COLUMNS, ("wrong", "right"), ExpressionCategory)


def _export_rows(entries, columns: dict) -> list[list[str]]:
    rows = [list(columns)]
    for entry in entries:
        row = []
        for field_name in columns.values():
            if field_name == "enabled":
                row.append("是" if entry.enabled else "否")
            elif field_name in ("category", "severity"):
                row.append(str(getattr(entry, f"get_{field_name}_display")()))
            else:
                row.append(getattr(entry, field_name))
        rows.append(row)
    return rows


def export_table(entries, *, kind: str, file_format: str) -> bytes:
    """The entries as CSV (UTF-8 with BOM, opens in Excel) or .xlsx bytes, in the import format."""
    columns = LEXICON_COLUMNS if kind == "lexicon" else EXPRESSION_COLUMNS
    rows = _export_rows(entries, columns)
    if file_format == "xlsx":
        import openpyxl

        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet(_("敏感词库") if kind == "lexicon" else _("表述纠错"))
        for row in rows:
            sheet.append(spreadsheets.xlsx_row(sheet, row))
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(spreadsheets.csv_row(row) for row in rows)
    return buffer.getvalue().encode("utf-8-sig")
