"""Client addresses behind proxies and rate limits shared by every worker."""

import threading

import pytest
from django.db import connection
from django.test import RequestFactory

from gongkai.core import ratelimit
from gongkai.core.audit import client_ip
from gongkai.core.models import RateCounter


def request(remote="10.0.0.9", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "1.2.3.4", "10.0.0.9"),  # no trusted proxy: the header is the client's word, ignored
        (1, None, "10.0.0.9"),
        (1, "203.0.113.7", "203.0.113.7"),  # nginx appended the address it saw
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # a forged entry on the left changes nothing
        (2, "6.6.6.6, 203.0.113.7, 198.51.100.2", "203.0.113.7"),  # CDN then nginx: the CDN's entry
        (2, "203.0.113.7", "10.0.0.9"),  # fewer entries than proxies: not trustworthy
        (1, "not-an-address", "10.0.0.9"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_is_the_entry_the_outermost_trusted_proxy_added(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXIES = proxies
    assert client_ip(request(forwarded=forwarded)) == expected


def test_a_forged_forwarded_header_does_not_escape_the_rate_limit(settings, db):
    settings.TRUSTED_PROXIES = 1
    results = [ratelimit.over_limit(request(forwarded=f"9.9.9.{index}, 203.0.113.7"), "apply", 3) for index in range(5)]
    assert results == [False, False, False, True, True]


@pytest.mark.parametrize("store", ["database", "cache"])
def test_counts_reset_after_the_window_and_are_kept_per_scope(settings, db, store, monkeypatch):
    from django.core.cache import cache

    cache.clear()
    settings.RATE_LIMIT_STORE = store
    assert [ratelimit.over_limit(request(), "a", 2) for _ in range(3)] == [False, False, True]
    assert ratelimit.peek(request(), "a", 2)
    assert not ratelimit.peek(request(), "b", 2)
    assert ratelimit.count(request(remote="10.0.0.8"), "a") == 0
    if store == "database":
        RateCounter.objects.update(expires_at="2000-01-01T00:00:00Z")
        assert ratelimit.hit(request(), "a") == 1


@pytest.mark.django_db(transaction=True)
def test_database_counts_are_exact_under_concurrent_workers(settings):
    """Real parallel transactions on PostgreSQL; on SQLite (one writer at a time) the same threads run one by one."""
    settings.RATE_LIMIT_STORE = "database"
    parallel = connection.vendor == "postgresql"
    errors = []

    def attempt():
        try:
            for _ in range(5):
                ratelimit.hit(request(), "concurrent")
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(4)]
    for thread in threads:
        thread.start()
        if not parallel:
            thread.join()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert RateCounter.objects.get(key__endswith=":concurrent:10.0.0.9").count == 20
