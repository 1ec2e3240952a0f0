"""Service sites (服务网点, 一图通) as a live open-data resource: generated from the current sites on each download, in
CSV, XLSX and JSON, listed in the dataset's JSON-LD and in data.json; live query parameters are checked."""

import csv
import io
import json
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.core.models import AuditEntry
from gongkai.opendata import services
from gongkai.opendata.errors import OpendataError
from gongkai.opendata.models import Format, Query, Resource, UpdateCycle
from gongkai.services.models import Site
from gongkai.services.services import save_category, save_site

FIELDS = [{"name": "name", "type": "string", "description": "名称"}]


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def categories(government, office):
    top = save_category(fields={"code": "admin", "name": "行政"}, parent=None, actor=office, organization=government)
    centre = save_category(
        fields={"code": "centre", "name": "便民服务中心"}, parent=top, actor=office, organization=government
    )
    health = save_category(
        fields={"code": "health", "name": "卫生"}, parent=None, actor=office, organization=government
    )
    clinic = save_category(
        fields={"code": "clinic", "name": "社区卫生服务中心"}, parent=health, actor=office, organization=government
    )
    return {"centre": centre, "clinic": clinic}


def add_site(organization, category, office, name, **fields):
    values = {"name": name, "address": f"{name}路1号", "phone": "0519-88001001", "hours": "工作日 9:00-17:00"}
    return save_site(
        organization=organization, category=category, fields=values | fields, latitude="31.781200",
        longitude="119.951500", coordinate_system="cgcs2000", actor=office, guides=[],
    )  # fmt: skip


@pytest.fixture
def sites(categories, department, street_office, office):
    return [
        add_site(
            department,
            categories["centre"],
            office,
            "东风便民服务中心",
            accessibility=["ramp"],
            services="社保查询\n户籍咨询",
            contact_person="张三",
        ),  # fmt: skip
        add_site(street_office, categories["clinic"], office, "东风社区卫生服务中心"),
    ]


@pytest.fixture
def dataset(government, office):
    return services.create_dataset(
        publisher=government, actor=office, slug="sites", title="服务网点", description="全区服务网点。",
        update_cycle=UpdateCycle.MONTHLY, fields=FIELDS, contact="公开办", updated_on=date(2026, 1, 5),
    )  # fmt: skip


def download(client, resource) -> bytes:
    response = client.get(reverse("portal:opendata:download", args=[resource.dataset.slug, resource.pk]))
    assert response.status_code == 200
    return response.content


def live(dataset, office, format_, **parameters) -> Resource:
    return services.add_resource(
        dataset=dataset, actor=office, name=f"服务网点 {format_}", format=format_, query=Query.SERVICE_SITES,
        parameters=parameters,
    )  # fmt: skip


def test_csv_of_service_sites_is_generated_from_the_current_sites(client, dataset, office, sites, categories):
    resource = live(dataset, office, Format.CSV)
    rows = list(csv.DictReader(io.StringIO(download(client, resource).decode("utf-8-sig"))))
    assert [row["name"] for row in rows] == ["东风便民服务中心", "东风社区卫生服务中心"]
    first = rows[0]
    assert (first["category"], first["subcategory"], first["organization"]) == ("行政", "便民服务中心", "示范区民政局")
    assert (first["latitude"], first["longitude"], first["coordinate_system"]) == ("31.7812", "119.9515", "CGCS2000")
    assert (first["services"], first["accessibility"], first["url"]) == (
        "社保查询；户籍咨询",
        "无障碍通道",
        reverse("portal:services:site", args=[sites[0].pk]),
    )
    assert "张三" not in download(client, resource).decode("utf-8-sig")  # no contact person's name in bulk
    # Always current: a site closed and a new one opened show in the next download.
    Site.objects.filter(pk=sites[1].pk).update(is_active=False)
    add_site(sites[0].organization, categories["clinic"], office, "新开服务点")
    rows = list(csv.DictReader(io.StringIO(download(client, resource).decode("utf-8-sig"))))
    assert [row["name"] for row in rows] == ["东风便民服务中心", "新开服务点"]


def test_json_and_xlsx_filtered_by_category_and_organization(client, dataset, office, sites, department):
    as_json = live(dataset, office, Format.JSON, category="clinic")
    items = json.loads(download(client, as_json))
    assert [(item["name"], item["is_disclosure_point"]) for item in items] == [("东风社区卫生服务中心", False)]
    as_xlsx = live(dataset, office, Format.XLSX, organization=department.pk)
    sheet = load_workbook(io.BytesIO(download(client, as_xlsx))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "name"
    assert [row[0] for row in rows[1:]] == ["东风便民服务中心"]


def test_service_sites_are_listed_in_jsonld_and_data_json(client, dataset, office, sites):
    resource = live(dataset, office, Format.CSV)
    download_url = f"http://testserver{resource.get_absolute_url()}"
    document = client.get(reverse("portal:opendata:jsonld", args=[dataset.slug])).json()
    assert [item["dcat:downloadURL"]["@id"] for item in document["dcat:distribution"]] == [download_url]
    catalog = client.get(reverse("portal:data_json")).json()
    entry = next(item for item in catalog["dataset"] if item["identifier"] == "sites")
    assert [(item["downloadURL"], item["mediaType"]) for item in entry["distribution"]] == [(download_url, "text/csv")]


@pytest.mark.parametrize(
    ("query", "parameters", "message"),
    [
        (Query.SERVICE_SITES, {"category": "nowhere"}, "找不到服务点分类“nowhere”。"),
        (Query.SERVICE_SITES, {"column": "x"}, "查询“便民服务点（一图通）”不接受参数“column”。"),
        (Query.COLUMN_RECORDS, {"organization": "abc"}, "找不到机构“abc”。"),
        (Query.COLUMN_RECORDS, {"column": "a b"}, "栏目标识只能包含字母、数字、连字符和下划线。"),
        (Query.REPORT_FIGURES, {"year": "1899"}, "年度应为 2000 至 2099 之间的四位数字。"),
        (Query.CATALOG_ITEMS, {}, "标准目录公开事项须指定机构。"),
    ],
)
def test_wrong_query_parameters_are_refused_in_chinese(dataset, office, categories, query, parameters, message):
    before = AuditEntry.objects.count()
    with pytest.raises(OpendataError) as raised:
        services.add_resource(
            dataset=dataset, actor=office, name="查询", format=Format.CSV, query=query, parameters=parameters
        )
    assert raised.value.message == message
    assert not Resource.objects.exists()
    assert AuditEntry.objects.count() == before
