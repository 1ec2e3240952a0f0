"""Citizen journeys in a real browser (Debian's chromium through Playwright): browse the columns, read a record,
search, apply and track, elder mode, and all of it on a 390 px phone.

The captcha is solved as only the server could: the test reads the answer from the browser's server-side session.
"""

import pytest

from gongkai.applications.models import Application
from gongkai.applications.tests.factories import id_card
from gongkai.core.tests.browser import PageProblems, broken_images, browser_session, overflow
from gongkai.portal.applications.captcha import SESSION_KEY
from gongkai.search.services import reindex

# serialized_rollback: the migrations' seed data (domains, channels) comes back after other tests flushed it.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def open_page(context):
    page = context.new_page()
    return page, PageProblems(page)


def test_a_citizen_browses_reads_and_searches(live_server, browser_context, browser_district):
    record = browser_district["record"]
    reindex()
    page, problems = open_page(browser_context)
    page.goto(live_server.url + "/")
    page.get_by_role("link", name=browser_district["column"].name).first.click()
    page.get_by_role("link", name=record.title).click()
    assert page.get_by_role("heading", level=1).inner_text() == record.title
    assert record.index_number in page.content()
    page.goto(live_server.url + "/search/")
    page.get_by_role("searchbox").first.fill("最低生活保障标准")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?*")
    assert page.get_by_role("link", name=record.title).count() >= 1
    assert problems.take() == []


def apply(page, live_server) -> str:
    page.goto(live_server.url + "/apply/")
    page.select_option("select[name=organization]", label="示范区民政局")
    page.fill("input[name=applicant_name]", "李小梅")
    page.fill("input[name=id_number]", id_card())
    page.fill("input[name=phone]", "13912345678")
    page.fill("input[name=address]", "示范区人民路1号")
    page.fill("textarea[name=description]", "2026年本区城乡居民最低生活保障资金发放情况")
    answer = browser_session(page.context, live_server)[SESSION_KEY]["answer"]
    page.fill("input[name=captcha]", answer)
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_load_state()
    assert page.url.endswith("/apply/acknowledgement/"), page.inner_text("main")
    return Application.objects.get(applicant_name="李小梅").tracking_code


def test_a_citizen_applies_on_a_phone_and_tracks_the_application(live_server, phone_context, browser_district):
    page, problems = open_page(phone_context)
    tracking_code = apply(page, live_server)
    assert tracking_code in page.inner_text("main")
    assert overflow(page) == []
    page.goto(live_server.url + "/apply/track/")
    page.fill("input[name=tracking_code]", tracking_code)
    page.fill("input[name=phone_last4]", "5678")
    page.get_by_role("button", name="查询").click()
    main = page.inner_text("main")
    assert tracking_code in main
    assert "示范区民政局" in main
    assert "李小梅" not in main
    assert "13912345678" not in main
    assert overflow(page) == []
    assert problems.take() == []


def test_elder_mode_enlarges_the_text_and_stays_on(live_server, phone_context, browser_district):
    page, problems = open_page(phone_context)
    page.goto(live_server.url + "/")
    normal = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    page.get_by_role("button", name="长者模式（大字）").click()
    page.wait_for_load_state()
    assert page.evaluate("document.body.classList.contains('elder')")
    page.goto(live_server.url + f"/records/{browser_district['record'].pk}/")
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") > normal
    assert overflow(page) == []
    assert broken_images(page) == []  # the QR code among them
    page.get_by_role("button", name="退出长者模式").click()
    page.wait_for_load_state()
    assert not page.evaluate("document.body.classList.contains('elder')")
    assert problems.take() == []
