"""The kiosk mode in a real browser: back to the start page after the idle time, large touch targets, no
serious or critical axe findings and no sideways scrolling at 360 px and at 1080p."""

import pytest

from gongkai.core.tests.browser import NARROW, PageProblems, axe_violations, broken_images, overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FULL_HD = {"width": 1920, "height": 1080}
SMALL_TARGETS = """() => [...document.querySelectorAll('header a, main a, button')]
    .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.height < 48 || r.width < 48); })
    .map(e => e.textContent.trim())"""


def test_kiosk_returns_to_its_start_page_when_idle(live_server, browser, browser_district, settings):
    settings.GONGKAI_KIOSK_IDLE_SECONDS = 1
    context = browser.new_context(viewport=FULL_HD, locale="zh-CN", has_touch=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/kiosk/")
    page.get_by_role("link", name="公开栏目").first.click()
    page.wait_for_url("**/kiosk/columns/")

    page.wait_for_url(f"{live_server.url}/kiosk/")

    assert page.locator("h1").text_content() == "请选择您要查询的内容"
    context.close()


@pytest.mark.parametrize("viewport", [NARROW, FULL_HD], ids=["360px", "1080p"])
def test_kiosk_pages_are_accessible_and_touch_sized(live_server, browser, browser_district, viewport):
    context = browser.new_context(viewport=viewport, locale="zh-CN", has_touch=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    problems = PageProblems(page)
    record = browser_district["record"]
    found = {}
    for path in ("/kiosk/", "/kiosk/hot/", "/kiosk/columns/", "/kiosk/guides/", f"/kiosk/records/{record.pk}/"):
        page.goto(f"{live_server.url}{path}")
        found[path] = (
            axe_violations(page) + overflow(page) + broken_images(page) + page.evaluate(SMALL_TARGETS) + problems.take()
        )

    assert found == dict.fromkeys(found, [])
    context.close()
