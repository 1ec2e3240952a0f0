"""The JSON API: the clock calculator and staff lists that carry no personal data."""

import json
from datetime import date

import pytest

from .factories import make_application

pytestmark = pytest.mark.django_db


def test_clock_endpoint_follows_the_cli_contract(client):
    response = client.post(
        "/api/v1/applications/clock/",
        json.dumps({"received": "2026-09-18", "events": []}),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["due"] == "2026-10-22"


def test_clock_endpoint_refuses_impossible_input(client):
    response = client.post(
        "/api/v1/applications/clock/",
        json.dumps({"received": "2026-09-18", "events": [{"type": "extended", "date": "2026-10-01", "days": 30}]}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "applications.extension_too_long"


@pytest.mark.parametrize(
    ("role", "status", "count"), [("anonymous", 401, None), ("other_clerk", 200, 0), ("clerk", 200, 1)]
)
def test_list_is_scoped_and_without_personal_data(client, request, clerk, department, role, status, count):
    application = make_application(actor=clerk, organization=department, received_on=date(2026, 9, 18))
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    response = client.get("/api/v1/applications/")
    assert response.status_code == status
    if count is not None:
        assert response.json()["count"] == count
        assert application.applicant_name not in response.content.decode("unicode_escape")


def test_detail_has_the_clock_and_is_not_found_for_other_organizations(client, clerk, other_clerk, department):
    application = make_application(actor=clerk, organization=department, received_on=date(2026, 9, 18))
    client.force_login(other_clerk)
    assert client.get(f"/api/v1/applications/{application.pk}/").status_code == 404
    client.force_login(clerk)
    data = client.get(f"/api/v1/applications/{application.pk}/").json()
    assert data["clock"]["due"] == "2026-10-22"
    assert data["light"] == "red"
    assert "applicant_name" not in data


def test_list_query_count(client, clerk, department, django_assert_max_num_queries):
    for day in (14, 15, 16, 17, 18):
        make_application(actor=clerk, organization=department, received_on=date(2026, 9, day))
    client.force_login(clerk)
    with django_assert_max_num_queries(10):
        assert client.get("/api/v1/applications/").status_code == 200
