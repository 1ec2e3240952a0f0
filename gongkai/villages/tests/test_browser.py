"""The pages village workers and residents use, in a real browser at 360 px (Debian's chromium via Playwright).

Skipped only when /usr/bin/chromium is not installed (`apt-get install chromium`); Playwright never downloads a
browser here.
"""

import os
import shutil
from io import BytesIO

import pytest
from django.conf import settings
from django.test import Client
from PIL import Image

from gongkai.core.tests.browser import wait_until
from gongkai.villages.models import ResidentIssue

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian's chromium is not installed"),
]
PHONE = {"width": 360, "height": 740}


@pytest.fixture
def browser_page(browser, seeded):
    """A phone-sized context of the session's one chromium (the shared `browser` fixture in conftest.py)."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    yield context
    context.close()


def signed_in(context, live_server, person):
    client = Client()
    client.force_login(person)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])
    return context.new_page()


def assert_fits(page, url):
    page.goto(url)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    wide = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                         && !e.closest('.vl-scroll, .table-scroll'))
            .map(e => e.tagName + '.' + e.className).slice(0, 5)"""
    )
    assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at 360px: {wide}"
    assert wide == [], f"{url}: elements wider than the screen: {wide}"


def photo_file(tmp_path):
    path = tmp_path / "IMG_20261206.jpg"
    buffer = BytesIO()
    Image.new("RGB", (4000, 3000), (200, 80, 40)).save(buffer, format="JPEG")
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_grid_worker_registers_an_issue_with_a_photo_on_a_phone(
    live_server, browser_page, village, grid_worker, tmp_path
):
    page = signed_in(browser_page, live_server, grid_worker)
    assert_fits(page, f"{live_server.url}/backoffice/villages/")
    assert_fits(page, f"{live_server.url}/backoffice/villages/issues/new/")
    photo_input = page.locator("input[type=file][name=photo]")
    assert photo_input.get_attribute("accept") == "image/*"
    assert photo_input.get_attribute("capture") == "environment"
    page.select_option("select[name=category]", "roads")
    page.fill("input[name=title]", "桥面破损")
    page.fill("textarea[name=description]", "村口小桥桥面有一处破洞，电动车经过很危险。")
    page.fill("input[name=reporter_name]", "孙大伯")
    page.fill("input[name=reporter_phone]", "13600002222")
    photo_input.set_input_files(str(photo_file(tmp_path)))
    page.click("button[type=submit].primary")
    page.wait_for_url("**/backoffice/villages/issues/*/")
    issue = ResidentIssue.objects.get()
    assert issue.photos.get().width == 1600
    assert_fits(page, f"{live_server.url}/backoffice/villages/issues/{issue.pk}/")
    photo = page.locator("img[alt^='现场照片']")
    assert photo.get_attribute("loading") == "lazy"  # a phone loads it only when the worker scrolls to it
    photo.scroll_into_view_if_needed()
    wait_until(page, "document.querySelector(\"img[alt^='现场照片']\").complete")
    assert photo.evaluate("img => img.naturalWidth") == 1600


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_village_clerk_pages_and_public_pages_fit_a_phone(live_server, browser_page, village, village_clerk):
    page = signed_in(browser_page, live_server, village_clerk)
    for path in (
        f"/backoffice/villages/villages/{village.pk}/",
        f"/backoffice/villages/villages/{village.pk}/publicity/new/",
        f"/backoffice/villages/villages/{village.pk}/finance/new/",
        f"/backoffice/villages/villages/{village.pk}/finance/import/",
        "/villages/",
        f"/villages/{village.pk}/",
        "/villages/issues/new/",
        "/villages/issues/track/",
        "/villages/issues/",
    ):
        assert_fits(page, live_server.url + path)
    assert page.url.endswith("/villages/issues/")


def test_the_browser_tests_run_here():
    """A guard: on a machine with chromium the browser tests above must not be skipped for a missing package."""
    if shutil.which(CHROMIUM):
        assert __import__("importlib").util.find_spec("playwright") is not None, "pip install -e '.[dev]'"
    assert os.path.exists(CHROMIUM) == bool(shutil.which(CHROMIUM))
