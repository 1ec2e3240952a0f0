"""Records pushed by business systems: drafts or submissions in the right place, exactly once per idempotency key."""

import base64
import io
import json
import threading

import pytest
from django.db import connection, connections
from openpyxl import Workbook

from gongkai.api.inbound import services
from gongkai.api.models import InboundPush, TokenScope
from gongkai.core.models import AuditEntry
from gongkai.publishing.models import Record, RecordStatus
from gongkai.publishing.services import seed_columns

from .conftest import bearer

S = TokenScope
URL = "/api/v1/inbound/records/"
WORKERS = 4


def xlsx_bytes() -> bytes:
    book = Workbook()
    book.active.append(["项目", "金额"])
    book.active.append(["低保金", 900])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def payload(**fields) -> dict:
    return {"title": "2026年第三季度低保金发放情况", "written_on": "2026-10-09", "genre": "notice", **fields}


def push(client, secret, body, key="push-0000001"):
    return client.post(
        URL, json.dumps(body), content_type="application/json", HTTP_IDEMPOTENCY_KEY=key, **bearer(secret)
    )


@pytest.fixture
def columns(department):
    seed_columns(organization=department)
    return department


def test_push_creates_a_draft_in_the_organization_and_column(client, issue, columns, department):
    token, secret = issue(S.RECORDS_WRITE)
    column = department.columns.filter(is_active=True).exclude(parent=None).first()
    attachment = {"name": "明细.xlsx", "content_base64": base64.b64encode(xlsx_bytes()).decode()}
    response = push(client, secret, payload(columns=[column.slug], attachments=[attachment]))
    assert response.status_code == 201, response.content
    data = response.json()
    record = Record.objects.get(pk=data["id"])
    assert (data["status"], data["created"], data["submitted"]) == ("draft", True, False)
    assert (record.organization, record.created_by, record.status) == (department, token.account, RecordStatus.DRAFT)
    assert list(record.columns.all()) == [column]
    assert [(item.original_name, item.kind) for item in record.attachments.all()] == [("明细.xlsx", "excel")]
    assert data["attachments"][0]["name"] == "明细.xlsx"
    entry = AuditEntry.objects.get(action="api.record.pushed")
    assert (entry.data["token"], entry.data["idempotency_key"], entry.target_id) == (
        token.name,
        "push-0000001",
        str(record.pk),
    )


def test_a_retry_returns_the_first_record_and_creates_nothing(client, issue, columns):
    _token, secret = issue(S.RECORDS_WRITE)
    first = push(client, secret, payload())
    again = push(client, secret, payload())
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    assert again.json()["created"] is False
    assert Record.objects.count() == 1
    assert AuditEntry.objects.filter(action="publishing.record.created").count() == 1


def test_a_key_reused_for_other_content_is_a_conflict(client, issue, columns):
    _token, secret = issue(S.RECORDS_WRITE)
    push(client, secret, payload())
    response = push(client, secret, payload(title="另一条信息"))
    assert (response.status_code, response.json()["code"]) == (409, "api.idempotency_key_reused")
    assert Record.objects.count() == 1


def test_submit_needs_the_submit_scope(client, issue, columns):
    _token, draft_only = issue(S.RECORDS_WRITE)
    refused = push(client, draft_only, payload(submit=True))
    assert (refused.status_code, refused.json()["code"]) == (403, "api.token_scope")
    assert not Record.objects.exists()
    _token, may_submit = issue(S.RECORDS_WRITE, S.RECORDS_SUBMIT, name="OA系统")
    response = push(client, may_submit, payload(submit=True), key="push-0000002")
    assert response.status_code == 201
    assert (response.json()["status"], response.json()["submitted"]) == ("submitted", True)


def test_a_blocked_submission_keeps_the_draft_and_says_why(client, issue, columns):
    _token, secret = issue(S.RECORDS_WRITE, S.RECORDS_SUBMIT)
    response = push(client, secret, payload(body="<p>联系人手机13812345678</p>", submit=True))
    data = response.json()
    assert (response.status_code, data["status"], data["submitted"]) == (201, "draft", False)
    assert data["submission_error"]["code"] == "publishing.blocking_findings"
    assert Record.objects.get().status == RecordStatus.DRAFT


