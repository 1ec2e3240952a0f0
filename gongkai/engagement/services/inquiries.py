"""The inquiry's life: received → (assigned) in progress → answer in review → answered; or redirected / invalid.

Every transition locks the row, checks the state and the actor's role, writes a timeline event and an audit entry
in one transaction. The clock (due date) is set at receipt from the mailbox's working days and is not restarted by
a transfer: the citizen waits for the government, not for one department.
"""

import logging
import smtplib
from datetime import date

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.orgs.models import Organization

from ..access import can, require
from ..deadlines import answer_due
from ..errors import EngagementError, EngagementErrorCode
from ..models import (
    DEFAULT_ANSWER_DAYS,
    STAFF_INQUIRY_CHANNELS,
    Inquiry,
    InquiryChannel,
    InquiryEvent,
    InquiryStatus,
    Mailbox,
    Rating,
    RedirectKind,
)
from .common import log, new_tracking_code, not_blank, personal_data_found, public_text, require_clean, wrong_state

MAX_QUESTION_CHARS = 5000
logger = logging.getLogger(__name__)


def locked(inquiry: Inquiry) -> Inquiry:
    related = Inquiry.objects.select_related("organization__region", "mailbox")
    return related.select_for_update(of=("self",)).get(pk=inquiry.pk)


def add_event(inquiry, kind, actor=None, note="", **organizations) -> None:
    InquiryEvent.objects.create(
        inquiry=inquiry, kind=kind, actor=actor if getattr(actor, "pk", None) else None, note=note, **organizations
    )


def _save(inquiry: Inquiry, *fields: str) -> None:
    inquiry.full_clean(exclude=["handler", "answered_by", "reviewed_by", "application", "mailbox", "domain"])
    inquiry.save(update_fields=list(fields) if fields else None)


def _check_question(subject: str, question: str, asker_name: str) -> tuple[str, str, str]:
    subject = not_blank(subject, _("标题"), "subject")[:200]
    question = not_blank(question, _("咨询内容"), "question")
    if len(question) > MAX_QUESTION_CHARS:
        raise EngagementError(
            EngagementErrorCode.INVALID,
            _("咨询内容不能超过 %(max)s 字，请精简后再提交。") % {"max": MAX_QUESTION_CHARS},
            field="question",
        )
    return subject, question, not_blank(asker_name, _("姓名"), "asker_name")[:50]


def _new_inquiry(*, organization, mailbox, channel, received_on: date, data: dict) -> Inquiry:
    if not organization.is_active or (mailbox is not None and not mailbox.is_active):
        raise EngagementError(EngagementErrorCode.INVALID, _("该机构或信箱已停用，请选择其他机构或信箱。"))
    subject, question, name = _check_question(data.get("subject"), data.get("question"), data.get("asker_name"))
    days = mailbox.answer_days if mailbox else DEFAULT_ANSWER_DAYS
    due_on, steps = answer_due(received_on, days, region=organization.region)
    inquiry = Inquiry(
        tracking_code=new_tracking_code(received_on.year, _code_taken),
        channel=channel,
        mailbox=mailbox,
        organization=organization,
        domain=data.get("domain"),
        subject=subject,
        question=question,
        asker_name=name,
        asker_phone=(data.get("asker_phone") or "").strip(),
        asker_email=(data.get("asker_email") or "").strip(),
        consents_to_publish=bool(data.get("consents_to_publish")),
        received_on=received_on,
        answer_days=days,
        due_on=due_on,
        due_steps=steps,
    )
    _save(inquiry)
    return inquiry


def _code_taken(code: str) -> bool:
    return Inquiry.objects.filter(tracking_code=code).exists()


@transaction.atomic
def submit_inquiry(*, organization=None, mailbox: Mailbox | None = None, data: dict, ip_address=None) -> Inquiry:
    """An inquiry from the portal (the form or a named mailbox); received today. No actor: the public."""
    organization = mailbox.organization if mailbox is not None else organization
    if organization is None:
        raise EngagementError(EngagementErrorCode.INVALID, _("请选择咨询的机构或信箱。"), field="organization")
    channel = InquiryChannel.MAILBOX if mailbox is not None else InquiryChannel.ONLINE
    inquiry = _new_inquiry(
        organization=organization, mailbox=mailbox, channel=channel, received_on=timezone.localdate(), data=data
    )
    add_event(inquiry, InquiryEvent.Kind.RECEIVED, note=inquiry.get_channel_display())
    log("inquiry.submitted", actor=None, target=inquiry, data={"channel": channel}, ip_address=ip_address)
    return inquiry


