"""The search service and its client backend: what the wire carries, what the service refuses, and what the portal
and the API say when the service cannot answer. (Every backend test also runs on the "service" backend, through
the in-process transport of service_transport.py; the real network path is test_several_servers.py.)"""

import http.client
import socket
from contextlib import closing
from datetime import UTC, date, datetime
from io import BytesIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from gongkai.search import service, wire
from gongkai.search.backends import get_backend
from gongkai.search.backends.service import ServiceBackend, forget_dictionaries
from gongkai.search.documents import Hit, SearchDocument, SearchFilters
from gongkai.search.errors import SearchError, SearchUnavailable
from gongkai.search.models import Term
from gongkai.search.query import ParsedQuery
from gongkai.search.services import reindex
from gongkai.search.vocabulary import current_dictionary

from . import service_transport
from .conftest import SERVICE_TOKEN, use_service_in_process

text = st.text(max_size=40)
aware = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2199, 1, 1), timezones=st.just(UTC))


@given(
    kind=st.sampled_from(["record", "item", "guide"]),
    object_id=st.integers(min_value=1, max_value=2**40),
    title=text,
    body=text,
    moment=aware,
    filters=st.dictionaries(st.sampled_from(["organization", "column", "file_type"]), st.lists(text, max_size=3)),
    lookup_keys=st.lists(text, max_size=3),
)
def test_a_document_crosses_the_wire_unchanged(kind, object_id, title, body, moment, filters, lookup_keys):
    document = SearchDocument(
        kind=kind,
        id=object_id,
        title=title,
        body=body,
        url=f"/{kind}s/{object_id}/",
        date=moment,
        fields={"organization": title, "doc_number": body},
        filters={name: tuple(values) for name, values in filters.items()},
        lookup_keys=tuple(lookup_keys),
        extra=body[:5],
    )
    assert wire.document_in(wire.loads(wire.dumps(wire.document_out(document)))) == document


@given(
    groups=st.lists(st.lists(st.lists(text, min_size=1, max_size=3), min_size=1, max_size=3), max_size=4),
    phrases=st.lists(text, max_size=2),
    start=st.one_of(st.none(), st.dates()),
    standing=st.sampled_from(["", "current", "superseded"]),
)
def test_a_query_and_its_filters_cross_the_wire_unchanged(groups, phrases, start, standing):
    parsed = ParsedQuery(
        text="低保 标准",
        groups=tuple(tuple(tuple(alternative) for alternative in group) for group in groups),
        phrases=tuple(phrases),
        lookup_key="青政办发〔2019〕54号",
    )
    filters = SearchFilters(
        organization="12", column="policy", date_from=start, date_to=date(2026, 1, 1), standing=standing
    )
    assert wire.parsed_in(wire.loads(wire.dumps(wire.parsed_out(parsed)))) == parsed
    assert wire.filters_in(wire.loads(wire.dumps(wire.filters_out(filters)))) == filters


def test_a_hit_crosses_the_wire_with_its_score_and_date():
    hit = Hit(
        key="record:7",
        kind="record",
        id=7,
        title="关于调整低保标准的通知",
        url="/records/7/",
        date=timezone.make_aware(datetime(2026, 3, 1, 9, 30)),
        score=3.25,
        fields={"doc_number": "示民发〔2026〕3号"},
        body="为保障困难群众基本生活。",
        exact=True,
    )
    assert wire.hit_in(wire.loads(wire.dumps(wire.hit_out(hit)))) == hit


def test_a_date_without_its_offset_is_refused_on_the_wire():
    data = wire.document_out(SearchDocument(kind="record", id=1, title="t", body="", url="/", date=timezone.now()))
    data["date"] = "2026-03-01T09:30:00"
    with pytest.raises(ValueError, match="offset"):
        wire.document_in(data)


