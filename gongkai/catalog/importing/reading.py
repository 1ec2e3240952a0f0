"""Reading a workbook (checked by content, not by name) into sheets of text cells, merged cells filled in."""

import io
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import partial

import python_calamine
from django.utils import translation
from django.utils.translation import gettext as _

XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class WorkbookUnreadable(Exception):
    """The file is not an Excel workbook this importer can read; the message says so in Chinese."""


@dataclass(frozen=True)
class ImportProblem:
    sheet: str
    row: int  # 1-based row number as Excel shows it; 0 for a problem of the whole sheet or file
    column: str  # "F（公开时限）", or "" for a whole row or sheet
    message: str

    def __str__(self) -> str:
        where = _("工作表“%(sheet)s”") % {"sheet": self.sheet} if self.sheet else _("文件")
        if self.row:
            where += " " + _("第%(row)s行") % {"row": self.row}
        if self.column:
            where += " " + _("%(column)s列") % {"column": self.column}
        return f"{where}：{self.message}"

    def as_dict(self) -> dict:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "message": self.message}


@dataclass
class Sheet:
    name: str
    rows: list[list[str]]
    first_row: int  # the Excel row number of rows[0]
    result: object = None  # what read_workbook's `each` made of the sheet


def cell_text(value) -> str:
    if type(value) is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value).strip()


def read_workbook(content: bytes, *, each=None, threads: int | None = None) -> list[Sheet]:
    """Every sheet of an .xlsx/.xls workbook as rows of text; cells covered by a merge take the merge's value.

    A catalog has one sheet per domain. python-calamine parses a sheet without holding Python's global lock, so the
    sheets are read on up to `threads` threads (default: one per CPU, at most 4), each with its own workbook
    object. `each(sheet)`, when given, runs on the reading thread as soon as a sheet is read (so the Python work on
    one sheet overlaps the parsing of the next) and its result is kept in `sheet.result`; it runs with the caller's
    language active. The sheets come back in the workbook's order whatever the number of threads."""
    if not content.startswith((XLSX_MAGIC, XLS_MAGIC)):
        raise WorkbookUnreadable(_("文件不是 Excel 工作簿（.xlsx 或 .xls），请用标准目录模板填写后再导入。"))
    try:
        names = open_workbook(content).sheet_names
    except Exception as error:  # calamine raises several private error types for damaged files
        raise unreadable(error) from error
    threads = max(1, min(threads or os.cpu_count() or 1, 4, len(names)))
    task = partial(read_sheets, content, each=each, language=translation.get_language())
    if threads == 1:
        return task(names)
    groups = [names[index::threads] for index in range(threads)]
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="catalog-read") as pool:
        parts = list(pool.map(task, groups))
    by_name = {sheet.name: sheet for part in parts for sheet in part}
    return [by_name[name] for name in names]


def unreadable(error: Exception) -> WorkbookUnreadable:
    return WorkbookUnreadable(_("无法读取这个 Excel 文件，文件可能已损坏：%(error)s") % {"error": error})


def open_workbook(content: bytes):
    return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))


def read_sheets(content: bytes, names: list[str], *, each=None, language: str | None = None) -> list[Sheet]:
    with translation.override(language):
        try:
            workbook = open_workbook(content)
        except Exception as error:  # see read_workbook
            raise unreadable(error) from error
        sheets = []
        for name in names:
            try:
                sheet = read_sheet(workbook.get_sheet_by_name(name))
            except Exception as error:  # see read_workbook
                raise unreadable(error) from error
            if each is not None:
                sheet.result = each(sheet)
            sheets.append(sheet)
        return sheets


def read_sheet(sheet) -> Sheet:
    start_row, start_column = sheet.start or (0, 0)
    lead = [""] * start_column
    rows = [  # text cells (nearly all of them) stripped inline: a call per cell costs as much as the read
        lead + [value.strip() if type(value) is str else cell_text(value) for value in row]
        for row in sheet.to_python(skip_empty_area=True)
    ]
    for (top, left), (bottom, right) in sheet.merged_cell_ranges or []:
        fill_merge(rows, top - start_row, left, bottom - start_row, right)
    return Sheet(sheet.name, rows, start_row + 1)


def fill_merge(rows: list[list[str]], top: int, left: int, bottom: int, right: int) -> None:
    if top < 0 or top >= len(rows):
        return
    anchor_row = rows[top]
    value = anchor_row[left] if left < len(anchor_row) else ""
    for row_index in range(top, min(bottom, len(rows) - 1) + 1):
        row = rows[row_index]
        if len(row) <= right:
            row.extend([""] * (right + 1 - len(row)))
        for column in range(left, right + 1):
            if not row[column]:
                row[column] = value
