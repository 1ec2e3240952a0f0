"""The engagement demo step: every state, overdue and veto-risk inquiries, calls, a survey; rerunning adds nothing."""

import io

import pytest
from django.utils import timezone

from gongkai.core.demo import DemoContext
from gongkai.engagement import demo, selectors
from gongkai.engagement.models import CallStatus, CommentCall, Inquiry, InquiryStatus, Mailbox, Response, Survey
from gongkai.orgs import demo as orgs_demo

pytestmark = pytest.mark.django_db


def test_demo_covers_every_state_and_is_idempotent():
    context = DemoContext(stdout=io.StringIO())
    orgs_demo.build(context)
    demo.build(context)
    today = timezone.localdate()
    assert Mailbox.objects.count() == 6
    assert Inquiry.objects.count() == 80
    assert set(Inquiry.objects.values_list("status", flat=True)) == set(InquiryStatus.values)
    assert set(Inquiry.objects.values_list("channel", flat=True)) == {
        "online",
        "mailbox",
        "phone",
        "hotline",
        "counter",
    }
    assert selectors.overdue(Inquiry.objects.all(), today).count() >= 6
    assert selectors.veto_risks(Inquiry.objects.all(), today).count() == 1
    assert selectors.published_inquiries(faq=True).exists()
    assert Inquiry.objects.filter(application__isnull=False).count() == 1
    assert sorted(CommentCall.objects.values_list("status", flat=True)) == [
        CallStatus.FEEDBACK_PUBLISHED,
        CallStatus.OPEN,
        CallStatus.OPEN,
    ]
    assert selectors.published_report(CommentCall.objects.get(status=CallStatus.FEEDBACK_PUBLISHED)) is not None
    survey = Survey.objects.get()
    assert survey.status == "published"
    assert set(Response.objects.values_list("channel", flat=True)) == {
        "online",
        "window",
        "service_center",
        "community_center",
    }
    counts = (Inquiry.objects.count(), CommentCall.objects.count(), Response.objects.count())
    demo.build(context)
    assert (Inquiry.objects.count(), CommentCall.objects.count(), Response.objects.count()) == counts
