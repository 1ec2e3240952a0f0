"""/api/v1/statistics/: the same figures as the portal page, the whole set and one table as a paged list."""

from typing import get_args

import pytest
from django.core.cache import cache

import gongkai.api.v1  # noqa: F401 - mounts every router first (the endpoints module imports the API's lists)
from gongkai.api.statistics.endpoints import TableKey
from gongkai.reports.tests.statistics_data import build


@pytest.fixture
def world(department, street_office, clerk):
    cache.clear()
    yield build(department=department, street_office=street_office, clerk=clerk)
    cache.clear()


def test_statistics_answer_every_table_with_definitions(client, world):
    response = client.get(f"/api/v1/statistics/?year={world['year']}")
    assert response.status_code == 200
    body = response.json()
    assert body["year"] == world["year"]
    assert body["region"] == "示范区"
    assert [table["key"] for table in body["tables"]] == list(get_args(TableKey))
    by_key = {table["key"]: table for table in body["tables"]}
    assert by_key["records-by-organization"]["columns"] == ["机构", "发布条数"]
    assert by_key["records-by-organization"]["rows"] == [["示范区民政局", 5], ["东风街道办事处", 2]]
    assert by_key["inquiries"]["rows"][4] == ["按期答复率（%）", 66.7]
    assert all(table["definition"] for table in body["tables"])


def test_one_table_is_a_paged_list(client, world):
    response = client.get("/api/v1/statistics/records-by-month/?page=2&page_size=5")
    assert response.status_code == 200
    assert response.json() == {
        "count": 13,
        "page": 2,
        "pages": 3,
        "page_size": 5,
        "results": [["6月", 1], ["7月", 0], ["8月", 0], ["9月", 0], ["10月", 0]],
    }


def test_unknown_table_and_bad_year_are_422(client, db):
    assert client.get("/api/v1/statistics/nope/").status_code == 422
    response = client.get("/api/v1/statistics/?year=1800")
    assert response.status_code == 422
    assert response.json()["field"] == "year"


def test_openapi_documents_the_statistics(client, db):
    document = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/statistics/" in document["paths"]
    parameters = {p["name"] for p in document["paths"]["/api/v1/statistics/{table}/"]["get"]["parameters"]}
    assert {"table", "year", "page", "page_size"} <= parameters
