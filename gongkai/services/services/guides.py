"""A guide's life: draft → submitted for review → in force → retired; edits of an in-force guide take effect at
once, except a change of the legal basis or the statutory time limit, which waits for a reviewer (like a record's
review: nobody approves their own submission). Every version in force is kept."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit

from ..errors import ServicesError, ServicesErrorCode
from ..guidedata import REVIEWED_FIELDS, apply, changed_fields, normalized, snapshot
from ..models import Guide, GuideChange, GuideChangeStatus, GuideStatus
from .common import add_version, announce, locked, require_approver, require_editor, require_state, validate


@transaction.atomic
def create_guide(*, organization, data: dict, actor) -> Guide:
    guide = Guide(organization=organization)
    require_editor(actor, guide)
    data = normalized(data)
    validate(data, complete=False, organization=organization)
    apply(guide, data)
    guide.save()
    audit.log("services.guide.created", actor=actor, target=guide, organization=organization)
    return guide


@transaction.atomic
def update_guide(*, guide: Guide, data: dict, actor, note: str = "") -> Guide | GuideChange:
    """Edit a draft, or an in-force guide. Returns the guide, or the pending change when review is needed."""
    guide = locked(guide)
    require_editor(actor, guide)
    require_state(guide, {GuideStatus.DRAFT, GuideStatus.IN_FORCE}, _("修改"))
    data = normalized(data)
    before = snapshot(guide)
    changed = changed_fields(before, data)
    if not changed:
        raise ServicesError(ServicesErrorCode.NOTHING_CHANGED, _("没有任何修改。"))
    complete = guide.status == GuideStatus.IN_FORCE
    validate(data, complete=complete, organization=guide.organization, exclude_id=guide.pk)
    if complete and set(changed) & set(REVIEWED_FIELDS):
        return propose_change(guide=guide, data=data, actor=actor, note=note, changed=changed)
    apply(guide, data)
    if complete:
        add_version(guide, actor=actor, note=note)
    guide.save()
    audit.log("services.guide.updated", actor=actor, target=guide, organization=guide.organization,
              data={"fields": changed, "version": guide.version})  # fmt: skip
    if complete:
        announce(guide.pk)
    return guide


def propose_change(*, guide: Guide, data: dict, actor, note: str, changed: list[str]) -> GuideChange:
    if GuideChange.objects.filter(guide=guide, status=GuideChangeStatus.PENDING).exists():
        raise ServicesError(
            ServicesErrorCode.PENDING_CHANGE,
            _("办事指南“%(name)s”已有一项待审核的变更，请等待审核后再修改。") % {"name": guide.name},
        )
    change = GuideChange.objects.create(guide=guide, data=data, note=note[:300], proposed_by=actor)
    audit.log("services.guide_change.proposed", actor=actor, target=guide, organization=guide.organization,
              data={"change": change.pk, "fields": changed})  # fmt: skip
    return change


@transaction.atomic
def submit_guide(*, guide: Guide, actor) -> Guide:
    guide = locked(guide)
    require_editor(actor, guide)
    require_state(guide, {GuideStatus.DRAFT}, _("提交审核"))
    validate(snapshot(guide), complete=True, organization=guide.organization, exclude_id=guide.pk)
    guide.status, guide.submitted_by = GuideStatus.PENDING, actor
    guide.save(update_fields=["status", "submitted_by", "updated_at"])
    audit.log("services.guide.submitted", actor=actor, target=guide, organization=guide.organization)
    return guide


@transaction.atomic
def approve_guide(*, guide: Guide, actor) -> Guide:
    guide = locked(guide)
    require_approver(actor, guide, guide.submitted_by_id)
    require_state(guide, {GuideStatus.PENDING}, _("审核通过"))
    validate(snapshot(guide), complete=True, organization=guide.organization, exclude_id=guide.pk)
    guide.status = GuideStatus.IN_FORCE
    add_version(guide, actor=guide.submitted_by, approved_by=actor, note=_("审核通过"))
    guide.save(update_fields=["status", "version", "updated_at"])
    audit.log("services.guide.approved", actor=actor, target=guide, organization=guide.organization,
              data={"version": guide.version})  # fmt: skip
    announce(guide.pk)
    return guide


@transaction.atomic
def return_guide(*, guide: Guide, actor, reason: str) -> Guide:
    guide = locked(guide)
    require_approver(actor, guide, None)
    require_state(guide, {GuideStatus.PENDING}, _("退回"))
    if not reason.strip():
        raise ServicesError(ServicesErrorCode.INVALID, _("请写明退回理由。"), field="reason")
    guide.status = GuideStatus.DRAFT
    guide.save(update_fields=["status", "updated_at"])
    audit.log("services.guide.returned", actor=actor, target=guide, organization=guide.organization,
              data={"reason": reason.strip()[:300]})  # fmt: skip
    return guide


@transaction.atomic
def retire_guide(*, guide: Guide, actor, reason: str) -> Guide:
    guide = locked(guide)
    require_approver(actor, guide, None)
    require_state(guide, {GuideStatus.IN_FORCE, GuideStatus.DRAFT}, _("停用"))
    if not reason.strip():
        raise ServicesError(ServicesErrorCode.INVALID, _("请写明停用原因。"), field="reason")
    was_public = guide.status == GuideStatus.IN_FORCE
    guide.status = GuideStatus.RETIRED
    guide.save(update_fields=["status", "updated_at"])
    audit.log("services.guide.retired", actor=actor, target=guide, organization=guide.organization,
              data={"reason": reason.strip()[:300]})  # fmt: skip
    if was_public:
        announce(guide.pk)
    return guide


def locked_change(change: GuideChange) -> GuideChange:
    return GuideChange.objects.select_for_update().select_related("guide__organization__region").get(pk=change.pk)


@transaction.atomic
def approve_guide_change(*, change: GuideChange, actor) -> Guide:
    change = locked_change(change)
    guide = locked(change.guide)
    require_approver(actor, guide, change.proposed_by_id)
    if change.status != GuideChangeStatus.PENDING:
        raise ServicesError(ServicesErrorCode.WRONG_STATE, _("该变更已经审核过了。"))
    require_state(guide, {GuideStatus.IN_FORCE}, _("变更"))
    validate(change.data, complete=True, organization=guide.organization, exclude_id=guide.pk)
    fields = changed_fields(snapshot(guide), change.data)
    apply(guide, change.data)
    add_version(guide, actor=change.proposed_by, approved_by=actor, note=change.note)
    guide.save()
    change.status, change.decided_by, change.decided_at = GuideChangeStatus.APPROVED, actor, timezone.now()
    change.save(update_fields=["status", "decided_by", "decided_at"])
    audit.log("services.guide_change.approved", actor=actor, target=guide, organization=guide.organization,
              data={"change": change.pk, "fields": fields, "version": guide.version})  # fmt: skip
    announce(guide.pk)
    return guide


@transaction.atomic
def reject_guide_change(*, change: GuideChange, actor, reason: str) -> GuideChange:
    change = locked_change(change)
    require_approver(actor, change.guide, None)
    if change.status != GuideChangeStatus.PENDING:
        raise ServicesError(ServicesErrorCode.WRONG_STATE, _("该变更已经审核过了。"))
    if not reason.strip():
        raise ServicesError(ServicesErrorCode.INVALID, _("请写明退回理由。"), field="reason")
    change.status, change.decided_by, change.decided_at = GuideChangeStatus.REJECTED, actor, timezone.now()
    change.reason = reason.strip()[:300]
    change.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    audit.log("services.guide_change.rejected", actor=actor, target=change.guide,
              organization=change.guide.organization, data={"change": change.pk, "reason": change.reason})  # fmt: skip
    return change
