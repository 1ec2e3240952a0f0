"""Every page a citizen or a staff member can reach by following links, in a real browser at 360 px: no serious or
critical axe-core violation, no sideways scrolling, no console error, no failed request.

Pages are found by crawling (the test client follows every same-site link from the start pages), one page per URL
route, so a new page or form is swept as soon as something links to it.
"""

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from gongkai.core.tests.browser import NARROW, PageProblems, page_problems, sign_in

# serialized_rollback: the migrations' seed data (domains, channels) comes back after other tests flushed it.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Never followed: leaving the session, the admin site (Django's own), the JSON API, language switching.
SKIPPED_PREFIXES = ("/backoffice/logout/", "/django-admin/", "/api/", "/i18n/", "/static/")
MAX_PAGES = 400


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def route_of(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name or match.route


def crawl(client: Client, starts: list[str], prefix: str) -> dict[str, str]:
    """route → the first HTML page found for it, following same-site links under `prefix`."""
    found: dict[str, str] = {}
    queue, seen = list(starts), set(starts)
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        response = client.get(url)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        found.setdefault(route_of(urlsplit(url).path), url)
        parser = Links()
        parser.feed(response.content.decode())
        for href in parser.hrefs:
            target = urljoin(url, href.split("#")[0])
            parts = urlsplit(target)
            if parts.netloc or not parts.path.startswith(prefix) or parts.path.startswith(SKIPPED_PREFIXES):
                continue
            route = route_of(parts.path)
            if route is None or target in seen or (route in found and parts.query):
                continue
            seen.add(target)
            queue.append(target)
    return found


def sweep(context, live_server, pages: dict[str, str]) -> list[str]:
    page = context.new_page()
    problems = PageProblems(page)
    failures = []
    for route, url in sorted(pages.items()):
        page.goto(live_server.url + url, wait_until="load")
        failures += [f"{url} ({route}): {problem}" for problem in page_problems(page, problems)]
    page.close()
    return failures


@pytest.fixture
def narrow_context(browser):
    context = browser.new_context(viewport=NARROW, locale="zh-CN")
    context.set_default_timeout(15_000)
    yield context
    context.close()


def test_every_public_page_passes_in_a_browser(live_server, narrow_context, browser_district):
    starts = ["/", "/search/?q=最低生活保障", "/apply/track/", "/domains/SHJZ/", "/stages/service/"]
    pages = crawl(Client(), starts, "/")
    assert {
        "portal:home",
        "portal:publishing:record",
        "portal:publishing:column",
        "portal:publishing:domain",
        "portal:search:search",
        "portal:applications:apply",
        "portal:catalog:item",
        "portal:sitemap_page",
        "portal:site_error",
        "portal:organizations",
        "portal:organization",
        "portal:applications:guide",
        "portal:applications:paper_form",
        "portal:publishing:browse",
    } <= set(pages)
    failures = sweep(narrow_context, live_server, pages)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("width", [360, 414])
def test_every_public_page_fits_in_elder_mode(live_server, browser, browser_district, width):
    """Elder mode (larger type, the elder_mode cookie) at the narrowest and the widest phone width: the same sweep."""
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="zh-CN")
    context.set_default_timeout(15_000)
    context.add_cookies([{"name": "elder_mode", "value": "1", "url": live_server.url}])
    try:
        pages = crawl(Client(), ["/", "/search/?q=最低生活保障", "/apply/track/", "/domains/SHJZ/"], "/")
        assert "portal:applications:guide" in pages
        failures = sweep(context, live_server, pages)
    finally:
        context.close()
    assert not failures, "\n".join(failures)


def test_every_back_office_page_passes_in_a_browser(live_server, narrow_context, browser_district, admin_person):
    client = Client()
    client.force_login(admin_person)
    pages = crawl(client, ["/backoffice/"], "/backoffice/")
    assert len(pages) > 20, sorted(pages)
    sign_in(narrow_context, live_server, admin_person)
    failures = sweep(narrow_context, live_server, pages)
    assert not failures, "\n".join(failures)
