"""Fixtures of the search tests: a fresh index directory per test, a source of hand-made documents, and the
backends to run every backend test against (the PostgreSQL one exists only when the database is PostgreSQL)."""

from datetime import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from gongkai.search.backends import get_backend
from gongkai.search.backends.service import ServiceBackend, forget_dictionaries
from gongkai.search.documents import SearchDocument
from gongkai.search.sources import Source, register_source, unregister_source

from .service_transport import InProcessConnection

SERVICE_TOKEN = "test-token-of-the-search-service-0123456789"


def backend_names() -> list[str]:
    """Every backend this database offers; "service" is the embedded index behind the search service, called
    in-process through its wire format (service_transport.py)."""
    return ["embedded", "postgres", "service"] if connection.vendor == "postgresql" else ["embedded", "service"]


def pytest_generate_tests(metafunc):
    if "backend_name" in metafunc.fixturenames:
        metafunc.parametrize("backend_name", backend_names())


@pytest.fixture(autouse=True)
def index_dir(settings, tmp_path):
    cache.clear()
    settings.GONGKAI_SEARCH_INDEX_DIR = tmp_path / "search-index"
    return settings.GONGKAI_SEARCH_INDEX_DIR


@pytest.fixture
def backend(db, settings, backend_name, index_dir, monkeypatch):
    """The backend under test, also made the configured one (reindex, signals and selectors use it)."""
    settings.GONGKAI_SEARCH_BACKEND = backend_name
    if backend_name == "service":
        use_service_in_process(settings, monkeypatch)
    return get_backend()


def use_service_in_process(settings, monkeypatch):
    settings.GONGKAI_SEARCH_SERVICE_URL = "http://search.internal:8700"
    settings.GONGKAI_SEARCH_SERVICE_TOKEN = SERVICE_TOKEN
    monkeypatch.setattr(ServiceBackend, "connection_class", InProcessConnection)
    forget_dictionaries()


class NoticeSource(Source):
    """Hand-made documents; `public` says which of them the public may see now."""

    kind = "notice"
    label = "测试通知"

    def __init__(self):
        self.documents_by_id: dict[int, SearchDocument] = {}
        self.public: set[int] = set()

    def add(self, object_id, title, body="", *, date=None, public=True, filters=None, lookup_keys=(), words=()):
        document = SearchDocument(
            kind=self.kind,
            id=object_id,
            title=title,
            body=body,
            url=f"/notices/{object_id}/",
            date=date or timezone.make_aware(datetime(2025, 1, 1, 9, 0) + timezone.timedelta(minutes=object_id)),
            fields={"organization": "示范区民政局"},
            filters=filters or {},
            lookup_keys=tuple(lookup_keys),
        )
        self.documents_by_id[object_id] = document
        if public:
            self.public.add(object_id)
        else:
            self.public.discard(object_id)
        return document

    def documents(self, organization_id=None):
        for object_id in sorted(self.public):
            document = self.documents_by_id[object_id]
            if organization_id is None or str(organization_id) in document.filters.get("organization", ()):
                yield document

    def count(self, organization_id=None):
        return sum(1 for _ in self.documents(organization_id))

    def fetch(self, ids):
        return {i: self.documents_by_id[i] for i in ids if i in self.public}

    def public_ids(self, ids):
        return {i for i in ids if i in self.public}


@pytest.fixture
def notices(db):
    source = NoticeSource()
    register_source(source)
    yield source
    unregister_source(source)
