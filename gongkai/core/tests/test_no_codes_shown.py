"""No page shows a person an internal code (a choice value such as "pending_review") or, in Chinese, Django's own
English defaults ("This field is required.", "Select a valid choice", "Enter a valid …"). Public and back-office
pages are found by crawling from the start pages (as the browser sweep does) and read in Chinese and in English:
the visible text and the attributes people hear or see (alt, title, aria-label, placeholder).

Django's "---------" empty choice is allowed in filters: it is a dash, not English and not a code."""

import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client

from gongkai.core.tests.test_browser_pages import crawl

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DJANGO_DEFAULTS = (
    "This field is required",
    "Select a valid choice",
    "Enter a valid",
    "Ensure this value",
    "Select an option",
    "Currently:",
    "Change:",
    "Clear",
    "No file chosen",
    "Unknown",
)
READ_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
SKIPPED_TAGS = {"script", "style", "code", "pre", "template"}


class VisibleText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_TAGS:
            self.skipping += 1
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in SKIPPED_TAGS and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return "\n".join(parser.parts)


def internal_codes() -> set[str]:
    """Every choice value of every model field that looks like a code (lower-case words joined by "_")."""
    codes = set()
    for model in apps.get_models():
        if not model.__module__.startswith("gongkai."):
            continue
        for field in model._meta.get_fields():
            for value, _label in getattr(field, "flatchoices", None) or ():
                if isinstance(value, str) and re.fullmatch(r"[a-z]+(?:_[a-z]+)+", value):
                    codes.add(value)
    return codes


def problems_on(client: Client, pages: dict[str, str], language: str, codes: re.Pattern) -> list[str]:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    found = []
    for route, url in sorted(pages.items()):
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        text = visible_text(response.content.decode())
        for match in codes.finditer(text):
            found.append(f"{language} {url} ({route}): internal code {match.group(0)!r}")
        if language != "en":
            for default in DJANGO_DEFAULTS:
                if re.search(rf"\b{re.escape(default)}", text):
                    found.append(f"{language} {url} ({route}): Django default {default!r}")
    return found


def code_pattern() -> re.Pattern:
    return re.compile(
        r"(?<![\w/.{-])(" + "|".join(sorted(map(re.escape, internal_codes()), key=len, reverse=True)) + r")(?![\w/.-])"
    )


def test_public_pages_show_labels_not_codes(browser_district):
    client = Client()
    pages = crawl(client, ["/", "/search/?q=最低生活保障", "/apply/", "/apply/track/", "/domains/SHJZ/"], "/")
    assert "portal:publishing:record" in pages
    pattern = code_pattern()
    problems = problems_on(client, pages, "zh-hans", pattern) + problems_on(client, pages, "en", pattern)
    assert not problems, "\n".join(problems)


def test_back_office_pages_show_labels_not_codes(browser_district, admin_person):
    client = Client()
    client.force_login(admin_person)
    # An invalid form post puts form errors on the page, in the page's language.
    pages = crawl(client, ["/backoffice/"], "/backoffice/")
    assert len(pages) > 20
    pattern = code_pattern()
    problems = problems_on(client, pages, "zh-hans", pattern) + problems_on(client, pages, "en", pattern)
    assert not problems, "\n".join(problems)
