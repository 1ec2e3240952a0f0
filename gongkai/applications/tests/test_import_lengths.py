"""`applications import` refuses a value longer than its field with the row and column, writes nothing and never
truncates; a value of exactly the field's length is stored whole (on SQLite and on PostgreSQL alike)."""

import pytest

from gongkai.applications.importing import import_register
from gongkai.applications.models import Application
from gongkai.core.models import AuditEntry

from .factories import id_card

pytestmark = pytest.mark.django_db
HEADER = "查询码,办理机关,申请渠道,申请人类型,申请人,证件号码,联系电话,通讯地址,所需信息,收到申请日期,状态\n"


def row(department, *, code="H-1", name="张三丰", phone="13912345678", address="示范区幸福路 1 号"):
    cells = [code, department.name, "当面提交", "自然人", name, id_card(), phone, address, "低保名单", "2025-12-20"]
    return ",".join([*cells, "已签收办理中"]) + "\n"


def import_rows(*rows):
    return import_register(content=(HEADER + "".join(rows)).encode("utf-8"), filename="登记簿.csv")


def test_values_longer_than_their_fields_are_refused_by_row_and_column(department):
    report = import_rows(
        row(department, code="H-OK"),
        row(department, code="H-" + "9" * 39, name="张" * 151),
        row(department, code="H-3", phone="1" * 31, address="路" * 201),
    )
    tail = "请缩短后重新导入（不会自动截断）。"
    assert [issue.text() for issue in report.errors] == [
        f"工作表“CSV”第 3 行，“查询码”列：内容过长：最多 40 个字符，这里有 41 个。{tail}",
        f"工作表“CSV”第 3 行，“申请人”列：内容过长：最多 150 个字符，这里有 151 个。{tail}",
        f"工作表“CSV”第 4 行，“联系电话”列：内容过长：最多 30 个字符，这里有 31 个。{tail}",
        f"工作表“CSV”第 4 行，“通讯地址”列：内容过长：最多 200 个字符，这里有 201 个。{tail}",
    ]
    assert Application.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_values_of_exactly_the_fields_length_are_stored_whole(department):
    report = import_rows(row(department, code="H-" + "9" * 38, name="张" * 150, phone="1" * 30, address="路" * 200))
    assert report.errors == []
    application = Application.objects.get()
    assert (len(application.tracking_code), application.applicant_name, application.phone, application.address) == (
        40,
        "张" * 150,
        "1" * 30,
        "路" * 200,
    )