@transaction.atomic
def register_inquiry(
    *, actor, organization: Organization, channel: str, received_on: date, data: dict, mailbox=None
) -> Inquiry:
    """Staff record an inquiry that came by phone, the 12345 hotline or at a counter."""
    require(actor, organization, "handle")
    if channel not in STAFF_INQUIRY_CHANNELS:
        raise EngagementError(EngagementErrorCode.INVALID, _("请选择电话、12345热线或窗口渠道。"), field="channel")
    if received_on > timezone.localdate():
        raise EngagementError(EngagementErrorCode.INVALID, _("收到日期不能晚于今天。"), field="received_on")
    inquiry = _new_inquiry(
        organization=organization, mailbox=mailbox, channel=channel, received_on=received_on, data=data
    )
    add_event(inquiry, InquiryEvent.Kind.RECEIVED, actor, note=inquiry.get_channel_display())
    log(
        "inquiry.registered",
        actor=actor,
        target=inquiry,
        data={"channel": channel, "received_on": received_on.isoformat()},
    )
    return inquiry


@transaction.atomic
def assign_inquiry(
    *, actor, inquiry: Inquiry, organization: Organization, handler=None, note: str = "", domain=None
) -> Inquiry:
    """Route a received inquiry (the office triages), or transfer one in progress on to another organization."""
    inquiry = locked(inquiry)
    require(actor, inquiry.organization, "handle")
    if inquiry.status not in (InquiryStatus.RECEIVED, InquiryStatus.IN_PROGRESS):
        raise wrong_state(inquiry, _("分办或转办"))
    if not organization.is_active:
        raise EngagementError(EngagementErrorCode.INVALID, _("该机构已停用，不能转办。"), field="organization")
    if handler is not None and not can(handler, organization, "handle"):
        raise EngagementError(EngagementErrorCode.INVALID, _("承办人须是承办机构的工作人员。"), field="handler")
    # Routing a received inquiry is 分办 (assignment); passing one already in progress on is 转办 (transfer).
    moved_on = inquiry.status == InquiryStatus.IN_PROGRESS and organization.pk != inquiry.organization_id
    kind = InquiryEvent.Kind.TRANSFERRED if moved_on else InquiryEvent.Kind.ASSIGNED
    add_event(inquiry, kind, actor, note, from_organization=inquiry.organization, to_organization=organization)
    before = inquiry.organization
    inquiry.organization, inquiry.handler, inquiry.status = organization, handler, InquiryStatus.IN_PROGRESS
    inquiry.domain = domain or inquiry.domain  # the office classifies it for the published lists
    _save(inquiry, "organization", "handler", "status", "domain")
    verb = "transferred" if kind == InquiryEvent.Kind.TRANSFERRED else "assigned"
    log(f"inquiry.{verb}", actor=actor, target=inquiry, data={"from": before.pk, "to": organization.pk, "note": note})
    return inquiry


@transaction.atomic
def submit_answer(*, actor, inquiry: Inquiry, answer: str) -> Inquiry:
    """The handler's one-to-one answer goes to review; screening refuses blocking findings at once."""
    inquiry = locked(inquiry)
    require(actor, inquiry.organization, "handle")
    if inquiry.status not in (InquiryStatus.RECEIVED, InquiryStatus.IN_PROGRESS):
        raise wrong_state(inquiry, _("提交答复"))
    answer = not_blank(answer, _("答复内容"), "answer")
    require_clean(answer, what=_("答复内容"))
    inquiry.answer, inquiry.answered_by, inquiry.status = answer, actor, InquiryStatus.IN_REVIEW
    _save(inquiry, "answer", "answered_by", "status")
    add_event(inquiry, InquiryEvent.Kind.ANSWER_SUBMITTED, actor)
    log("inquiry.answer_submitted", actor=actor, target=inquiry)
    return inquiry


