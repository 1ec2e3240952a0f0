"""The call for comments: its six-step life, comments with screening and moderation, the adoption report."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.core.errors import AccessDenied
from gongkai.core.models import AuditEntry
from gongkai.engagement import selectors, services
from gongkai.engagement.errors import EngagementError, EngagementErrorCode
from gongkai.engagement.models import CallStatus, CommentCall, CommentStatus, ReportStatus
from gongkai.publishing.models import RecordStatus
from gongkai.publishing.tests.factories import draft, force_status

from .factories import call_data, open_call

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def call_actions(call):
    return list(
        AuditEntry.objects.filter(target_type="engagement.commentcall", target_id=str(call.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_default_period_is_30_days(clerk, department):
    call = services.create_call(actor=clerk, organization=department, data=call_data(starts_on=date(2026, 11, 20)))
    assert call.ends_on == date(2026, 12, 20)
    assert call.status == CallStatus.DRAFT


def test_end_before_start_is_refused(clerk, department):
    with pytest.raises(EngagementError) as error:
        services.create_call(actor=clerk, organization=department, data=call_data(ends_on=date(2026, 11, 1)))
    assert error.value.field == "ends_on"
    assert CommentCall.objects.count() == 0


def test_submitter_cannot_approve(department, reviewer):
    call = services.create_call(actor=reviewer, organization=department, data=call_data())
    services.submit_call(actor=reviewer, call=call)
    with pytest.raises(EngagementError) as error:
        services.approve_call(actor=reviewer, call=call)
    assert error.value.code == EngagementErrorCode.SELF_REVIEW
    call.refresh_from_db()
    assert call.status == CallStatus.PENDING_APPROVAL


def test_only_the_office_publishes(department, clerk, reviewer):
    call = services.create_call(actor=clerk, organization=department, data=call_data())
    services.submit_call(actor=clerk, call=call)
    services.approve_call(actor=reviewer, call=call)
    with pytest.raises(AccessDenied):
        services.publish_call(actor=clerk, call=call)
    assert CommentCall.objects.get().status == CallStatus.APPROVED


def test_whole_life_collect_approve_publish_review_feedback_archive(department, clerk, reviewer, office, make_person):
    call = open_call(clerk=clerk, reviewer=reviewer, office=office, organization=department)
    assert list(selectors.public_calls(open_on=TODAY)) == [call]
    first = services.submit_comment(
        call=call, body="建议把补贴标准提高到每月200元。我的电话13812345678。", author_name="赵六"
    )
    services.enter_comment(
        actor=clerk,
        call=call,
        channel="symposium",
        body="座谈会上建议简化申请材料。",
        received_on=TODAY - timedelta(days=1),
    )
    with pytest.raises(EngagementError) as error:
        services.close_call(actor=clerk, call=call)
    assert error.value.code == EngagementErrorCode.CALL_NOT_OPEN
    CommentCall.objects.filter(pk=call.pk).update(ends_on=TODAY - timedelta(days=1))
    services.close_call(actor=clerk, call=call)
    items = [
        {
            "topic": "补贴标准",
            "gist": "提高补贴标准",
            "decision": "partly",
            "reason": "财力所限，提高至150元。",
            "comment_ids": [first.pk],
        },
        {"topic": "申请材料", "gist": "简化材料", "decision": "adopted", "reason": ""},
    ]
    services.save_adoption_report(actor=clerk, call=call, overview="共收到意见2条。", items=items)
    services.submit_adoption_report(actor=clerk, call=call)
    with pytest.raises(AccessDenied):
        services.publish_feedback(actor=clerk, call=call)
    services.publish_feedback(actor=reviewer, call=call)
    author = make_person("clerk", department)
    policy = force_status(draft(department, author, title="示范区养老服务补贴办法"), RecordStatus.PUBLISHED)
    services.link_final_policy(actor=clerk, call=call, record=policy)
    services.archive_call(actor=office, call=call)
    call.refresh_from_db()
    assert call.status == CallStatus.ARCHIVED
    assert call.adoption_report.status == ReportStatus.PUBLISHED
    assert list(selectors.calls_for_policy(policy)) == [call]
    assert call_actions(call) == [
        "engagement.call.created",
        "engagement.call.submitted",
        "engagement.call.approved",
        "engagement.call.published",
        "engagement.comment.submitted",
        "engagement.comment.entered",
        "engagement.call.closed",
        "engagement.report.saved",
        "engagement.report.submitted",
        "engagement.call.feedback_published",
        "engagement.call.policy_linked",
        "engagement.call.archived",
    ]


def test_not_adopted_needs_a_reason(department, clerk, reviewer, office):
    call = open_call(clerk=clerk, reviewer=reviewer, office=office, organization=department)
    CommentCall.objects.filter(pk=call.pk).update(ends_on=TODAY - timedelta(days=1))
    services.close_call(actor=clerk, call=call)
    with pytest.raises(EngagementError) as error:
        services.save_adoption_report(
            actor=clerk, call=call, overview="概况", items=[{"topic": "a", "gist": "b", "decision": "not_adopted"}]
        )
    assert "须说明理由" in error.value.message
    assert not CommentCall.objects.filter(adoption_report__isnull=False).exists()


def test_comments_are_masked_and_authors_never_public(department, clerk, reviewer, office):
    call = open_call(clerk=clerk, reviewer=reviewer, office=office, organization=department)
    services.submit_comment(
        call=call,
        body="我是赵六，身份证11010519491231002X，建议延长时间。",
        author_name="赵六",
        author_contact="13812345678",
    )
    shown = list(selectors.shown_comments(call))
    assert len(shown) == 1
    assert "11010519491231002X" not in shown[0].public_body
    assert "11" in shown[0].public_body
    assert "author_name" in shown[0].get_deferred_fields()


def test_moderated_call_holds_comments_until_shown(department, clerk, reviewer, office):
    call = open_call(clerk=clerk, reviewer=reviewer, office=office, organization=department, is_moderated=True)
    comment = services.submit_comment(call=call, body="建议增加服务网点。")
    assert comment.status == CommentStatus.PENDING
    assert list(selectors.shown_comments(call)) == []
    services.moderate_comment(actor=clerk, comment=comment, show=True)
    assert [c.pk for c in selectors.shown_comments(call)] == [comment.pk]


def test_comment_outside_the_period_is_refused(department, clerk, reviewer, office):
    call = open_call(
        clerk=clerk, reviewer=reviewer, office=office, organization=department, starts_on=TODAY + timedelta(days=3)
    )
    with pytest.raises(EngagementError) as error:
        services.submit_comment(call=call, body="提前提交的意见")
    assert error.value.code == EngagementErrorCode.CALL_NOT_OPEN
    assert call.comments.count() == 0


def test_attachment_checked_by_content(department, clerk):
    call = services.create_call(actor=clerk, organization=department, data=call_data())
    fake = SimpleUploadedFile("征求意见稿.pdf", b"not a pdf at all", content_type="application/pdf")
    with pytest.raises(Exception, match="只接受"):
        services.add_call_attachment(actor=clerk, call=call, upload=fake)
    assert call.attachments.count() == 0


def test_attachment_is_stored_and_downloadable_once_the_call_is_public(
    client, department, clerk, reviewer, office, settings, tmp_path
):
    from django.urls import reverse

    from gongkai.publishing.tests.test_attachments import pdf_bytes

    settings.MEDIA_ROOT = tmp_path / "media"
    call = services.create_call(actor=clerk, organization=department, data=call_data())
    upload = SimpleUploadedFile("起草说明.pdf", pdf_bytes("draft"), content_type="application/octet-stream")
    attachment = services.add_call_attachment(actor=clerk, call=call, upload=upload, title="起草说明")
    assert attachment.content_type == "application/pdf"
    url = reverse("portal:engagement:call_attachment", args=[call.pk, attachment.public_id])
    assert client.get(url).status_code == 404  # a draft call's files are not public
    services.submit_call(actor=clerk, call=call)
    services.approve_call(actor=reviewer, call=call)
    services.publish_call(actor=office, call=call)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
