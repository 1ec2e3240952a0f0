"""The back office's one form layout in a real browser, at desktop and phone widths: the catalog forms (unstyled
before) pass axe with and without errors, the error summary links to the fields, and the item picker searches as
you type."""

import pytest

from gongkai.core.tests.browser import PageProblems, page_problems, sign_in

# serialized_rollback: the migrations' seed data (domains, channels) comes back after other tests flushed it.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CATALOG_FORMS = ["new/", "import/", "reference/"]


@pytest.mark.parametrize("width", ["browser_context", "phone_context"])
def test_catalog_forms_pass_axe_with_and_without_errors(request, live_server, browser_district, clerk, width):
    context = request.getfixturevalue(width)
    sign_in(context, live_server, clerk)
    page = context.new_page()
    problems = PageProblems(page)
    catalog_id = browser_district["item"].catalog_id
    found = []
    for suffix in CATALOG_FORMS:
        page.goto(f"{live_server.url}/backoffice/catalog/{catalog_id}/{suffix}")
        found += [f"{suffix}: {problem}" for problem in page_problems(page, problems)]
    page.goto(f"{live_server.url}/backoffice/catalog/items/{browser_district['item'].pk}/")
    found += page_problems(page, problems)
    page.goto(f"{live_server.url}/backoffice/catalog/{catalog_id}/new/")
    page.get_by_role("button", name="保存", exact=True).click()
    page.wait_for_load_state()
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    first_link = summary.locator("a").first
    target = first_link.get_attribute("href")
    assert target.startswith("#id_")
    assert page.locator(target).count() == 1
    found += [f"with errors: {problem}" for problem in page_problems(page, problems)]
    assert found == []


def test_item_picker_searches_as_you_type(live_server, browser_context, browser_district, clerk):
    sign_in(browser_context, live_server, clerk)
    page = browser_context.new_page()
    problems = PageProblems(page)
    record = browser_district["draft"]
    item = browser_district["item"]
    page.goto(f"{live_server.url}/backoffice/publishing/records/{record.pk}/edit/")
    search = page.get_by_role("searchbox", name="按统一编码、事项名称或上级事项搜索")
    search.fill("最低生活")
    page.get_by_role("button", name=f"添加 {item.code} 最低生活保障 / 办事指南").click()
    assert page.locator(f".picker-chosen input[value='{item.pk}']").is_checked()
    page.get_by_role("button", name="保存", exact=True).click()
    page.wait_for_load_state()
    record.refresh_from_db()
    assert list(record.items.values_list("pk", flat=True)) == [item.pk]
    assert problems.take() == []