def call(path, *, method="POST", body=b"{}", token=SERVICE_TOKEN, length=None):
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "CONTENT_LENGTH": str(len(body) if length is None else length),
        "wsgi.input": BytesIO(body),
    }
    if token is not None:
        environ["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    captured = {}

    def start_response(status, headers):
        captured["status"], captured["headers"] = status, dict(headers)

    answer = wire.loads(b"".join(service.application(environ, start_response)))
    return int(captured["status"].split()[0]), answer, captured["headers"]


@pytest.fixture
def on_service(db, settings, monkeypatch, index_dir):
    settings.GONGKAI_SEARCH_BACKEND = "service"
    use_service_in_process(settings, monkeypatch)
    return get_backend()


def test_the_service_answers_only_with_its_token(on_service):
    assert call("/healthz", method="GET", token=None)[:2] == (200, {"status": "ok"})
    assert call("/v1/status", token=None)[0] == 401
    assert call("/v1/status", token="wrong")[0] == 401
    assert call("/v1/status", token=SERVICE_TOKEN + "x")[0] == 401
    status, answer, _headers = call("/v1/status")
    assert (status, answer) == (200, {"documents": 0})


def test_the_service_refuses_a_token_it_does_not_have(on_service, settings):
    settings.GONGKAI_SEARCH_SERVICE_TOKEN = ""
    assert call("/v1/status", token="")[0] == 401


def test_the_service_refuses_what_it_cannot_answer(on_service, monkeypatch):
    assert call("/v1/status", method="GET")[0] == 405
    assert call("/v1/drop-everything")[0] == 404
    status, answer, _headers = call("/v1/search", body=b"{not json")
    assert status == 400
    assert "invalid request" in answer["error"]
    assert call("/v1/search", body=b"[1, 2]")[0] == 400
    assert call("/v1/search", body=b'{"query": {}}')[0] == 400
    monkeypatch.setattr(service, "MAX_BODY", 10)
    assert call("/v1/upsert", body=b'{"documents": []}')[0] == 413


def test_a_malformed_rebuild_leaves_the_index_searches_use(on_service, notices):
    notices.add(1, "关于调整低保标准的通知")
    reindex()
    body = wire.dumps({"words": []}) + b"\n" + wire.dumps({"kind": "notice", "id": 2}) + b"\n"
    status, _answer, _headers = call("/v1/rebuild", body=body, length=0)
    assert status == 400
    assert on_service.document_count() == 1
    assert on_service.contains("notice:1")


def test_app_servers_learn_a_new_dictionary_from_the_service_after_a_rebuild(on_service, notices):
    notices.add(1, "关于发放耕地地力保护补贴的通知")
    reindex()
    assert "耕地地力保护补贴" not in on_service.dictionary().words
    Term.objects.create(word="耕地地力保护补贴")
    calls_before = len(service_transport.calls)
    assert on_service.dictionary() is on_service.dictionary()  # cached: no call
    assert len(service_transport.calls) == calls_before
    reindex()  # the answer carries the new dictionary's version, so the next call asks for it
    assert "耕地地力保护补贴" in on_service.dictionary().words
    assert service_transport.calls[-1] == "/v1/dictionary"


def test_a_rebuild_streams_the_documents_and_reports_progress(on_service, notices):
    for number in range(1, 451):
        notices.add(number, f"第{number}号通知")
    done = []
    count = on_service.rebuild(notices.documents(), current_dictionary(), refresh=dict, progress=done.append)
    assert count == on_service.document_count() == 450
    assert done[-1] == 450
    assert done == sorted(done)


def test_a_connection_the_service_closed_while_idle_is_opened_again(on_service, monkeypatch):
    attempts = []

    class ClosedOnce(service_transport.InProcessConnection):
        def request(self, *args, **kwargs):
            attempts.append(1)
            if len(attempts) == 1:
                raise http.client.RemoteDisconnected("Remote end closed connection without response")
            return super().request(*args, **kwargs)

    monkeypatch.setattr(ServiceBackend, "connection_class", ClosedOnce)
    ServiceBackend("http://search.internal:8700", SERVICE_TOKEN)._drop_connection()
    assert on_service.document_count() == 0
    assert len(attempts) == 2


def closed_port() -> int:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens there once the probe is closed


@pytest.fixture
def service_down(db, settings, index_dir):
    settings.GONGKAI_SEARCH_BACKEND = "service"
    settings.GONGKAI_SEARCH_SERVICE_URL = f"http://127.0.0.1:{closed_port()}"
    settings.GONGKAI_SEARCH_SERVICE_TOKEN = SERVICE_TOKEN
    forget_dictionaries()
    yield
    ServiceBackend(settings.GONGKAI_SEARCH_SERVICE_URL, SERVICE_TOKEN)._drop_connection()


def test_a_service_that_cannot_be_reached_is_an_error_for_the_operator_only(service_down, caplog):
    with pytest.raises(SearchUnavailable) as error:
        get_backend().document_count()
    assert error.value.code == "search.service_unavailable"
    assert error.value.message == "检索服务暂时不可用，请稍后再试。"
    assert "127.0.0.1" in error.value.detail
    assert "cannot reach the search service" in caplog.text


def test_the_portal_says_search_is_unavailable_when_the_service_is_down(service_down, client):
    response = client.get("/search/", {"q": "低保"})
    assert response.status_code == 503
    page = response.content.decode()
    assert "检索服务暂时不可用，请稍后再试。" in page
    assert "127.0.0.1" not in page


def test_the_api_answers_503_when_the_service_is_down(service_down, client):
    response = client.get("/api/v1/search/", {"q": "低保"})
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json() == {"code": "search.service_unavailable", "message": "检索服务暂时不可用，请稍后再试。"}


def test_the_service_backend_needs_its_address_and_token(db, settings):
    settings.GONGKAI_SEARCH_BACKEND = "service"
    settings.GONGKAI_SEARCH_SERVICE_URL = ""
    settings.GONGKAI_SEARCH_SERVICE_TOKEN = SERVICE_TOKEN
    with pytest.raises(SearchError, match="GONGKAI_SEARCH_SERVICE_URL"):
        get_backend()
    settings.GONGKAI_SEARCH_SERVICE_URL = "search.internal:8700"
    with pytest.raises(SearchError, match="http://"):
        get_backend()


def test_searchservice_refuses_to_start_without_a_long_token(settings):
    settings.GONGKAI_SEARCH_SERVICE_TOKEN = "short"
    with pytest.raises(CommandError, match="GONGKAI_SEARCH_SERVICE_TOKEN") as error:
        call_command("searchservice", "--bind", "127.0.0.1:0")
    assert error.value.returncode == 2


DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.django_db(transaction=True)
def test_indexing_missed_while_the_service_was_down_is_done_by_the_worker_once_it_is_back(
    service_down, notices, settings, monkeypatch
):
    from django_tasks_db.models import DBTaskResult

    from gongkai.jobs.models import Job
    from gongkai.search.services import index_objects_safely

    def run_worker_now():
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    settings.GONGKAI_TASK_QUEUE = "database"
    settings.TASKS = DATABASE_QUEUE
    notices.add(1, "关于调整低保标准的通知")
    index_objects_safely({("notice", 1)})  # published while the service is down: queued, not lost
    queued = DBTaskResult.objects.get()
    assert (queued.status, queued.task_path) == ("READY", "gongkai.search.tasks.index_later")
    assert queued.args_kwargs == {"args": [[["notice", 1]]], "kwargs": {}}

    run_worker_now()  # still down: the attempt fails and, the error being transient, is tried again later
    assert DBTaskResult.objects.get(pk=queued.pk).status == "FAILED"
    retry = DBTaskResult.objects.get(status="READY")
    assert Job.objects.get(task_id=str(retry.id)).attempt == 2

    use_service_in_process(settings, monkeypatch)  # the service is back
    run_worker_now()
    assert DBTaskResult.objects.get(pk=retry.pk).status == "SUCCESSFUL"
    assert get_backend().contains("notice:1")


def test_the_back_office_index_page_says_the_service_is_down_and_still_shows_the_statistics(
    service_down, client, office
):
    client.force_login(office)
    response = client.get("/backoffice/search/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "检索服务暂时不可用，请稍后再试。" in page
    assert "127.0.0.1" not in page
    assert "无结果的检索" in page


def test_the_console_names_the_service_that_cannot_be_reached(service_down):
    with pytest.raises(CommandError) as error:
        call_command("search", "status")
    assert error.value.returncode == 2
    assert "检索服务暂时不可用" in str(error.value)
    assert "cannot reach the search service at http://127.0.0.1:" in str(error.value)


def test_check_names_the_missing_service_settings(settings):
    from gongkai.search.checks import search_settings_check

    settings.GONGKAI_SEARCH_BACKEND = "service"
    settings.GONGKAI_SEARCH_SERVICE_URL = ""
    settings.GONGKAI_SEARCH_SERVICE_TOKEN = "short"
    assert [error.id for error in search_settings_check()] == ["gongkai.E202", "gongkai.E203"]
    settings.GONGKAI_SEARCH_SERVICE_URL = "http://10.0.0.5:8700"
    settings.GONGKAI_SEARCH_SERVICE_TOKEN = SERVICE_TOKEN
    assert search_settings_check() == []
    settings.GONGKAI_SEARCH_BACKEND = "elastic"
    assert [error.id for error in search_settings_check()] == ["gongkai.E201"]


@pytest.mark.django_db(transaction=True)
def test_a_withdrawal_while_the_service_is_down_leaves_the_index_once_it_is_back(settings, monkeypatch, service_down):
    from django_tasks_db.models import DBTaskResult

    from gongkai.search.receivers import on_record_withdrawn

    settings.GONGKAI_TASK_QUEUE = "database"
    settings.TASKS = DATABASE_QUEUE
    down = settings.GONGKAI_SEARCH_SERVICE_URL
    use_service_in_process(settings, monkeypatch)
    record = SearchDocument(
        kind="record", id=7, title="关于调整低保标准的通知", body="", url="/records/7/", date=timezone.now()
    )
    get_backend().upsert([record])  # indexed while it was public; record 7 is no longer published
    assert get_backend().contains("record:7")

    settings.GONGKAI_SEARCH_SERVICE_URL = down  # the service goes down, then the record is withdrawn
    monkeypatch.setattr(ServiceBackend, "connection_class", None)
    on_record_withdrawn(sender=None, record_id=7)
    queued = DBTaskResult.objects.get()
    assert (queued.task_path, queued.args_kwargs) == (
        "gongkai.search.tasks.index_later",
        {"args": [[["record", 7]]], "kwargs": {}},
    )

    use_service_in_process(settings, monkeypatch)  # back
    DBTaskResult.objects.update(run_after=timezone.now())
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert not get_backend().contains("record:7")