@pytest.mark.parametrize(
    ("changes", "status", "code", "field"),
    [
        ({"columns": ["no-such-column"]}, 400, "api.unknown_column", "columns"),
        ({"items": ["XX-0000"]}, 400, "api.unknown_item", "items"),
        ({"attachments": [{"name": "a.pdf", "content_base64": "!!!!"}]}, 400, "api.bad_attachment", None),
        ({"attachments": [{"name": "a.pdf", "content_base64": base64.b64encode(b"MZ fake").decode()}]}, 400,
         "publishing.bad_upload", "file"),
        ({"written_on": "2999-01-01"}, 400, "publishing.invalid", "written_on"),
        ({"written_on": "not a date"}, 422, "api.invalid_input", "written_on"),
        ({"genre": "poem"}, 422, "api.invalid_input", "genre"),
        ({"title": ""}, 422, "api.invalid_input", "title"),
    ],
)  # fmt: skip
def test_bad_pushes_are_refused_and_change_nothing(client, issue, columns, changes, status, code, field):
    _token, secret = issue(S.RECORDS_WRITE)
    response = push(client, secret, payload(**changes))
    assert (response.status_code, response.json()["code"]) == (status, code), response.content
    if field:
        assert response.json()["field"] == field
    assert not Record.objects.exists()
    assert not InboundPush.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="publishing.record").exists()


def test_missing_idempotency_key_is_refused(client, issue, columns):
    _token, secret = issue(S.RECORDS_WRITE)
    response = client.post(URL, json.dumps(payload()), content_type="application/json", **bearer(secret))
    assert (response.status_code, response.json()["code"]) == (422, "api.invalid_input")
    assert not Record.objects.exists()


def test_a_system_reads_back_only_its_own_records(client, issue, columns, department, clerk):
    _token, secret = issue(S.RECORDS_WRITE)
    _other, other_secret = issue(S.RECORDS_WRITE, name="另一个系统")
    record_id = push(client, secret, payload()).json()["id"]
    mine = client.get(f"{URL}{record_id}/", **bearer(secret))
    assert (mine.status_code, mine.json()["status"], mine.json()["url"]) == (200, "draft", None)
    assert client.get(f"{URL}{record_id}/", **bearer(other_secret)).status_code == 404


def push_in_thread(token_id, barrier, results, errors):
    from gongkai.api.models import ApiToken

    try:
        token = ApiToken.objects.select_related("organization", "account").get(pk=token_id)
        if barrier is not None:
            barrier.wait(timeout=30)
        fields = {"title": "并发重试的同一条信息", "written_on": "2026-10-09", "genre": "notice"}
        result = services.push_record(
            token=token, key="retry-key-0001", fields=fields, columns=[], items=[], files=[], submit=False
        )
        results.append((result.record.pk, result.created))
    except Exception as error:  # noqa: BLE001 - reported to the main thread
        errors.append(error)
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_concurrent_retries_create_exactly_one_record(issue, columns):
    """Real parallel transactions on PostgreSQL; on SQLite (one writer at a time) the same pushes run one by one."""
    token, _secret = issue(S.RECORDS_WRITE)
    parallel = connection.vendor == "postgresql"
    barrier = threading.Barrier(WORKERS) if parallel else None
    results, errors = [], []
    threads = [
        threading.Thread(target=push_in_thread, args=(token.pk, barrier, results, errors)) for _ in range(WORKERS)
    ]
    for thread in threads:
        thread.start()
        if not parallel:
            thread.join()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len({record_id for record_id, _created in results}) == 1
    assert sorted(created for _id, created in results) == [False] * (WORKERS - 1) + [True]
    assert Record.objects.count() == 1
    assert InboundPush.objects.get().object_id == results[0][0]


def test_inbound_catalog_lists_the_columns_and_items_a_push_may_name(client, issue, columns, department, office):
    from gongkai.catalog.importing import import_catalog
    from gongkai.catalog.tests.factories import catalog_of
    from gongkai.catalog.tests.workbooks import national_workbook

    catalog = catalog_of(department)
    import_catalog(catalog=catalog, content=national_workbook(), actor=office)
    _token, secret = issue(S.CATALOG_READ)
    data = client.get("/api/v1/inbound/catalog/", **bearer(secret)).json()
    assert data["organization"] == department.name
    assert {column["slug"] for column in data["columns"]} == set(
        department.columns.filter(is_active=True).values_list("slug", flat=True)
    )
    codes = [item["code"] for item in data["items"]]
    assert sorted(codes) == sorted(
        catalog.items.filter(is_group=False, status="in_force")
        .exclude(attribute="withheld")
        .values_list("code", flat=True)
    )
    item_code = codes[0]
    pushed = push(client, issue(S.RECORDS_WRITE, name="推送系统")[1], payload(items=[item_code]))
    assert pushed.status_code == 201
    assert list(Record.objects.get().items.values_list("code", flat=True)) == [item_code]
