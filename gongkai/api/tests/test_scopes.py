"""Every token endpoint × every kind of token: only the scope an endpoint names opens it; tokens never open staff
endpoints, and staff sessions never open token endpoints."""

import json

import pytest
from django.core.cache import cache

from gongkai.api.models import TokenScope
from gongkai.publishing.services import seed_columns

from .conftest import bearer

S = TokenScope
RECORD = {"title": "推送的信息", "written_on": "2026-10-09", "genre": "notice"}
CASE = {
    "number": "BJ-2026-0100",
    "verification_code": "K7Q2",
    "service_name": "最低生活保障审核确认",
    "steps": [{"stage": "accepted", "date": "2026-09-01"}],
}
# (name, method, path, body, scope it needs)
ENDPOINTS = [
    ("inbound catalog", "get", "/api/v1/inbound/catalog/", None, S.CATALOG_READ),
    ("push record", "post", "/api/v1/inbound/records/", RECORD, S.RECORDS_WRITE),
    ("pushed record", "get", "/api/v1/inbound/records/999999/", None, S.RECORDS_WRITE),
    ("push case", "post", "/api/v1/inbound/cases/", CASE, S.CASES_WRITE),
]
TOKENS = {
    "catalog": [S.CATALOG_READ],
    "records": [S.RECORDS_WRITE],
    "records+submit": [S.RECORDS_WRITE, S.RECORDS_SUBMIT],
    "cases": [S.CASES_WRITE],
}


def call(client, method, path, body, **extra):
    if method == "get":
        return client.get(path, **extra)
    return client.post(
        path, json.dumps(body), content_type="application/json", HTTP_IDEMPOTENCY_KEY="scope-matrix-01", **extra
    )


@pytest.mark.parametrize("token_kind", list(TOKENS))
@pytest.mark.parametrize(("name", "method", "path", "body", "needed"), ENDPOINTS, ids=[e[0] for e in ENDPOINTS])
def test_token_scope_matrix(client, issue, department, token_kind, name, method, path, body, needed):
    seed_columns(organization=department)
    _token, secret = issue(*TOKENS[token_kind])
    response = call(client, method, path, body, **bearer(secret))
    if needed in TOKENS[token_kind]:
        # Allowed: the endpoint's own answer (404 for a record this token never pushed).
        assert response.status_code == (404 if name == "pushed record" else {"get": 200, "post": 201}[method]) or (
            name == "push case" and response.status_code == 200
        ), response.content
    else:
        assert (response.status_code, response.json()["code"]) == (403, "api.token_scope")


@pytest.mark.parametrize(("name", "method", "path", "body", "needed"), ENDPOINTS, ids=[e[0] for e in ENDPOINTS])
def test_token_endpoints_refuse_anonymous_and_staff_sessions(client, office, name, method, path, body, needed):
    assert call(client, method, path, body).status_code == 401
    client.force_login(office)
    assert call(client, method, path, body).status_code == 401


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/applications/",
        "/api/v1/reports/",
        "/api/v1/screening/findings/1/",
        "/api/v1/publishing/staff/records/1/",
    ],
)
def test_a_token_with_every_scope_does_not_open_staff_endpoints(client, issue, path):
    _token, secret = issue(*S.values)
    cache.clear()
    response = client.get(path, **bearer(secret))
    assert (response.status_code, response.json()["code"]) == (401, "api.unauthenticated")
