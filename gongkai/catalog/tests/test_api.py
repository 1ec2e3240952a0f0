"""The public JSON API of the catalog."""

import pytest

from gongkai.catalog.importing import import_catalog

from .factories import catalog_of
from .workbooks import national_workbook


@pytest.fixture
def catalog(government, office):
    catalog = catalog_of(government)
    import_catalog(catalog=catalog, content=national_workbook(), actor=office)
    return catalog


def test_items_filtered_by_level(client, catalog, django_assert_max_num_queries):
    url = f"/api/v1/catalog/{catalog.organization.credit_code}/items/"
    with django_assert_max_num_queries(8):
        response = client.get(url, {"level": "township"})
    assert response.status_code == 200
    body = response.json()
    assert response.status_code == 200
    assert (body["count"], body["page"], body["pages"]) == (2, 1, 1)
    assert [item["path"] for item in body["results"]] == [["综合业务", "政策法规文件"], ["最低生活保障", "审核信息"]]


def test_item_by_code_and_unknown_code(client, catalog):
    item = catalog.items.get(name="审核信息")
    body = client.get(f"/api/v1/catalog/{catalog.organization.pk}/items/{item.code}/").json()
    assert (body["code"], body["time_limit"]["kind"], body["levels"]) == (item.code, "working_days", ["township"])
    response = client.get(f"/api/v1/catalog/{catalog.organization.pk}/items/NOPE/")
    assert (response.status_code, response.json()["code"]) == (404, "catalog.not_found")


def test_domains(client, db):
    body = client.get("/api/v1/catalog/domains/", {"page_size": 200}).json()
    assert len([domain for domain in body["results"] if domain["is_national"]]) == 26
