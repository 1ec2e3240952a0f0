"""The portal shell: accessible structure, the standard columns, the elder-friendly mode, colour contrast."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

import gongkai.portal
from gongkai.orgs.tests.factories import OrganizationFactory

CSS = Path(gongkai.portal.__file__).parent / "static" / "portal" / "portal.css"


class Outline(HTMLParser):
    """Collects the tags, their attributes and the first focusable element of a page."""

    FOCUSABLE = {"a", "button", "input", "select", "textarea"}

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.first_focusable: tuple[str, dict] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if self.first_focusable is None and tag in self.FOCUSABLE and attributes.get("type") != "hidden":
            self.first_focusable = (tag, attributes)

    def find(self, tag, **attributes):
        return [
            attrs for name, attrs in self.tags if name == tag and all(attrs.get(k) == v for k, v in attributes.items())
        ]


def outline(response) -> Outline:
    parser = Outline()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def district_government(county):
    return OrganizationFactory(
        region=county,
        kind="government",
        name="示范区人民政府",
        address="示范区府前街1号",
        office_hours="周一至周五 8:30—17:30",
        phone="0519-86001234",
    )


def test_home_page_has_language_landmarks_and_a_skip_link(client, district_government):
    response = client.get(reverse("portal:home"))
    page = outline(response)
    assert response.status_code == 200
    assert page.find("html", lang="zh-CN")
    assert page.first_focusable == ("a", {"class": "skip-link", "href": "#main"})
    assert page.find("main", id="main", tabindex="-1")
    assert len(page.find("header")) >= 1
    assert len(page.find("footer")) == 1
    assert page.find("nav", **{"aria-label": "网站导航"})
    assert page.find("meta", name="viewport", content="width=device-width, initial-scale=1")
    assert len(page.find("h1")) == 1


def test_home_page_shows_the_standard_columns_and_the_contact(
    client, district_government, django_assert_max_num_queries
):
    cache.clear()
    with django_assert_max_num_queries(6):  # + the 热门 lists before they are cached: searches, readings
        response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    body = response.content.decode()
    for title in ("政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报"):
        assert title in body
    assert "示范区府前街1号" in body
    assert "0519-86001234" in body
    assert "<title>示范区人民政府 · 政府信息公开</title>" in body


def test_home_page_renders_on_an_empty_installation(client, db):
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    assert "政府信息公开指南" in response.content.decode()


def test_elder_mode_switches_on_and_off(client, db):
    response = client.post(reverse("portal:elder_mode"), {"on": "1", "next": "/?page=2"})
    assert response.status_code == 302
    assert response.url == "/?page=2"
    assert response.cookies["elder_mode"].value == "1"
    assert response.cookies["elder_mode"]["samesite"] == "Lax"
    page = outline(client.get(reverse("portal:home")))
    assert page.find("body", **{"class": "elder"})
    assert "退出长者模式" in client.get(reverse("portal:home")).content.decode()
    response = client.post(reverse("portal:elder_mode"), {"on": "0", "next": "/"})
    assert response.cookies["elder_mode"].value == ""
    assert not outline(client.get(reverse("portal:home"))).find("body", **{"class": "elder"})


def test_elder_mode_never_redirects_elsewhere(client, db):
    response = client.post(reverse("portal:elder_mode"), {"on": "1", "next": "https://evil.example/"})
    assert response.url == "/"


def test_elder_mode_needs_post_but_no_csrf_token_so_static_pages_can_carry_it(db):
    # Public pages are published as static files (the same bytes for everyone), which cannot hold a token; the
    # switch only sets the visitor's own display cookie and stays on this site.
    client = Client(enforce_csrf_checks=True)
    assert client.get(reverse("portal:elder_mode")).status_code == 405
    response = client.post(reverse("portal:elder_mode"), {"on": "1", "next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies["elder_mode"].value == "1"


def test_language_switch_sets_the_cookie_without_a_token(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("portal:language"), {"language": "en", "next": "/records/"})
    assert response["Location"] == "/records/"
    assert response.cookies["django_language"].value == "en"
    assert "English" not in client.get("/").content.decode()  # the switch now offers Chinese
    ignored = Client().post(reverse("portal:language"), {"language": "xx"})
    assert "django_language" not in ignored.cookies


def test_elder_mode_works_without_javascript(client, db):
    body = client.get(reverse("portal:home")).content.decode()
    form = re.search(r'<form method="post" action="/elder-mode/" class="elder-toggle">(.*?)</form>', body, re.S)
    assert form is not None
    assert 'name="csrfmiddlewaretoken"' not in body
    assert '<button type="submit"' in form.group(1)
    assert "<script" not in body


def relative_luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def css_variables(selector: str) -> dict[str, str]:
    block = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", CSS.read_text()).group(1)
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", block))


@pytest.mark.parametrize("mode", ["normal", "elder"])
def test_text_colours_meet_wcag_aa_contrast(mode):
    colours = css_variables(":root")
    if mode == "elder":
        for block in re.findall(r"body\.elder\s*\{([^}]*)\}", CSS.read_text()):
            colours |= dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", block))
    pairs = [
        (colours["fg"], colours["bg"]),
        (colours["muted"], colours["bg"]),
        (colours["link"], colours["bg"]),
        ("#ffffff", colours["brand"]),  # header text and buttons
        ("#ffffff", colours["brand-dark"]),  # navigation
        (colours["muted"], "#f2f2f2"),  # footer
    ]
    minimum = 7.0 if mode == "elder" else 4.5
    for foreground, background in pairs:
        assert contrast(foreground, background) >= minimum, (foreground, background)
