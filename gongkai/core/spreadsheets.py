"""Cells written to exports are data, never formulas (CSV/formula injection).

A text cell starting with = + - @ (or a tab or carriage return) would run as a formula when a clerk opens the file in
Excel or WPS. In .xlsx files every text cell is written with the string type, whatever it starts with; in CSV files,
which have no types, such a cell gets a leading apostrophe, the spreadsheet convention for "this is text". Plain
numbers ("-5", "+86") are left alone. Importers call `unquote` so an export imports back unchanged.
"""

import re

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


def is_risky(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS) and not NUMBER.match(value)


def csv_cell(value):
    return "'" + value if is_risky(value) else value


def csv_row(values) -> list:
    return [csv_cell(value) for value in values]


def xlsx_cell(sheet, value):
    """A write-only cell that holds text as text; other values (numbers, dates, styled cells) pass through."""
    if isinstance(value, Cell) or not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # openpyxl would otherwise store "=…" as a formula
    return cell


def xlsx_row(sheet, values) -> list:
    return [xlsx_cell(sheet, value) for value in values]


def unquote(value):
    """Undo `csv_cell` on import: an apostrophe before a formula character is the exporter's."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value
