"""The big screen in a real browser: it refreshes in place (a new publication shows without a reload) and after
several refresh cycles has the same number of chart instances, canvases, table rows and DOM nodes as after the first."""

import pytest
from django.utils import timezone

from gongkai.core.tests.browser import NARROW, PageProblems, axe_violations, overflow, sign_in, wait_until
from gongkai.publishing.models import RecordStatus
from gongkai.publishing.tests.factories import draft, force_status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREEN = {"width": 1920, "height": 1080}
FOOTPRINT = """() => ({
    nodes: document.getElementsByTagName('*').length,
    canvases: document.querySelectorAll('canvas').length,
    rows: document.querySelectorAll('.screen-table tr').length,
    charts: [...document.querySelectorAll('.screen-chart')].filter(e => echarts.getInstanceByDom(e)).length,
    markers: document.querySelectorAll('.leaflet-interactive').length,
})"""


def refreshes_reach(page, count: int) -> None:
    wait_until(page, f"Number(document.getElementById('screen').dataset.refreshes) >= {count}")


def test_screen_refreshes_in_place_without_growing(live_server, browser, browser_district, office, clerk):
    context = browser.new_context(viewport=SCREEN, locale="zh-CN", timezone_id="Asia/Shanghai")
    context.set_default_timeout(20_000)
    sign_in(context, live_server, office)
    page = context.new_page()
    problems = PageProblems(page)
    page.goto(f"{live_server.url}/backoffice/oversight/screen/?refresh=1")
    assert page.locator("body.no-js").count() == 0
    refreshes_reach(page, 1)
    first = page.evaluate(FOOTPRINT)
    before = int(page.locator("#kpi-today").text_content())
    record = draft(browser_district["department"], clerk, title="新发布")
    force_status(record, RecordStatus.PUBLISHED, published_at=timezone.now())

    wait_until(page, f"Number(document.getElementById('kpi-today').textContent) === {before + 1}")
    refreshes_reach(page, int(page.evaluate("document.getElementById('screen').dataset.refreshes")) + 3)
    last = page.evaluate(FOOTPRINT)

    assert first["charts"] == 5
    assert last == first
    assert page.url.endswith("/backoffice/oversight/screen/?refresh=1")  # never reloaded
    assert axe_violations(page) == []
    assert problems.take() == []
    context.close()


def test_screen_on_a_small_display_stacks_without_sideways_scrolling(live_server, browser, browser_district, office):
    context = browser.new_context(viewport=NARROW, locale="zh-CN")
    context.set_default_timeout(20_000)
    sign_in(context, live_server, office)
    page = context.new_page()
    problems = PageProblems(page)

    page.goto(f"{live_server.url}/backoffice/oversight/screen/")

    assert overflow(page) + axe_violations(page) + problems.take() == []
    context.close()
