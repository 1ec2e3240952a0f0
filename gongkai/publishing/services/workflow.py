"""The review workflow: draft → submitted → reviewed → cleared → published (now or scheduled) → corrected /
withdrawn / taken offline, with rejection back to draft and the office's emergency publication.

Every transition locks the record, checks the actor's role and the source state against `publishing.rules` (the
same rules the back office's buttons come from), and changes nothing when a rule refuses it. "Nobody approves
their own work": the author or submitter can neither review nor clear a record.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit

from ..checks import run_checks
from ..errors import PublishingError, PublishingErrorCode
from ..models import Attribute, Record, RecordStatus, RevisionKind
from ..rules import authorize, illegal, require_allowed_role
from ..signals import record_changed, record_published, record_withdrawn, send_after_commit
from .common import add_revision, locked, require_text
from .editing import FIELDS, apply, refresh_derived, set_relations, validate
from .interpretation import require_interpretation, require_video
from .numbering import allocate_index_number

S = RecordStatus


def refuse_own_work(record: Record, actor, what: str) -> None:
    if actor is not None and actor.pk in {record.created_by_id, record.submitted_by_id}:
        raise PublishingError(
            PublishingErrorCode.SELF_APPROVAL,
            _("不能%(what)s自己起草或提交的信息，请由本机构其他有权限的人员办理。") % {"what": what},
        )


def log(action: str, record: Record, actor, **data) -> None:
    audit.log(f"publishing.record.{action}", actor=actor, target=record, organization=record.organization, data=data)


def run_blocking_checks(record: Record, actor, *, warnings_must_be_acknowledged: bool):
    report = run_checks(record=record, actor=actor)
    if report.blocking:
        raise PublishingError(
            PublishingErrorCode.BLOCKING_FINDINGS,
            _("内容预审发现 %(count)s 个必须修改的问题（如：%(first)s），修改后才能继续。")
            % {"count": len(report.blocking), "first": report.blocking[0].message},
        )
    if warnings_must_be_acknowledged and report.unacknowledged_warnings:
        raise PublishingError(
            PublishingErrorCode.UNACKNOWLEDGED_WARNINGS,
            _("内容预审有 %(count)s 个提示尚未确认（如：%(first)s），请逐条确认后再发布。")
            % {"count": len(report.unacknowledged_warnings), "first": report.unacknowledged_warnings[0].message},
        )
    return report


@transaction.atomic
def check_record(*, record: Record, actor):
    """Run the registered checks now and keep their findings (the back office shows them on the record page)."""
    require_allowed_role(actor, record, "check")
    return run_checks(record=record, actor=actor)


@transaction.atomic
def submit_record(*, record: Record, actor) -> Record:
    record = locked(record)
    authorize(actor, record, "submit")
    require_video(record)
    run_blocking_checks(record, actor, warnings_must_be_acknowledged=False)
    record.status = S.SUBMITTED
    record.submitted_by, record.submitted_at = actor, timezone.now()
    record.rejection_comment = ""
    record.save(update_fields=["status", "submitted_by", "submitted_at", "rejection_comment", "updated_at"])
    log("submitted", record, actor)
    return record


@transaction.atomic
def approve_record(*, record: Record, actor, comment: str = "") -> Record:
    """The reviewer in charge (分管领导) approves the content."""
    record = locked(record)
    authorize(actor, record, "approve")
    refuse_own_work(record, actor, _("审核"))
    record.status = S.REVIEWED
    record.reviewed_by, record.reviewed_at = actor, timezone.now()
    record.save(update_fields=["status", "reviewed_by", "reviewed_at", "updated_at"])
    log("reviewed", record, actor, comment=comment.strip())
    return record


@transaction.atomic
def clear_record(*, record: Record, actor, comment: str = "") -> Record:
    """The confidentiality officer finds nothing secret in the record (保密审查)."""
    record = locked(record)
    authorize(actor, record, "clear")
    refuse_own_work(record, actor, _("保密审查"))
    record.status = S.CLEARED
    record.cleared_by, record.cleared_at = actor, timezone.now()
    record.save(update_fields=["status", "cleared_by", "cleared_at", "updated_at"])
    log("cleared", record, actor, comment=comment.strip())
    return record


@transaction.atomic
def reject_record(*, record: Record, actor, comment: str) -> Record:
    """Send a record back to its author as a draft, with a comment saying what to change."""
    record = locked(record)
    authorize(actor, record, "reject")
    comment = require_text(comment, _("退回时请写明需要修改的内容。"), "comment")
    previous = record.status
    record.status = S.DRAFT
    record.rejection_comment = comment
    record.scheduled_for = None
    record.published_by = None  # whoever scheduled it; the record was never public
    record.reviewed_by = record.reviewed_at = record.cleared_by = record.cleared_at = None
    record.save()
    log("rejected", record, actor, comment=comment, previous=previous)
    return record


def publish_now(record: Record, actor, at: datetime, *, action: str = "published", **data) -> Record:
    require_interpretation(record)
    require_video(record)
    if record.attribute != Attribute.ACTIVE:
        raise PublishingError(
            PublishingErrorCode.NOT_ACTIVE_DISCLOSURE,
            _("公开属性为“%(attribute)s”的信息不能在网站发布。") % {"attribute": Attribute(record.attribute).label},
        )
    first = record.index_number is None
    if first:
        record.index_number = allocate_index_number(organization=record.organization, at=at)
        record.published_at = at
        record.published_late = bool(record.due_on and timezone.localdate(at) > record.due_on)
    record.status = S.PUBLISHED
    record.scheduled_for = None
    record.published_by = record.published_by or actor
    record.save()
    add_revision(record, kind=RevisionKind.PUBLISHED, actor=actor or record.published_by)
    log(action, record, actor, index_number=record.index_number, late=record.published_late, **data)
    send_after_commit(record_published, record.pk)
    return record


@transaction.atomic
def publish_record(*, record: Record, actor, at: datetime | None = None) -> Record:
    """Publish a cleared record now, or schedule it for `at` (the `publish-due` command publishes it then)."""
    record = locked(record)
    authorize(actor, record, "publish")
    now = timezone.now()
    if at is not None and at < now - timedelta(minutes=1):
        raise PublishingError(PublishingErrorCode.SCHEDULE_IN_PAST, _("定时发布时间不能早于现在。"), field="at")
    run_blocking_checks(record, actor, warnings_must_be_acknowledged=True)
    if at is not None and at > now:
        record.status = S.SCHEDULED
        record.scheduled_for = at
        record.published_by = actor
        record.save(update_fields=["status", "scheduled_for", "published_by", "updated_at"])
        log("scheduled", record, actor, at=at.isoformat())
        return record
    record.published_by = actor
    return publish_now(record, actor, now)


@transaction.atomic
def unschedule_record(*, record: Record, actor) -> Record:
    record = locked(record)
    authorize(actor, record, "unschedule")
    record.status = S.CLEARED
    record.scheduled_for = None
    record.published_by = None
    record.save(update_fields=["status", "scheduled_for", "published_by", "updated_at"])
    log("unscheduled", record, actor)
    return record


@transaction.atomic
def publish_scheduled_record(*, record: Record, now: datetime | None = None) -> Record:
    """Publish one scheduled record whose time has come (run by the `publish-due` command, no person acting)."""
    record = locked(record)
    authorize(None, record, "publish_scheduled")
    now = now or timezone.now()
    if record.scheduled_for is None or record.scheduled_for > now:
        raise illegal(record, _("提前发布"))
    run_blocking_checks(record, record.published_by, warnings_must_be_acknowledged=True)
    return publish_now(record, None, now, scheduled_by=record.published_by_id)


@transaction.atomic
def emergency_publish_record(*, record: Record, actor, reason: str) -> Record:
    """The disclosure office publishes at once, skipping review; the record stays flagged until reviewed after."""
    record = locked(record)
    authorize(actor, record, "emergency_publish")
    reason = require_text(reason, _("紧急发布必须写明理由。"), "reason")
    run_blocking_checks(record, actor, warnings_must_be_acknowledged=False)
    record.emergency = True
    record.emergency_reason = reason
    record.published_by = actor
    return publish_now(record, actor, timezone.now(), action="emergency_published", reason=reason)


@transaction.atomic
def review_emergency_publication(*, record: Record, actor, comment: str = "") -> Record:
    """A reviewer or confidentiality officer checks an emergency publication afterwards and lifts its flag."""
    record = locked(record)
    require_allowed_role(actor, record, "review_emergency")
    if not record.awaits_emergency_review:
        raise PublishingError(PublishingErrorCode.NOT_EMERGENCY, _("这条信息不是待补审的紧急发布信息。"))
    if actor.pk == record.published_by_id:
        raise PublishingError(PublishingErrorCode.SELF_APPROVAL, _("紧急发布人不能补审自己发布的信息。"))
    record.emergency_reviewed_at, record.emergency_reviewed_by = timezone.now(), actor
    record.save(update_fields=["emergency_reviewed_at", "emergency_reviewed_by", "updated_at"])
    log("emergency_reviewed", record, actor, comment=comment.strip())
    return record


@transaction.atomic
def correct_record(*, record: Record, actor, change_note: str, **fields) -> Record:
    """Correct a published record: a new revision whose change note is shown to the public."""
    record = locked(record)
    authorize(actor, record, "correct")
    change_note = require_text(change_note, _("更正必须写明更正说明，它会在信息页面上公开。"), "change_note")
    before = {name: getattr(record, name) for name in FIELDS}
    relations = apply(record, fields)
    validate(record, relations)
    changed = sorted(name for name in FIELDS if before[name] != getattr(record, name)) + sorted(relations)
    if not changed:
        raise PublishingError(PublishingErrorCode.NOTHING_CHANGED, _("内容没有任何变化，无需更正。"))
    record.corrected_at = timezone.now()
    record.save()
    set_relations(record, relations)
    refresh_derived(record)
    run_blocking_checks(record, actor, warnings_must_be_acknowledged=True)
    add_revision(record, kind=RevisionKind.CORRECTED, actor=actor, change_note=change_note, is_public=True)
    log("corrected", record, actor, fields=changed, change_note=change_note)
    send_after_commit(record_changed, record.pk)
    return record


@transaction.atomic
def withdraw_record(*, record: Record, actor, reason: str) -> Record:
    """Take a record off the public lists; its page then says that, when and why it was withdrawn."""
    record = locked(record)
    authorize(actor, record, "withdraw")
    reason = require_text(reason, _("撤回必须写明理由，它会在信息页面上公开。"), "reason")
    record.status = S.WITHDRAWN
    record.withdrawn_at, record.withdrawn_by, record.withdrawal_reason = timezone.now(), actor, reason
    record.save(update_fields=["status", "withdrawn_at", "withdrawn_by", "withdrawal_reason", "updated_at"])
    log("withdrawn", record, actor, reason=reason)
    send_after_commit(record_withdrawn, record.pk)
    return record


@transaction.atomic
def expire_record(*, record: Record, actor=None, today=None) -> Record:
    """Take a record whose display period ended off the public lists (by a person, or by `publish-due`)."""
    record = locked(record)
    authorize(actor, record, "expire")
    if actor is None and not (record.display_until and record.display_until < (today or timezone.localdate())):
        raise illegal(record, _("在公示期内下线"))
    record.status = S.TAKEN_OFFLINE
    record.expired_at = timezone.now()
    record.save(update_fields=["status", "expired_at", "updated_at"])
    log("expired", record, actor, display_until=record.display_until.isoformat() if record.display_until else "")
    send_after_commit(record_withdrawn, record.pk)
    return record


def publish_due(*, now: datetime | None = None) -> dict:
    """Publish every scheduled record whose time has come and take expired displays down; one transaction each.

    Returns {"published": [ids], "expired": [ids], "failed": [(id, message)]}; a failure leaves that record as it was.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    result = {"published": [], "expired": [], "failed": []}
    due = Record.objects.filter(status=S.SCHEDULED, scheduled_for__lte=now).order_by("scheduled_for", "pk")
    for record in due:
        try:
            publish_scheduled_record(record=record, now=now)
            result["published"].append(record.pk)
        except PublishingError as error:
            result["failed"].append((record.pk, error.message))
    ended = Record.objects.filter(status=S.PUBLISHED, display_until__lt=today).order_by("pk")
    for record in ended:
        expire_record(record=record, today=today)
        result["expired"].append(record.pk)
    return result
