"""The record editor in a real browser: TinyMCE loads from node_modules, typing and a Word paste (cleaned by the
server) reach the saved body, and the page passes axe with no serious or critical violation."""

import json
import re

import pytest

from gongkai.core.tests.browser import DESKTOP, PageProblems, axe_violations, sign_in, wait_until
from gongkai.publishing.models import Record

from .test_sanitizing import fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASTE = """(html) => {
    const body = tinymce.activeEditor.getBody();
    const data = new DataTransfer();
    data.setData("text/html", html);
    data.setData("text/plain", "ignored");
    body.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
}"""


def test_clerk_types_and_pastes_from_word_then_saves(live_server, browser, browser_district, clerk):
    record = browser_district["draft"]
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    context.set_default_timeout(15_000)
    sign_in(context, live_server, clerk)
    page = context.new_page()
    problems = PageProblems(page)
    page.goto(f"{live_server.url}/backoffice/publishing/records/{record.pk}/edit/")
    wait_until(page, "window.tinymce && tinymce.activeEditor && tinymce.activeEditor.initialized")
    assert page.locator("textarea[name=body]").is_hidden()
    violations = axe_violations(page)

    editor = page.frame_locator(".tox-edit-area iframe").locator("body")
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("现将有关事项补充通知如下。")
    page.evaluate(f"({PASTE})({json.dumps(fixture('word_paste.html'))})")
    editor.locator("ol li", has_text="加强动态管理").wait_for()
    page.get_by_role("button", name="保存", exact=True).click()
    page.wait_for_url(f"{live_server.url}/backoffice/publishing/records/{record.pk}/")

    body = re.sub(r"\s*\n\s*", "", Record.objects.get(pk=record.pk).body)  # TinyMCE puts blocks on their own lines
    assert "现将有关事项补充通知如下。" in body
    assert "<ol><li>加强动态管理<ol><li>按月核查家庭收入</li></ol></li><li>规范审核审批</li></ol>" in body
    assert "mso-" not in body
    assert "<o:p" not in body
    assert "class=" not in body
    page.goto(f"{live_server.url}/backoffice/publishing/records/{record.pk}/preview/")
    assert page.locator(".record-body ol li").first.inner_text().startswith("加强动态管理")
    assert violations + problems.take() == []
    context.close()
