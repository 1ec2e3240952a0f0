"""The record page for a document no longer in force: the banner linking the document that replaced it, how the
office records the replacement, and the print and font-size tools (JavaScript only shows them)."""

from pathlib import Path

import pytest
from django.utils import timezone

import gongkai.portal
from gongkai.core.models import AuditEntry
from gongkai.core.tests.browser import PageProblems
from gongkai.publishing import services
from gongkai.publishing.errors import PublishingError
from gongkai.publishing.models import RecordStatus
from gongkai.publishing.tests.factories import draft, force_status

STATIC = Path(gongkai.portal.__file__).parent / "static" / "portal"


def published(department, clerk, reviewer, **fields):
    return services.publish_record(
        record=force_status(draft(department, clerk, **fields), RecordStatus.CLEARED), actor=reviewer
    )


@pytest.fixture
def old_and_new(department, clerk, reviewer):
    old = published(department, clerk, reviewer, title="示范区最低生活保障办法（2020年）")
    new = published(
        department, clerk, reviewer, title="示范区最低生活保障办法（2026年）", doc_number="示民规〔2026〕1号"
    )
    return old, new


def test_repealed_record_shows_a_banner_linking_its_replacement(client, old_and_new, reviewer):
    old, new = old_and_new
    services.change_validity(record=old, actor=reviewer, validity="repealed", on=timezone.localdate(), replaced_by=new)
    page = client.get(old.get_absolute_url()).content.decode()
    assert 'class="validity-banner"' in page
    assert "本文件已于" in page
    assert "废止。" in page
    assert f'现行文件：<a href="{new.get_absolute_url()}">{new.title}</a>（示民规〔2026〕1号）' in page
    entry = AuditEntry.objects.filter(action="publishing.record.validity_changed").latest("id")
    assert entry.data["replaced_by"] == new.index_number


def test_lapsed_record_without_a_replacement_shows_the_banner_only(client, old_and_new, reviewer):
    old, _new = old_and_new
    services.change_validity(record=old, actor=reviewer, validity="lapsed", on=timezone.localdate())
    page = client.get(old.get_absolute_url()).content.decode()
    assert f"本文件已于 {timezone.localdate():%Y-%m-%d} 失效。" in page
    assert "现行文件" not in page


def test_record_in_force_has_no_banner(client, old_and_new):
    old, _new = old_and_new
    assert 'class="validity-banner"' not in client.get(old.get_absolute_url()).content.decode()


def test_replacement_must_be_another_published_record(old_and_new, department, clerk, reviewer):
    old, new = old_and_new
    with pytest.raises(PublishingError, match="另一条已发布"):
        services.change_validity(record=old, actor=reviewer, validity="repealed", replaced_by=old)
    with pytest.raises(PublishingError, match="另一条已发布"):
        services.change_validity(record=old, actor=reviewer, validity="repealed", replaced_by=draft(department, clerk))
    with pytest.raises(PublishingError, match="有效的文件不能指定替代文件"):
        services.change_validity(record=old, actor=reviewer, validity="in_force", replaced_by=new)
    old.refresh_from_db()
    assert (old.validity, old.replaced_by) == ("in_force", None)


def test_back_office_names_the_replacement_by_index_number(client, old_and_new, reviewer):
    old, new = old_and_new
    client.force_login(reviewer)
    url = f"/backoffice/publishing/records/{old.pk}/validity/"
    data = {"validity": "repealed", "on": timezone.localdate().isoformat(), "replaced_by": "NO-SUCH-NUMBER"}
    response = client.post(url, data, follow=True)
    assert "没有找到索引号为“NO-SUCH-NUMBER”的已发布信息" in response.content.decode()
    old.refresh_from_db()
    assert old.validity == "in_force"
    today = timezone.localdate().isoformat()
    client.post(url, {"validity": "repealed", "on": today, "replaced_by": new.index_number})
    old.refresh_from_db()
    assert (old.validity, old.replaced_by) == ("repealed", new)


def test_record_tools_are_hidden_without_javascript_and_print_has_its_own_style(client, old_and_new):
    old, _new = old_and_new
    page = client.get(old.get_absolute_url()).content.decode()
    assert '<div id="record-tools" class="record-tools" hidden>' in page
    assert "portal/record-tools.js" in page
    css = (STATIC / "portal.css").read_text()
    print_rules = css[css.index("@media print") :]
    assert ".site-header" in print_rules
    assert ".record-tools" in print_rules
    assert ".record-tools[hidden] { display: none; }" in css


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_print_and_font_size_tools_work_in_a_browser(live_server, phone_context, department, clerk, reviewer):
    record = published(department, clerk, reviewer, title="示范区最低生活保障办法（2020年）")
    page = phone_context.new_page()
    problems = PageProblems(page)
    page.goto(live_server.url + record.get_absolute_url())
    assert page.get_by_role("button", name="打印本页").is_visible()
    before = page.eval_on_selector(".record-body", "e => parseFloat(getComputedStyle(e).fontSize)")
    page.get_by_role("button", name="增大正文字号").click()
    after = page.eval_on_selector(".record-body", "e => parseFloat(getComputedStyle(e).fontSize)")
    assert after > before
    assert "正文字号：大" in page.inner_text("#record-text-size")
    assert problems.take() == []