@transaction.atomic
def return_answer(*, actor, inquiry: Inquiry, reason: str) -> Inquiry:
    inquiry = locked(inquiry)
    require(actor, inquiry.organization, "review")
    if inquiry.status != InquiryStatus.IN_REVIEW:
        raise wrong_state(inquiry, _("退回答复"))
    reason = not_blank(reason, _("退回理由"), "reason")
    inquiry.status = InquiryStatus.IN_PROGRESS
    _save(inquiry, "status")
    add_event(inquiry, InquiryEvent.Kind.ANSWER_RETURNED, actor, reason)
    log("inquiry.answer_returned", actor=actor, target=inquiry, data={"reason": reason})
    return inquiry


@transaction.atomic
def approve_answer(*, actor, inquiry: Inquiry) -> Inquiry:
    """A reviewer other than the writer lets the answer go out; the asker is told by e-mail when they gave one."""
    inquiry = locked(inquiry)
    require(actor, inquiry.organization, "review")
    if inquiry.status != InquiryStatus.IN_REVIEW:
        raise wrong_state(inquiry, _("审核答复"))
    if inquiry.answered_by_id == actor.pk:
        raise EngagementError(EngagementErrorCode.SELF_REVIEW, _("不能审核自己撰写的答复，请由其他审核人审核。"))
    require_clean(inquiry.answer, what=_("答复内容"))
    inquiry.status, inquiry.reviewed_by, inquiry.answered_on = InquiryStatus.ANSWERED, actor, timezone.localdate()
    _save(inquiry, "status", "reviewed_by", "answered_on")
    add_event(inquiry, InquiryEvent.Kind.ANSWERED, actor)
    log("inquiry.answered", actor=actor, target=inquiry)
    if inquiry.asker_email:
        transaction.on_commit(lambda: _tell_asker(inquiry))
    return inquiry


def _tell_asker(inquiry: Inquiry) -> None:
    """Runs after commit: a mail server that is down must not undo or fail the answer (the code page shows it)."""
    try:
        send_mail(
            _("您的咨询已答复（查询码 %(code)s）") % {"code": inquiry.tracking_code},
            _("您咨询的“%(subject)s”已答复，请凭查询码 %(code)s 在网站“咨询查询”中查看答复并评价。")
            % {"subject": inquiry.subject, "code": inquiry.tracking_code},
            None,
            [inquiry.asker_email],
        )
    except (OSError, smtplib.SMTPException):
        logger.warning("Could not e-mail the answer notice for inquiry %s", inquiry.pk, exc_info=True)


@transaction.atomic
def redirect_inquiry(*, actor, inquiry: Inquiry, kind: str, note: str) -> Inquiry:
    """The message is in fact an application, a petition (信访) or a complaint: close it with the right guidance."""
    inquiry = locked(inquiry)
    require(actor, inquiry.organization, "handle")
    if not inquiry.is_open:
        raise wrong_state(inquiry, _("引导至其他渠道"))
    if kind not in RedirectKind.values:
        raise EngagementError(EngagementErrorCode.INVALID, _("请选择引导类别。"), field="redirect_kind")
    inquiry.status, inquiry.redirect_kind = InquiryStatus.REDIRECTED, kind
    inquiry.redirect_note = not_blank(note, _("引导说明"), "redirect_note")
    _save(inquiry, "status", "redirect_kind", "redirect_note")
    add_event(inquiry, InquiryEvent.Kind.REDIRECTED, actor, inquiry.redirect_note)
    log("inquiry.redirected", actor=actor, target=inquiry, data={"kind": kind})
    return inquiry


@transaction.atomic
def invalidate_inquiry(*, actor, inquiry: Inquiry, reason: str) -> Inquiry:
    """Spam, abuse or a repeat: recorded with the reason (a valid message may not be dropped to dodge the veto)."""
    inquiry = locked(inquiry)
    require(actor, inquiry.organization, "review")
    if not inquiry.is_open:
        raise wrong_state(inquiry, _("认定为无效留言"))
    inquiry.status, inquiry.invalid_reason = InquiryStatus.INVALID, not_blank(reason, _("无效原因"), "reason")
    _save(inquiry, "status", "invalid_reason")
    add_event(inquiry, InquiryEvent.Kind.INVALID, actor, reason)
    log("inquiry.invalidated", actor=actor, target=inquiry, data={"reason": reason})
    return inquiry


