"""Rows written as CSV (UTF-8 with BOM, so spreadsheet programs read Chinese), XLSX or JSON."""

import csv
import io

import orjson
from openpyxl import Workbook

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def as_csv(columns: list[str], rows: list[tuple]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(columns)
    writer.writerows(rows)
    return ("\ufeff" + text.getvalue()).encode("utf-8")


def as_xlsx(columns: list[str], rows: list[tuple]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("data")
    sheet.append(columns)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def as_json(columns: list[str], rows: list[tuple]) -> bytes:
    return orjson.dumps([dict(zip(columns, row, strict=True)) for row in rows])


WRITERS = {"csv": as_csv, "xlsx": as_xlsx, "json": as_json}


def export(format_: str, columns: list[str], rows: list[tuple]) -> bytes:
    return WRITERS[format_](columns, rows)
