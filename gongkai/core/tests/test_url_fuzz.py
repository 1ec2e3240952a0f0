"""Every route in the URL resolver, fed hostile path and query values as an anonymous visitor and as an
administrator: no answer may be a server error. Bad input gets a 4xx (or the page with a message), never a 500.

Routes under SKIPPED_PREFIXES are left out; to cover them, remove their prefix (the /api/ routes are being rebuilt
on django-ninja by another branch and get this test when that lands).
"""

import re
from urllib.parse import unquote

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from gongkai.portal import errors

SKIPPED_PREFIXES = ("api/", "django-admin/", "backoffice/logout/")
HOSTILE = ["0", "-1", "2147483648", "99999999999999999999", "abc", "1.5", "x" * 3000, "%E4%BD%A0", "..%2F", "%25"]
QUERY_NAMES = [
    "page",
    "year",
    "organization",
    "q",
    "status",
    "stage",
    "domain",
    "genre",
    "column",
    "sort",
    "kind",
    "from",
    "to",
    "date",
    "severity",
    "decision",
    "list",
]
PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


def routes(patterns=None, prefix=""):
    """Every route of the resolver as a string with <converter:name> placeholders."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            yield from routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def public_routes():
    found = sorted({route.lstrip("^").rstrip("$") for route in routes()})
    return [route for route in found if not route.startswith(SKIPPED_PREFIXES) and "(?P" not in route]


def fill(route: str, value: str) -> str:
    return "/" + PARAMETER.sub(value, route)


def probe(client: Client, route: str) -> list[str]:
    failures = []
    urls = {fill(route, value) for value in HOSTILE} | {fill(route, "1")}
    urls |= {f"{fill(route, '1')}?{name}={value}" for name in QUERY_NAMES for value in HOSTILE[:7]}
    for url in sorted(urls):
        response = client.get(url)
        if response.status_code >= 500:
            failures.append(f"{response.status_code} {url[:160]}")
    return failures


def error_page_shape(request, status: int) -> tuple:
    """What the site's error page can depend on for this request: the status, the first path segment (navigation,
    the way back), which hostile values the path and the query carry (the escaped path, the switches' `next`)."""
    path, query = unquote(request.path), unquote(request.META.get("QUERY_STRING", ""))
    return (
        status,
        path.strip("/").split("/", 1)[0],
        tuple(value for value in HOSTILE if unquote(value) in path),
        tuple(value for value in HOSTILE if unquote(value) in query),
    )


@pytest.fixture
def error_pages_once_per_shape(monkeypatch):
    """Each distinct shape of error page (see error_page_shape) is rendered for real, once; a request of the same
    shape gets that page's status again without rendering it (the styled page with the site's settings is the
    dearest part of a 404, and the fuzz answers thousands of them). Every route's own view still runs."""
    real, seen = errors.error_page, {}

    def error_page(request, status: int, **extra):
        shape = error_page_shape(request, status)
        if extra or shape not in seen:
            seen[shape] = real(request, status, **extra).status_code
        return HttpResponse(status=seen[shape])

    monkeypatch.setattr(errors, "error_page", error_page)
    return seen


def test_the_fuzz_reaches_the_routes():
    found = public_routes()
    assert "backoffice/reports/<int:report_id>/" in found
    assert "records/<int:record_id>/" in found
    assert not any(route.startswith("api/") for route in found)


@pytest.mark.django_db
@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "administrator"])
def test_no_route_answers_a_server_error_to_hostile_input(
    signed_in, admin_person, department, clerk, settings, tmp_path, error_pages_once_per_shape
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_SEARCH_INDEX_DIR = tmp_path / "search-index"
    settings.GONGKAI_PUBLIC_FORM_RATE = 100_000
    client = Client(raise_request_exception=False)
    if signed_in:
        client.force_login(admin_person)
    failures = [failure for route in public_routes() for failure in probe(client, route)]
    assert failures == [], "\n".join(failures)
    assert error_pages_once_per_shape, "the error pages were reached"


@pytest.mark.django_db
def test_a_number_too_large_for_the_database_is_not_found_in_a_path_and_bad_in_a_query(client, department):
    """SQLite raises OverflowError while binding such a number (answered by NumberOutOfRangeMiddleware); Django's
    integer lookups on PostgreSQL already match nothing. Either way: 404 in a path, no server error in a query."""
    response = client.get("/catalog-items/99999999999999999999/X/records/")
    assert response.status_code == 404
    response = client.get("/reports/?organization=99999999999999999999")
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "数字超出范围" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("year", ["0", "-1", "99999", "abc"])
def test_application_statistics_of_a_year_out_of_range_show_this_year(client, admin_person, year):
    client.force_login(admin_person)
    response = client.get(f"/backoffice/applications/statistics/?year={year}")
    assert response.status_code == 200
    assert response.context["year"] == timezone.localdate().year