@transaction.atomic
def rate_inquiry(*, inquiry: Inquiry, rating: str, comment: str = "", ip_address=None) -> Inquiry:
    """The asker rates the answer once (满意 / 基本满意 / 不满意)."""
    inquiry = locked(inquiry)
    if inquiry.status != InquiryStatus.ANSWERED:
        raise EngagementError(EngagementErrorCode.WRONG_STATE, _("答复后才能评价。"))
    if inquiry.rating:
        raise EngagementError(EngagementErrorCode.ALREADY_ANSWERED, _("您已评价过这条答复。"))
    if rating not in Rating.values:
        raise EngagementError(EngagementErrorCode.INVALID, _("请选择满意程度。"), field="rating")
    inquiry.rating, inquiry.rating_comment, inquiry.rated_at = rating, comment.strip()[:500], timezone.now()
    _save(inquiry, "rating", "rating_comment", "rated_at")
    add_event(inquiry, InquiryEvent.Kind.RATED, note=inquiry.get_rating_display())
    log("inquiry.rated", actor=None, target=inquiry, data={"rating": rating}, ip_address=ip_address)
    return inquiry


@transaction.atomic
def publish_inquiry(*, actor, inquiry: Inquiry, as_faq: bool = False, question: str = "", answer: str = "") -> Inquiry:
    """Publish an answered inquiry whose asker consented: the name replaced, every personal detail masked.

    The office may shorten the texts (`question`, `answer`); whatever it writes is masked again and must come out
    with no personal data left, so a slip in editing cannot publish a phone number.
    """
    inquiry = locked(inquiry)
    require(actor, inquiry.organization, "manage")
    if inquiry.status != InquiryStatus.ANSWERED:
        raise wrong_state(inquiry, _("公开"))
    if not inquiry.consents_to_publish:
        raise EngagementError(EngagementErrorCode.NO_CONSENT, _("咨询人未同意公开，不能公开这条咨询。"))
    public_question = public_text(question.strip() or inquiry.question, name=inquiry.asker_name)
    public_answer = public_text(answer.strip() or inquiry.answer, name=inquiry.asker_name)
    if personal_data_found(public_question) or personal_data_found(public_answer):
        raise EngagementError(
            EngagementErrorCode.BLOCKED_BY_SCREENING, _("去除个人信息后仍发现个人信息，请手工修改公开文本。")
        )
    require_clean(public_question + "\n" + public_answer, what=_("公开文本"))
    inquiry.public_question, inquiry.public_answer, inquiry.is_faq = public_question, public_answer, as_faq
    inquiry.is_published, inquiry.published_at = True, inquiry.published_at or timezone.now()
    _save(inquiry, "public_question", "public_answer", "is_faq", "is_published", "published_at")
    add_event(inquiry, InquiryEvent.Kind.PUBLISHED, actor, _("常见问题") if as_faq else "")
    log("inquiry.published", actor=actor, target=inquiry, data={"faq": as_faq})
    return inquiry


@transaction.atomic
def unpublish_inquiry(*, actor, inquiry: Inquiry, reason: str) -> Inquiry:
    inquiry = locked(inquiry)
    require(actor, inquiry.organization, "manage")
    if not inquiry.is_published:
        raise EngagementError(EngagementErrorCode.WRONG_STATE, _("这条咨询尚未公开。"))
    reason = not_blank(reason, _("取消公开的理由"), "reason")
    inquiry.is_published, inquiry.is_faq = False, False
    _save(inquiry, "is_published", "is_faq")
    add_event(inquiry, InquiryEvent.Kind.UNPUBLISHED, actor, reason)
    log("inquiry.unpublished", actor=actor, target=inquiry, data={"reason": reason})
    return inquiry


def record_personal_data_view(*, actor, inquiry: Inquiry, ip_address=None) -> None:
    """Every look at the asker's name and contact details is logged."""
    require(actor, inquiry.organization, "view")
    log("inquiry.personal_data_viewed", actor=actor, target=inquiry, ip_address=ip_address)
