"""Back-office call pages: the steps offered per role, comments entered and moderated, the adoption report form."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.engagement.models import CallStatus, CommentCall, ReportStatus
from gongkai.orgs.tests.factories import PASSWORD

from .factories import call_data, open_call

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def login(client, person):
    assert client.login(username=person.username, password=PASSWORD)


def test_create_and_submit_a_call(client, clerk, department):
    login(client, clerk)
    response = client.post(
        reverse("backoffice:engagement:new_call"),
        {
            "organization": department.pk,
            "title": "关于征求意见的公告",
            "summary": "摘要",
            "starts_on": TODAY.isoformat(),
            "is_moderated": "on",
        },
    )
    call = CommentCall.objects.get()
    assert response.status_code == 302
    assert call.ends_on == TODAY + timedelta(days=30)
    page = client.get(reverse("backoffice:engagement:call", args=[call.pk])).content.decode()
    assert "提交审批" in page
    assert "审批通过" not in page
    client.post(reverse("backoffice:engagement:call_step", args=[call.pk, "submit"]))
    client.post(reverse("backoffice:engagement:call_step", args=[call.pk, "approve"]))  # own submission: refused
    call.refresh_from_db()
    assert call.status == CallStatus.PENDING_APPROVAL


def test_other_organization_gets_404(client, other_clerk, clerk, department):
    from gongkai.engagement import services

    call = services.create_call(actor=clerk, organization=department, data=call_data())
    login(client, other_clerk)
    assert client.get(reverse("backoffice:engagement:call", args=[call.pk])).status_code == 404
    assert client.post(reverse("backoffice:engagement:call_step", args=[call.pk, "submit"])).status_code == 404


def test_enter_offline_comment_and_write_the_report(client, clerk, reviewer, office, department):
    call = open_call(clerk=clerk, reviewer=reviewer, office=office, organization=department)
    login(client, clerk)
    client.post(
        reverse("backoffice:engagement:enter_comment", args=[call.pk]),
        {
            "channel": "hearing",
            "received_on": TODAY.isoformat(),
            "body": "听证会上建议分档补贴。",
            "author_name": "孙八",
        },
    )
    comment = call.comments.get()
    assert comment.channel == "hearing"
    CommentCall.objects.filter(pk=call.pk).update(ends_on=TODAY - timedelta(days=1))
    client.post(reverse("backoffice:engagement:call_step", args=[call.pk, "close"]))
    data = {
        "overview": "共收到意见1条。",
        "items-TOTAL_FORMS": "3",
        "items-INITIAL_FORMS": "0",
        "items-0-topic": "补贴分档",
        "items-0-gist": "建议分档补贴",
        "items-0-decision": "adopted",
        "items-0-comment_ids": str(comment.pk),
        "submit_for_review": "1",
    }
    client.post(reverse("backoffice:engagement:save_report", args=[call.pk]), data)
    call.refresh_from_db()
    assert call.adoption_report.status == ReportStatus.IN_REVIEW
    assert list(call.adoption_report.items.get().comments.all()) == [comment]


def test_draft_can_be_edited_but_not_after_submission(client, clerk, department):
    from gongkai.engagement import services

    call = services.create_call(actor=clerk, organization=department, data=call_data())
    login(client, clerk)
    url = reverse("backoffice:engagement:edit_call", args=[call.pk])
    form = {"organization": department.pk, "title": "改过的标题", "summary": "摘要", "starts_on": TODAY.isoformat()}
    assert client.post(url, form).status_code == 302
    call.refresh_from_db()
    assert call.title == "改过的标题"
    services.submit_call(actor=clerk, call=call)
    response = client.post(url, {**form, "title": "再改"})
    assert "不能修改" in response.content.decode()
    call.refresh_from_db()
    assert call.title == "改过的标题"


def test_call_on_a_published_draft_record(client, clerk, department, make_person):
    from gongkai.publishing.models import RecordStatus
    from gongkai.publishing.tests.factories import draft, force_status

    author = make_person("clerk", department)
    unpublished = draft(department, author, title="未发布的稿子")
    published = force_status(draft(department, author, title="养老服务补贴办法（征求意见稿）"), RecordStatus.PUBLISHED)
    login(client, clerk)
    form = {"organization": department.pk, "title": "征求意见", "summary": "摘要", "starts_on": TODAY.isoformat()}
    response = client.post(reverse("backoffice:engagement:new_call"), {**form, "draft_record": unpublished.pk})
    assert "征求意见稿须是已公开发布的政府信息" in response.content.decode()
    assert not CommentCall.objects.exists()
    client.post(reverse("backoffice:engagement:new_call"), {**form, "draft_record": published.pk})
    assert CommentCall.objects.get().draft_record == published
