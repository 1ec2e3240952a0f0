"""Comments on a call and the adoption report (采纳情况反馈).

Every comment is screened: the public only ever sees `public_body` (personal data masked); a comment with a
blocking finding (a secrecy marking, a blocked sensitive word) waits for moderation even when the call shows
comments at once. Who wrote a comment and how to reach them are never shown.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.screening.detectors import scan
from gongkai.screening.kinds import Severity

from ..access import require
from ..errors import EngagementError, EngagementErrorCode
from ..models import (
    Adoption,
    AdoptionItem,
    AdoptionReport,
    CallStatus,
    Comment,
    CommentCall,
    CommentChannel,
    CommentStatus,
    ReportStatus,
)
from .calls import locked as locked_call
from .common import log, masked, not_blank, require_clean, wrong_state

MAX_COMMENT_CHARS = 5000


def _status_for(call: CommentCall, body: str) -> str:
    blocked = any(
        detection.severity == Severity.BLOCK and detection.kind not in ("id_card", "mobile", "bank_card")
        for detection in scan(body)
    )
    return CommentStatus.PENDING if call.is_moderated or blocked else CommentStatus.SHOWN


def _new_comment(call, *, channel, body, received_on, author_name="", author_contact="", entered_by=None) -> Comment:
    body = not_blank(body, _("意见内容"), "body")
    if len(body) > MAX_COMMENT_CHARS:
        raise EngagementError(
            EngagementErrorCode.INVALID, _("意见不能超过 %(max)s 字。") % {"max": MAX_COMMENT_CHARS}, field="body"
        )
    comment = Comment(
        call=call,
        channel=channel,
        body=body,
        public_body=masked(body),
        status=_status_for(call, body),
        received_on=received_on,
        author_name=author_name.strip()[:100],
        author_contact=author_contact.strip()[:100],
        entered_by=entered_by,
    )
    comment.full_clean(exclude=["entered_by"])
    comment.save()
    return comment


@transaction.atomic
def submit_comment(
    *, call: CommentCall, body: str, author_name: str = "", author_contact: str = "", ip_address=None
) -> Comment:
    """A comment from the portal, accepted only while the call is open (start to end date inclusive)."""
    call = locked_call(call)
    today = timezone.localdate()
    if call.status != CallStatus.OPEN or not call.starts_on <= today <= call.ends_on:
        raise EngagementError(EngagementErrorCode.CALL_NOT_OPEN, _("该征集不在征集期内，不能提交意见。"))
    comment = _new_comment(
        call,
        channel=CommentChannel.ONLINE,
        body=body,
        received_on=today,
        author_name=author_name,
        author_contact=author_contact,
    )
    log(
        "comment.submitted",
        actor=None,
        target=call,
        data={"comment": comment.pk, "status": comment.status},
        ip_address=ip_address,
    )
    return comment


@transaction.atomic
def enter_comment(
    *, actor, call: CommentCall, channel: str, body: str, received_on: date, author_name: str = ""
) -> Comment:
    """Staff enter a comment received on paper, by mail or at a symposium or hearing."""
    call = locked_call(call)
    require(actor, call.organization, "handle")
    if call.status not in (CallStatus.OPEN, CallStatus.REVIEWING):
        raise wrong_state(call, _("录入意见"))
    if channel not in CommentChannel.values or channel == CommentChannel.ONLINE:
        raise EngagementError(EngagementErrorCode.INVALID, _("请选择书面、信函、座谈会或听证会渠道。"), field="channel")
    if received_on > timezone.localdate() or received_on < call.starts_on:
        raise EngagementError(
            EngagementErrorCode.INVALID, _("收到日期应在征集开始之后、今天之前。"), field="received_on"
        )
    comment = _new_comment(
        call, channel=channel, body=body, received_on=received_on, author_name=author_name, entered_by=actor
    )
    log("comment.entered", actor=actor, target=call, data={"comment": comment.pk, "channel": channel})
    return comment


@transaction.atomic
def moderate_comment(*, actor, comment: Comment, show: bool, note: str = "") -> Comment:
    comment = Comment.objects.select_for_update().select_related("call__organization").get(pk=comment.pk)
    require(actor, comment.call.organization, "handle")
    if show:
        require_clean(comment.public_body, what=_("意见内容"))
    comment.status = CommentStatus.SHOWN if show else CommentStatus.HIDDEN
    comment.moderation_note = note.strip()[:300]
    comment.save(update_fields=["status", "moderation_note"])
    log("comment.moderated", actor=actor, target=comment.call, data={"comment": comment.pk, "show": show})
    return comment


def _check_items(call: CommentCall, items: list[dict]) -> list[dict]:
    if not items:
        raise EngagementError(EngagementErrorCode.INVALID, _("请至少填写一条意见的采纳情况。"), field="items")
    known = set(call.comments.values_list("pk", flat=True))
    for number, item in enumerate(items, start=1):
        if not (item.get("topic") or "").strip() or not (item.get("gist") or "").strip():
            raise EngagementError(
                EngagementErrorCode.INVALID, _("第%(n)s条：请填写意见归类和意见摘要。") % {"n": number}, field="items"
            )
        if item.get("decision") not in Adoption.values:
            raise EngagementError(
                EngagementErrorCode.INVALID,
                _("第%(n)s条：请选择采纳、部分采纳或未采纳。") % {"n": number},
                field="items",
            )
        if item["decision"] != Adoption.ADOPTED and not (item.get("reason") or "").strip():
            raise EngagementError(
                EngagementErrorCode.INVALID,
                _("第%(n)s条：部分采纳或未采纳的，须说明理由。") % {"n": number},
                field="items",
            )
        if not set(item.get("comment_ids") or []) <= known:
            raise EngagementError(
                EngagementErrorCode.INVALID, _("第%(n)s条：引用了不属于本征集的意见。") % {"n": number}, field="items"
            )
    return items


@transaction.atomic
def save_adoption_report(*, actor, call: CommentCall, overview: str, items: list[dict]) -> AdoptionReport:
    """Write (or rewrite) the report while the call is under review; its items replace the previous ones."""
    call = locked_call(call)
    require(actor, call.organization, "handle")
    if call.status != CallStatus.REVIEWING:
        raise wrong_state(call, _("撰写采纳情况反馈"))
    items = _check_items(call, items)
    overview = not_blank(overview, _("总体情况"), "overview")
    require_clean(
        overview + "\n" + "\n".join(f"{i['topic']}\n{i['gist']}\n{i.get('reason', '')}" for i in items),
        what=_("采纳情况反馈"),
    )
    report, _created = AdoptionReport.objects.get_or_create(
        call=call, defaults={"overview": overview, "written_by": actor}
    )
    if report.status == ReportStatus.PUBLISHED:
        raise EngagementError(EngagementErrorCode.WRONG_STATE, _("采纳情况反馈已公开，不能再修改。"))
    report.overview, report.written_by, report.status = overview, actor, ReportStatus.DRAFT
    report.save()
    report.items.filter(is_current=True).update(is_current=False)  # kept, never deleted: the draft's history
    for position, item in enumerate(items):
        row = AdoptionItem.objects.create(
            report=report,
            position=position,
            topic=item["topic"].strip(),
            gist=item["gist"].strip(),
            decision=item["decision"],
            reason=(item.get("reason") or "").strip(),
        )
        row.comments.set(item.get("comment_ids") or [])
    log("report.saved", actor=actor, target=call, data={"items": len(items)})
    return report


@transaction.atomic
def submit_adoption_report(*, actor, call: CommentCall) -> AdoptionReport:
    call = locked_call(call)
    require(actor, call.organization, "handle")
    report = AdoptionReport.objects.select_for_update().filter(call=call).first()
    if report is None or report.status != ReportStatus.DRAFT:
        raise EngagementError(EngagementErrorCode.WRONG_STATE, _("没有待提交的采纳情况反馈草稿。"))
    report.status = ReportStatus.IN_REVIEW
    report.save(update_fields=["status"])
    log("report.submitted", actor=actor, target=call)
    return report


@transaction.atomic
def publish_feedback(*, actor, call: CommentCall) -> CommentCall:
    """The reviewed adoption report goes on the call page (feedback, 反馈); its writer cannot review it."""
    call = locked_call(call)
    require(actor, call.organization, "review")
    report = AdoptionReport.objects.select_for_update().filter(call=call).first()
    if call.status != CallStatus.REVIEWING or report is None or report.status != ReportStatus.IN_REVIEW:
        raise EngagementError(EngagementErrorCode.WRONG_STATE, _("采纳情况反馈提交审核后才能公开。"))
    if report.written_by_id == actor.pk:
        raise EngagementError(EngagementErrorCode.SELF_REVIEW, _("不能审核自己撰写的采纳情况反馈。"))
    report.status, report.reviewed_by, report.published_at = ReportStatus.PUBLISHED, actor, timezone.now()
    report.save(update_fields=["status", "reviewed_by", "published_at"])
    call.status = CallStatus.FEEDBACK_PUBLISHED
    call.save(update_fields=["status"])
    log("call.feedback_published", actor=actor, target=call)
    return call
