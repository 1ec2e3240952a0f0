"""Staff journeys in a real browser (Debian's chromium through Playwright), each step taken by its own person in their
own browser: a record from draft through screening, review and confidentiality review to publication; an application
from receipt to a delivered reply; a clerk's catalog change and the office's approval.
"""

import pytest

from gongkai.applications.models import Outcome, Status
from gongkai.catalog.models import ChangeSet, ChangeSetStatus
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


def act(page, action: str, label: str) -> None:
    """Press the button of the application page's `action` form (the button is labelled like its heading)."""
    page.locator(f"form[action$='/{action}/']").get_by_role("button", name=label, exact=True).click()
    page.wait_for_load_state()


def test_an_application_goes_from_receipt_to_a_delivered_reply(live_server, browser, browser_district, clerk, reviewer):
    application = browser_district["application"]
    url = f"{live_server.url}/backoffice/applications/{application.pk}/"
    seen = []

    page, problems = staff_page(browser, live_server, clerk)
    page.goto(url)
    act(page, "accept", "签收")
    seen += problems.take()
    page.context.close()
    application.refresh_from_db()
    assert application.status == Status.ACCEPTED

    page, problems = staff_page(browser, live_server, reviewer)
    page.goto(url)
    page.select_option("select[name=decide-outcome]", Outcome.DISCLOSED)
    page.fill("textarea[name=decide-reasons]", "该信息属于主动公开范围，予以公开。")
    act(page, "decide", "作出答复")
    seen += problems.take()
    page.context.close()
    application.refresh_from_db()
    assert (application.status, application.outcome) == (Status.DECIDED, Outcome.DISCLOSED)

    page, problems = staff_page(browser, live_server, clerk)
    page.goto(url)
    press(page, "生成告知书")
    page.select_option("select[name=deliver-method]", index=1)
    page.fill("input[name=deliver-reference]", "EMS1234567890")
    act(page, "deliver", "登记送达")
    seen += problems.take()
    page.context.close()
    application.refresh_from_db()
    assert application.status == Status.DELIVERED
    assert application.delivery_reference == "EMS1234567890"
    assert application.replies.count() == 1
    assert seen == []


def test_a_clerks_catalog_change_waits_for_the_office_and_takes_effect_on_approval(
    live_server, browser, browser_district, clerk, office
):
    item = browser_district["item"]
    before = item.time_limit
    seen = []

    page, problems = staff_page(browser, live_server, clerk)
    page.goto(f"{live_server.url}/backoffice/catalog/items/{item.pk}/edit/")
    page.fill("input[name=time_limit]", "信息形成或变更之日起15个工作日内")
    page.fill("input[name=note]", "按新办法缩短公开时限")
    press(page, "保存")
    seen += problems.take()
    page.context.close()
    item.refresh_from_db()
    change_set = ChangeSet.objects.get(catalog=item.catalog, status=ChangeSetStatus.PENDING)
    assert item.time_limit == before  # nothing changes until the office approves

    page, problems = staff_page(browser, live_server, office)
    page.goto(f"{live_server.url}/backoffice/catalog/changes/{change_set.pk}/")
    assert "按新办法缩短公开时限" in page.content()
    press(page, "批准")
    seen += problems.take()
    page.context.close()
    item.refresh_from_db()
    change_set.refresh_from_db()
    assert change_set.status == ChangeSetStatus.APPROVED
    assert item.time_limit == "信息形成或变更之日起15个工作日内"
    assert seen == []
