"""Applying screening's suggested masks to a draft: the service with its audit entry, and the back-office buttons."""

import pytest
from django.urls import reverse

from gongkai.core.models import AuditEntry
from gongkai.publishing import services
from gongkai.publishing.errors import PublishingError
from gongkai.publishing.models import Record, RecordStatus
from gongkai.publishing.services.masking import maskable_findings
from gongkai.screening.models import Finding

from .factories import draft, force_status

BODY = (
    "<p>申请人张某，联系电话<strong>13812345678</strong>。</p>"
    '<p><a href="https://www.example.gov.cn/13812345678">材料</a>，另有手机13987654321。</p>'
)


@pytest.fixture
def screened(department, clerk):
    record = draft(department, clerk, body=BODY, summary="联系电话13812345678")
    services.check_record(record=record, actor=clerk)
    return record


def open_texts(record):
    return sorted(
        (finding.location, finding.text) for finding in maskable_findings(record).order_by("location", "start")
    )


def test_screening_offers_each_mobile_number_in_body_and_summary(screened):
    assert open_texts(screened) == [
        ("内容概述", "13812345678"), ("正文", "13812345678"), ("正文", "13987654321"),
    ]  # fmt: skip


def test_applying_one_mask_changes_only_that_text_and_keeps_links_and_markup(screened, clerk):
    finding = maskable_findings(screened).get(location="正文", text="13812345678")
    services.apply_suggested_masks(record=screened, actor=clerk, finding_ids=[finding.pk])
    screened.refresh_from_db()
    assert screened.body == (
        "<p>申请人张某，联系电话<strong>138****5678</strong>。</p>"
        '<p><a href="https://www.example.gov.cn/13812345678" rel="noopener noreferrer">材料</a>'
        "，另有手机13987654321。</p>"
    )
    assert screened.summary == "联系电话13812345678"
    assert open_texts(screened) == [("内容概述", "13812345678"), ("正文", "13987654321")]
    entry = AuditEntry.objects.get(action="publishing.record.masked")
    assert (entry.actor, entry.data["findings"], entry.data["fields"]) == (clerk, [finding.pk], ["body"])
    assert screened.revisions.order_by("-number").first().change_note == "套用内容预审的脱敏建议。"


def test_applying_all_masks_rescreens_and_leaves_nothing_open(screened, clerk):
    applied = services.apply_suggested_masks(record=screened, actor=clerk)
    screened.refresh_from_db()
    assert len(applied) == 3
    assert "13812345678</strong>" not in screened.body
    assert "13987654321" not in screened.body
    assert screened.summary == "联系电话138****5678"
    assert open_texts(screened) == []
    assert Finding.objects.filter(object_id=str(screened.pk), is_current=True, kind="mobile").count() == 0


def test_masks_cannot_be_applied_to_a_record_under_review(screened, clerk):
    force_status(screened, RecordStatus.SUBMITTED)
    before = Record.objects.get(pk=screened.pk).body
    with pytest.raises(PublishingError):
        services.apply_suggested_masks(record=screened, actor=clerk)
    assert Record.objects.get(pk=screened.pk).body == before
    assert not AuditEntry.objects.filter(action="publishing.record.masked").exists()


def test_a_finding_of_another_record_is_refused(screened, department, clerk):
    other = draft(department, clerk, body="<p>电话13811112222</p>")
    services.check_record(record=other, actor=clerk)
    foreign = maskable_findings(other).get()
    with pytest.raises(PublishingError) as caught:
        services.apply_suggested_masks(record=screened, actor=clerk, finding_ids=[foreign.pk])
    assert caught.value.message.startswith("没有可以一键脱敏的问题")
    assert Record.objects.get(pk=other.pk).body == "<p>电话13811112222</p>"


def test_text_split_by_formatting_is_refused_with_what_to_do_by_hand(department, clerk):
    record = draft(department, clerk, body="<p>电话13812345678</p>")
    services.check_record(record=record, actor=clerk)
    Record.objects.filter(pk=record.pk).update(body="<p>电话<b>138</b>12345678</p>")
    with pytest.raises(PublishingError) as caught:
        services.apply_suggested_masks(record=record, actor=clerk)
    assert caught.value.message == (
        "“13812345678”在正文中被格式分隔或已修改，无法自动替换：请在编辑器中手动改为“138****5678”。"
    )
    assert Record.objects.get(pk=record.pk).body == "<p>电话<b>138</b>12345678</p>"


def test_screening_page_shows_mask_buttons_to_the_clerk_and_applies_them(client, screened, clerk):
    client.force_login(clerk)
    page = client.get(reverse("backoffice:screening:index") + f"?target=publishing.record:{screened.pk}", follow=True)
    url = reverse("backoffice:publishing:apply_masks", args=[screened.pk])
    assert page.status_code == 200
    assert page.content.decode().count(f'action="{url}"') == 4  # "all" and one per finding
    response = client.post(url)
    assert response.status_code == 302
    screened.refresh_from_db()
    assert "13987654321" not in screened.body


@pytest.mark.parametrize(("who", "status"), [("other_clerk", 404), ("reviewer", 403)])
def test_only_drafters_of_the_organization_may_apply_masks(client, request, screened, who, status):
    client.force_login(request.getfixturevalue(who))
    response = client.post(reverse("backoffice:publishing:apply_masks", args=[screened.pk]))
    assert response.status_code == status
    assert Record.objects.get(pk=screened.pk).body == screened.body


def test_reviewer_sees_no_mask_buttons(client, screened, reviewer):
    client.force_login(reviewer)
    page = client.get(reverse("backoffice:screening:index") + f"?target=publishing.record:{screened.pk}", follow=True)
    assert page.status_code == 200
    assert reverse("backoffice:publishing:apply_masks", args=[screened.pk]) not in page.content.decode()
