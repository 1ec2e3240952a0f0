"""Staff journeys in a real browser (Debian's chromium through Playwright): a record goes from draft through
screening, review and confidentiality review to publication, each step taken by its own person in their own browser.
"""

import pytest

from gongkai.core.tests.browser import DESKTOP, PageProblems, sign_in
from gongkai.publishing.models import RecordStatus

# serialized_rollback: the migrations' seed data (domains, channels) comes back after other tests flushed it.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def staff_page(browser, live_server, person):
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    context.set_default_timeout(15_000)
    sign_in(context, live_server, person)
    page = context.new_page()
    return page, PageProblems(page)


def press(page, button: str) -> None:
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()


def test_a_record_goes_from_draft_to_publication(
    live_server, browser, browser_district, clerk, reviewer, confidentiality_officer
):
    record = browser_district["draft"]
    url = f"{live_server.url}/backoffice/publishing/records/{record.pk}/"
    seen = []

    page, problems = staff_page(browser, live_server, clerk)
    page.goto(url)
    page.get_by_role("link", name="修改草稿").click()
    page.fill("input[name=title]", "关于开展2026年冬季困难群众救助工作的通知")
    press(page, "保存")
    page.wait_for_url(url)
    press(page, "运行内容预审")
    press(page, "提交审核")
    seen += problems.take()
    page.context.close()
    record.refresh_from_db()
    assert record.title == "关于开展2026年冬季困难群众救助工作的通知"
    assert record.status == RecordStatus.SUBMITTED

    page, problems = staff_page(browser, live_server, reviewer)
    page.goto(url)
    press(page, "审核通过")
    seen += problems.take()
    page.context.close()

    page, problems = staff_page(browser, live_server, confidentiality_officer)
    page.goto(url)
    press(page, "保密审查通过")
    seen += problems.take()
    page.context.close()

    page, problems = staff_page(browser, live_server, reviewer)
    page.goto(url)
    press(page, "发布")
    seen += problems.take()
    page.context.close()
    record.refresh_from_db()
    assert record.status == RecordStatus.PUBLISHED

    page, problems = staff_page(browser, live_server, clerk)
    page.goto(f"{live_server.url}/records/{record.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == record.title
    assert seen + problems.take() == []
