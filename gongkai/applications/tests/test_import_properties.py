"""Property tests of `applications import`: whatever a register's cells hold, the import never crashes, and it is
all or nothing — either every row is written or none is, with every refusal a readable message."""

import csv
import io

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from gongkai.applications.errors import ApplicationError
from gongkai.applications.importing import COLUMNS, import_register
from gongkai.applications.models import Application
from gongkai.core.models import AuditEntry

from .factories import id_card

pytestmark = pytest.mark.django_db
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
HEADERS = [labels[0] for labels in COLUMNS.values()]
PRINTABLE = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=60)
CELL = st.one_of(
    PRINTABLE,
    st.text(max_size=30),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.dates().map(str),
    st.sampled_from(["", "已办结", "予以公开", "自然人", "已转办", "2025-13-40", "2025年2月30日", "邮寄", "=1+1"]),
)


def valid_row(department, number: int) -> dict[str, str]:
    return {
        "查询码": f"P-{number}",
        "办理机关": department.name,
        "申请渠道": "当面提交",
        "申请人类型": "自然人",
        "申请人": "张三丰",
        "证件号码": id_card(),
        "联系电话": "13912345678",
        "所需信息": "低保名单",
        "收到申请日期": "2025-12-20",
        "状态": "已签收办理中",
    }


def register(department, changes: list[tuple[int, str, str]], rows: int, as_xlsx: bool) -> bytes:
    table = [valid_row(department, number) for number in range(rows)]
    for row, column, value in changes:
        table[row % rows][column] = value
    if as_xlsx:
        workbook = Workbook()
        workbook.active.append(HEADERS)
        for values in table:
            workbook.active.append([values.get(header, "") for header in HEADERS])
        stream = io.BytesIO()
        workbook.save(stream)
        return stream.getvalue()
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=HEADERS)
    writer.writeheader()
    writer.writerows(table)
    return stream.getvalue().encode("utf-8")


def import_all_or_nothing(content: bytes, rows: int | None) -> str:
    """ "written" or "refused", having checked that a refusal wrote nothing and a success wrote every row."""
    with transaction.atomic():
        applications, entries = Application.objects.count(), AuditEntry.objects.count()
        refusal, report = "", None
        try:
            report = import_register(content=content, filename="登记簿")
        except ApplicationError as error:
            refusal = error.message
        assert report is not None or refusal.strip()
        if report is None or report.errors:
            assert all(issue.text().strip() and issue.reason.strip() for issue in (report.errors if report else []))
            assert (Application.objects.count(), AuditEntry.objects.count()) == (applications, entries)
            outcome = "refused"
        else:
            assert report.count == rows
            assert Application.objects.count() >= applications + rows  # a 已转办 row also creates the receiver's
            outcome = "written"
        transaction.set_rollback(True)
    return outcome


@PROPERTY
@given(
    rows=st.integers(min_value=1, max_value=3),
    changes=st.lists(st.tuples(st.integers(min_value=0, max_value=2), st.sampled_from(HEADERS), CELL), max_size=4),
)
def test_random_csv_cells_never_crash_and_write_all_or_nothing(department, rows, changes):
    assert import_all_or_nothing(register(department, changes, rows, as_xlsx=False), rows) in ("written", "refused")


@PROPERTY
@given(
    rows=st.integers(min_value=1, max_value=3),
    changes=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=2),
            st.sampled_from(HEADERS),
            st.one_of(PRINTABLE.filter(lambda text: not any(ord(c) < 32 for c in text)), st.integers(), st.dates()),
        ),
        max_size=4,
    ),
)
def test_random_xlsx_cells_of_any_type_never_crash_and_write_all_or_nothing(department, rows, changes):
    assert import_all_or_nothing(register(department, changes, rows, as_xlsx=True), rows) in ("written", "refused")


@PROPERTY
@given(content=st.one_of(st.binary(max_size=3000), st.binary(max_size=300).map(lambda data: b"PK\x03\x04" + data)))
def test_random_bytes_are_refused_with_a_message(department, content):
    assert import_all_or_nothing(content, None) == "refused"
