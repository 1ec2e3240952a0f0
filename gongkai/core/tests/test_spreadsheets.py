"""Exports never carry formulas: xlsx cells are typed as text, CSV cells that look like formulas are quoted."""

import csv
import io
import zipfile

import openpyxl
import pytest

from gongkai.core import spreadsheets

HOSTILE = ['=HYPERLINK("http://x","点我")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "正常文字"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-", "'-"),
        ("@x", "'@x"),
        ("-5", "-5"),
        ("+86", "+86"),
        ("民政局", "民政局"),
        (3, 3),
    ],
)
def test_csv_cells_that_could_run_are_quoted(value, expected):
    assert spreadsheets.csv_cell(value) == expected
    assert spreadsheets.unquote(spreadsheets.csv_cell(value)) == value


def test_xlsx_text_is_stored_as_text_not_formula():
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("t")
    sheet.append(spreadsheets.xlsx_row(sheet, [*HOSTILE, 12]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    xml = zipfile.ZipFile(buffer).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml
    cells = next(openpyxl.load_workbook(buffer).active.iter_rows())
    assert [cell.value for cell in cells] == [*HOSTILE, 12]
    assert [cell.data_type for cell in cells] == ["s"] * len(HOSTILE) + ["n"]


def test_catalog_exports_write_hostile_item_names_as_text(office, government):
    from gongkai.catalog.exporting import export_csv, export_xlsx
    from gongkai.catalog.services import create_item
    from gongkai.catalog.tests.factories import catalog_of, item_data

    catalog = catalog_of(government)
    create_item(catalog=catalog, actor=office, data=item_data(name='=HYPERLINK("http://evil","x")'))
    stream = io.BytesIO()
    export_csv(catalog, stream)
    rows = list(csv.reader(io.StringIO(stream.getvalue().decode("utf-8-sig"))))
    assert any('\'=HYPERLINK("http://evil","x")' in row for row in rows)
    assert not any(cell.startswith("=") for row in rows for cell in row)
    workbook = io.BytesIO()
    export_xlsx(catalog, workbook)
    with zipfile.ZipFile(workbook) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        assert sheets
        assert all("<f>" not in archive.read(name).decode() for name in sheets)
