"""The inquiry's state machine: routing, transfers, answers and their review, redirection, rating, publication."""

from datetime import date

import pytest
from django.core import mail
from django.http import Http404

from gongkai.catalog.models import Domain
from gongkai.core.errors import AccessDenied
from gongkai.core.models import AuditEntry
from gongkai.engagement import services
from gongkai.engagement.access import inquiry_for_staff
from gongkai.engagement.errors import EngagementError, EngagementErrorCode
from gongkai.engagement.models import Inquiry, InquiryEvent, InquiryStatus, Rating, RedirectKind

from .factories import answered, question, register, submit

pytestmark = pytest.mark.django_db


def actions(inquiry):
    return list(
        AuditEntry.objects.filter(target_type="engagement.inquiry", target_id=str(inquiry.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_online_inquiry_gets_a_tracking_code_and_the_default_five_working_days(department):
    inquiry = submit(department)
    assert inquiry.tracking_code.startswith("ZX2026-")
    assert len(inquiry.tracking_code) == 15
    assert inquiry.status == InquiryStatus.RECEIVED
    assert inquiry.answer_days == 5
    assert actions(inquiry) == ["engagement.inquiry.submitted"]


def test_time_limit_skips_national_day_and_counts_the_adjusted_saturday(clerk, department):
    inquiry = register(clerk, department, received_on=date(2026, 9, 30))
    # 10-01..10-07 are holidays; 10-08, 10-09, Saturday 10-10 (adjusted working day), 10-12, 10-13.
    assert inquiry.due_on == date(2026, 10, 13)
    assert any("国庆节" in step for step in inquiry.due_steps)


def test_mailbox_sets_the_time_limit(office, government, department):
    mailbox = services.save_mailbox(actor=office, organization=government, name="区长信箱", kind="head", answer_days=10)
    inquiry = submit(mailbox=mailbox)
    assert inquiry.organization == government
    assert inquiry.answer_days == 10
    assert inquiry.channel == "mailbox"


def test_clerk_cannot_set_a_mailbox_time_limit(clerk, department):
    with pytest.raises(AccessDenied):
        services.save_mailbox(actor=clerk, organization=department, name="民政局信箱", answer_days=3)
    assert not AuditEntry.objects.filter(action="engagement.mailbox.saved").exists()


def test_blank_question_is_refused_and_nothing_is_saved(department):
    with pytest.raises(EngagementError) as error:
        services.submit_inquiry(organization=department, data=question(question="  "))
    assert error.value.field == "question"
    assert Inquiry.objects.count() == 0


def test_full_cycle_assign_transfer_answer_review(
    office, government, department, other_department, clerk, reviewer, django_capture_on_commit_callbacks
):
    mailbox = services.save_mailbox(actor=office, organization=government, name="区长信箱", kind="head")
    inquiry = submit(mailbox=mailbox)
    domain = Domain.objects.create(code="SHJZT", name="社会救助", is_national=True)
    services.assign_inquiry(actor=office, inquiry=inquiry, organization=other_department, domain=domain)
    services.assign_inquiry(actor=office, inquiry=inquiry, organization=department, note="属民政职责")
    inquiry.refresh_from_db()
    assert inquiry.organization == department
    assert inquiry.domain == domain
    kinds = list(inquiry.events.values_list("kind", flat=True))
    assert kinds == ["received", "assigned", "transferred"]
    services.submit_answer(actor=clerk, inquiry=inquiry, answer="请携带身份证和户口簿到街道办理。")
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_answer(actor=reviewer, inquiry=inquiry)
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.ANSWERED
    assert inquiry.answered_on is not None
    assert inquiry.reviewed_by == reviewer
    assert mail.outbox[-1].to == ["zhang@example.com"]
    assert actions(inquiry)[-2:] == ["engagement.inquiry.answer_submitted", "engagement.inquiry.answered"]


def test_reviewer_cannot_approve_own_answer(department, reviewer):
    inquiry = submit(department)
    services.submit_answer(actor=reviewer, inquiry=inquiry, answer="请到窗口咨询。")
    with pytest.raises(EngagementError) as error:
        services.approve_answer(actor=reviewer, inquiry=inquiry)
    assert error.value.code == EngagementErrorCode.SELF_REVIEW
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.IN_REVIEW


def test_clerk_cannot_approve(department, clerk, make_person):
    inquiry = submit(department)
    other = make_person("clerk", department)
    services.submit_answer(actor=other, inquiry=inquiry, answer="请到窗口咨询。")
    with pytest.raises(AccessDenied):
        services.approve_answer(actor=clerk, inquiry=inquiry)
    assert Inquiry.objects.get().status == InquiryStatus.IN_REVIEW


def test_screening_refuses_an_answer_with_an_id_number(department, clerk):
    inquiry = submit(department)
    with pytest.raises(EngagementError) as error:
        services.submit_answer(actor=clerk, inquiry=inquiry, answer="经核实，11010519491231002X 的申请已受理。")
    assert error.value.code == EngagementErrorCode.BLOCKED_BY_SCREENING
    assert "身份证号码 1 处" in error.value.message
    assert "11010519491231002X" not in error.value.message
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.answer) == (InquiryStatus.RECEIVED, "")


def test_returned_answer_goes_back_to_the_handler(department, clerk, reviewer):
    inquiry = submit(department)
    services.submit_answer(actor=clerk, inquiry=inquiry, answer="请到窗口咨询。")
    services.return_answer(actor=reviewer, inquiry=inquiry, reason="请写明窗口地址")
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.IN_PROGRESS
    assert inquiry.events.last().note == "请写明窗口地址"


def test_answered_inquiry_cannot_be_answered_again(department, clerk, reviewer):
    inquiry = answered(submit(department), handler=clerk, reviewer=reviewer)
    with pytest.raises(EngagementError) as error:
        services.submit_answer(actor=clerk, inquiry=inquiry, answer="再答一次")
    assert error.value.code == EngagementErrorCode.WRONG_STATE


def test_rating_once_after_the_answer(department, clerk, reviewer):
    inquiry = submit(department)
    with pytest.raises(EngagementError):
        services.rate_inquiry(inquiry=inquiry, rating=Rating.SATISFIED)
    answered(inquiry, handler=clerk, reviewer=reviewer)
    services.rate_inquiry(inquiry=inquiry, rating=Rating.BASICALLY, comment="还行")
    with pytest.raises(EngagementError) as error:
        services.rate_inquiry(inquiry=inquiry, rating=Rating.UNSATISFIED)
    assert error.value.code == EngagementErrorCode.ALREADY_ANSWERED
    assert Inquiry.objects.get().rating == Rating.BASICALLY


def test_publication_removes_the_name_and_masks_numbers(department, clerk, reviewer, office):
    inquiry = submit(department, question="我是张三丰，电话13812345678，想问低保材料。")
    answered(inquiry, handler=clerk, reviewer=reviewer, text="张三丰您好：需要身份证、户口簿。")
    services.publish_inquiry(actor=office, inquiry=inquiry, as_faq=True)
    inquiry.refresh_from_db()
    assert inquiry.is_published
    assert inquiry.is_faq
    assert "张三丰" not in inquiry.public_question + inquiry.public_answer
    assert "13812345678" not in inquiry.public_question
    assert "138****5678" in inquiry.public_question


def test_no_publication_without_consent(department, clerk, reviewer, office):
    inquiry = answered(submit(department, consents_to_publish=False), handler=clerk, reviewer=reviewer)
    with pytest.raises(EngagementError) as error:
        services.publish_inquiry(actor=office, inquiry=inquiry)
    assert error.value.code == EngagementErrorCode.NO_CONSENT
    assert not Inquiry.objects.get().is_published


def test_clerk_cannot_publish(department, clerk, reviewer):
    inquiry = answered(submit(department), handler=clerk, reviewer=reviewer)
    with pytest.raises(AccessDenied):
        services.publish_inquiry(actor=clerk, inquiry=inquiry)


def test_redirect_to_petition_closes_with_guidance(department, clerk):
    inquiry = submit(department)
    services.redirect_inquiry(actor=clerk, inquiry=inquiry, kind=RedirectKind.PETITION, note="请向区信访局反映。")
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.REDIRECTED
    assert inquiry.redirect_note == "请向区信访局反映。"


def test_conversion_keeps_the_receipt_date_and_links_both_ways(department, clerk):
    inquiry = submit(department)
    Inquiry.objects.filter(pk=inquiry.pk).update(received_on=date(2026, 9, 18))
    inquiry.refresh_from_db()
    application = services.convert_to_application(
        actor=clerk,
        inquiry=inquiry,
        data={"applicant_type": "natural_person", "id_type": "id_card", "id_number": "11010519491231002X"},
    )
    assert application.received_on == date(2026, 9, 18)
    assert application.due_on == date(2026, 10, 22)
    inquiry.refresh_from_db()
    assert inquiry.application == application
    assert application.inquiry == inquiry
    assert inquiry.status == InquiryStatus.REDIRECTED
    assert inquiry.events.last().kind == InquiryEvent.Kind.CONVERTED


def test_phone_inquiry_cannot_become_an_application(department, clerk):
    inquiry = register(clerk, department)
    with pytest.raises(EngagementError):
        services.convert_to_application(actor=clerk, inquiry=inquiry, data={})
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.RECEIVED
    assert inquiry.application is None


def test_staff_of_another_organization_get_not_found(department, other_clerk):
    inquiry = submit(department)
    with pytest.raises(Http404):
        inquiry_for_staff(inquiry_id=inquiry.pk, person=other_clerk)


def test_reviewer_invalidates_spam_with_reason(department, reviewer):
    inquiry = submit(department)
    with pytest.raises(EngagementError):
        services.invalidate_inquiry(actor=reviewer, inquiry=inquiry, reason="")
    services.invalidate_inquiry(actor=reviewer, inquiry=inquiry, reason="广告信息")
    assert Inquiry.objects.get().status == InquiryStatus.INVALID
