"""A call for comments, following 定远's process: collect → approve → publish → review → feedback → archive.

collect: the organization drafts the call (`create_call`, `update_call`, attachments) and `submit_call`s it;
approve: a reviewer other than the submitter `approve_call`s; publish: the office `publish_call`es it (comments are
taken from `starts_on` to `ends_on`); review: after the end date `close_call` starts the assessment and the adoption
report is written; feedback: the report, reviewed by someone other than its writer, is published with
`publish_feedback`; archive: `archive_call`. Each step locks the call, checks state and role, and is audited.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core.files import save_file
from gongkai.publishing.selectors import published_records
from gongkai.publishing.signals import record_changed, send_after_commit
from gongkai.publishing.uploads import check_upload, read_all

from ..access import require
from ..errors import EngagementError, EngagementErrorCode
from ..models import DEFAULT_CALL_DAYS, CallAttachment, CallStatus, CommentCall
from .common import log, not_blank, require_clean, wrong_state

MAX_CALL_DAYS = 366


def locked(call: CommentCall) -> CommentCall:
    return CommentCall.objects.select_for_update().select_related("organization__region").get(pk=call.pk)


def call_dates(starts_on: date, ends_on: date | None) -> tuple[date, date]:
    """The default period is 30 days (《重大行政决策程序暂行条例》第十五条), ending 30 days after the start."""
    ends_on = ends_on or starts_on + timedelta(days=DEFAULT_CALL_DAYS)
    if ends_on < starts_on:
        raise EngagementError(EngagementErrorCode.INVALID, _("截止日期不能早于开始日期。"), field="ends_on")
    if (ends_on - starts_on).days > MAX_CALL_DAYS:
        raise EngagementError(EngagementErrorCode.INVALID, _("征集期限不能超过一年。"), field="ends_on")
    return starts_on, ends_on


def _published_draft(record):
    """The draft must be a published record (征求意见稿 are published like any record), or nothing."""
    if record is not None and not published_records().filter(pk=record.pk).exists():
        message = _("征求意见稿须是已公开发布的政府信息。")
        raise EngagementError(EngagementErrorCode.INVALID, message, field="draft_record")
    return record


def _fill(call: CommentCall, data: dict) -> None:
    call.title = not_blank(data.get("title"), _("标题"), "title")
    call.summary = not_blank(data.get("summary"), _("内容摘要"), "summary")
    call.explanation = (data.get("explanation") or "").strip()
    call.draft_text = (data.get("draft_text") or "").strip()
    if "draft_record" in data:
        call.draft_record = _published_draft(data["draft_record"])
    call.is_moderated = bool(data.get("is_moderated", True))
    call.starts_on, call.ends_on = call_dates(data["starts_on"], data.get("ends_on"))
    require_clean("\n".join((call.title, call.summary, call.explanation, call.draft_text)), what=_("征集内容"))


@transaction.atomic
def create_call(*, actor, organization, data: dict) -> CommentCall:
    require(actor, organization, "handle")
    call = CommentCall(organization=organization, created_by=actor)
    _fill(call, data)
    call.full_clean()
    call.save()
    log("call.created", actor=actor, target=call, data={"starts_on": str(call.starts_on), "ends_on": str(call.ends_on)})
    return call


@transaction.atomic
def update_call(*, actor, call: CommentCall, data: dict) -> CommentCall:
    call = locked(call)
    require(actor, call.organization, "handle")
    if call.status != CallStatus.DRAFT:
        raise wrong_state(call, _("修改"))
    _fill(call, data)
    call.full_clean()
    call.save()
    log("call.updated", actor=actor, target=call)
    return call


@transaction.atomic
def add_call_attachment(*, actor, call: CommentCall, upload, title: str = "") -> CallAttachment:
    """A file checked by its content (PDF, .docx, .xlsx, images), as publishing checks record attachments."""
    call = locked(call)
    require(actor, call.organization, "handle")
    if call.status not in (CallStatus.DRAFT, CallStatus.PENDING_APPROVAL):
        raise wrong_state(call, _("上传附件"))
    name = getattr(upload, "name", "") or "attachment"
    checked = check_upload(upload, name)
    data = read_all(upload)
    attachment = CallAttachment(
        call=call, title=(title or name).strip()[:200], content_type=checked.content_type, size=checked.size
    )
    save_file(attachment.file, f"{attachment.public_id}{checked.extension}", data)
    attachment.save()
    log("call.attachment_added", actor=actor, target=call, data={"title": attachment.title, "size": checked.size})
    return attachment


def _transition(call, *, actor, permission: str, source: tuple, target: str, label: str):
    call = locked(call)
    require(actor, call.organization, permission)
    if call.status not in source:
        raise wrong_state(call, label)
    call.status = target
    return call


@transaction.atomic
def submit_call(*, actor, call: CommentCall) -> CommentCall:
    call = _transition(
        call,
        actor=actor,
        permission="handle",
        source=(CallStatus.DRAFT,),
        target=CallStatus.PENDING_APPROVAL,
        label=_("提交审批"),
    )
    call.submitted_by = actor
    call.save(update_fields=["status", "submitted_by"])
    log("call.submitted", actor=actor, target=call)
    return call


@transaction.atomic
def approve_call(*, actor, call: CommentCall) -> CommentCall:
    call = _transition(
        call,
        actor=actor,
        permission="review",
        source=(CallStatus.PENDING_APPROVAL,),
        target=CallStatus.APPROVED,
        label=_("审批"),
    )
    if call.submitted_by_id == actor.pk:
        raise EngagementError(EngagementErrorCode.SELF_REVIEW, _("不能审批自己提交的意见征集。"))
    call.approved_by = actor
    call.save(update_fields=["status", "approved_by"])
    log("call.approved", actor=actor, target=call)
    return call


@transaction.atomic
def publish_call(*, actor, call: CommentCall) -> CommentCall:
    call = _transition(
        call, actor=actor, permission="manage", source=(CallStatus.APPROVED,), target=CallStatus.OPEN, label=_("公开")
    )
    if call.ends_on < timezone.localdate():
        raise EngagementError(
            EngagementErrorCode.INVALID, _("截止日期已过，请退回修改征集期限后再公开。"), field="ends_on"
        )
    call.published_at = timezone.now()
    call.save(update_fields=["status", "published_at"])
    log("call.published", actor=actor, target=call)
    return call


@transaction.atomic
def close_call(*, actor, call: CommentCall) -> CommentCall:
    """After the end date the comments are assessed (评议) and the adoption report is written."""
    call = _transition(
        call,
        actor=actor,
        permission="handle",
        source=(CallStatus.OPEN,),
        target=CallStatus.REVIEWING,
        label=_("结束征集"),
    )
    if call.ends_on >= timezone.localdate():
        raise EngagementError(
            EngagementErrorCode.CALL_NOT_OPEN,
            _("征集截止日期为 %(day)s，截止后才能结束征集并开始评议。") % {"day": call.ends_on.isoformat()},
        )
    call.save(update_fields=["status"])
    log("call.closed", actor=actor, target=call)
    return call


@transaction.atomic
def archive_call(*, actor, call: CommentCall) -> CommentCall:
    call = _transition(
        call,
        actor=actor,
        permission="manage",
        source=(CallStatus.FEEDBACK_PUBLISHED,),
        target=CallStatus.ARCHIVED,
        label=_("归档"),
    )
    call.archived_at = timezone.now()
    call.save(update_fields=["status", "archived_at"])
    log("call.archived", actor=actor, target=call)
    return call


@transaction.atomic
def link_final_policy(*, actor, call: CommentCall, record) -> CommentCall:
    """The call links to the policy as finally published (and the policy's page back to the call)."""
    call = locked(call)
    require(actor, call.organization, "handle")
    if call.status not in (CallStatus.REVIEWING, CallStatus.FEEDBACK_PUBLISHED, CallStatus.ARCHIVED):
        raise wrong_state(call, _("关联正式文件"))
    if not published_records().filter(pk=record.pk).exists():
        raise EngagementError(EngagementErrorCode.INVALID, _("只能关联已公开发布的政策文件。"), field="final_policy")
    previous = call.final_policy_id
    call.final_policy = record
    call.save(update_fields=["final_policy"])
    log("call.policy_linked", actor=actor, target=call, data={"record": record.pk})
    # The policy's public page (and its static file) lists the calls linking to it; so did the previous one's.
    for record_id in {record.pk, previous} - {None}:
        send_after_commit(record_changed, record_id)
    return call
