"""Deciding on change sets: the disclosure office approves (never its own), rejects with a reason, or the
proposer withdraws."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.core.errors import AccessDenied

from ..access import can_approve
from ..errors import CatalogError, CatalogErrorCode, ItemInvalid
from ..itemdata import normalized
from ..models import ChangeKind, ChangeSet, ChangeSetStatus, Item, ItemStatus
from ..validation import CatalogContext, problems_in
from .items import require_retirable, retire_now
from .writing import announce, open_version, write_item


def locked_pending(change_set: ChangeSet) -> ChangeSet:
    change_set = (
        ChangeSet.objects.select_for_update().select_related("catalog__organization__region").get(pk=change_set.pk)
    )
    if change_set.status != ChangeSetStatus.PENDING:
        raise CatalogError(
            CatalogErrorCode.WRONG_STATE,
            _("这项目录变更已是“%(status)s”状态，不能再处理。") % {"status": change_set.get_status_display()},
        )
    return change_set


def apply_change(change, *, context, proposer, actor, now) -> None:
    item = Item.objects.select_for_update().get(pk=change.item_id)
    if change.kind == ChangeKind.RETIRE:
        require_retirable(item)
        retire_now(item, actor=actor, reason=change.data.get("reason", ""))
        return
    if item.version != change.base_version:
        raise CatalogError(
            CatalogErrorCode.CONFLICT,
            _("事项“%(name)s”在提交后已被修改，请退回这项变更，由提交人重新修改。") % {"name": item.name},
        )
    if item.parent_id and item.parent.status != ItemStatus.IN_FORCE:
        raise CatalogError(
            CatalogErrorCode.WRONG_STATE,
            _("事项“%(name)s”的上级事项尚未生效，请先审批上级事项。") % {"name": item.name},
        )
    data = normalized(change.data)
    problems = problems_in(data, context=context, item=item)
    if problems:
        raise ItemInvalid(problems)
    if change.kind == ChangeKind.UPDATE:
        write_item(item, data, context)
    if "adopted_version" in change.data:
        item.adopted_version = change.data["adopted_version"]
    item.status = ItemStatus.IN_FORCE
    item.save(update_fields=["status", "adopted_version"])
    open_version(item, data, changed_by=proposer, approved_by=actor, note=change.change_set.note, now=now)


def finish(change_set: ChangeSet, *, status: str, actor, note: str, now) -> None:
    change_set.status, change_set.decided_at, change_set.decision_note = status, now, note
    change_set.decided_by = actor if getattr(actor, "pk", None) else None
    change_set.save(update_fields=["status", "decided_at", "decision_note", "decided_by"])
    change_set.changes.update(is_pending=False)


@transaction.atomic
def approve_change_set(*, change_set: ChangeSet, actor, note: str = "") -> ChangeSet:
    """Put every change of the set in force, or none of them."""
    change_set = locked_pending(change_set)
    if not can_approve(actor, change_set.catalog):
        raise AccessDenied(_("只有政务公开办公室可以审批目录变更。"))
    if change_set.proposed_by_id and change_set.proposed_by_id == getattr(actor, "pk", None):
        raise CatalogError(CatalogErrorCode.SELF_APPROVAL, _("不能审批自己提交的目录变更。"))
    context, now = CatalogContext(change_set.catalog), timezone.now()
    changes = list(change_set.changes.select_related("item__parent", "change_set").order_by("id"))
    for change in changes:
        apply_change(change, context=context, proposer=change_set.proposed_by, actor=actor, now=now)
    finish(change_set, status=ChangeSetStatus.APPROVED, actor=actor, note=note, now=now)
    audit.log(
        "catalog.change_set.approved",
        actor=actor,
        target=change_set,
        organization=change_set.catalog.organization,
        data={"items": [change.item.code for change in changes], "note": note},
    )
    announce(change.item_id for change in changes)
    return change_set


def close_without_applying(change_set: ChangeSet, *, status: str, actor, note: str) -> ChangeSet:
    now = timezone.now()
    created = [change.item_id for change in change_set.changes.all() if change.kind == ChangeKind.CREATE]
    Item.objects.filter(pk__in=created, status=ItemStatus.PROPOSED).update(status=ItemStatus.REJECTED, updated_at=now)
    finish(change_set, status=status, actor=actor, note=note, now=now)
    audit.log(
        f"catalog.change_set.{status}",
        actor=actor,
        target=change_set,
        organization=change_set.catalog.organization,
        data={"note": note},
    )
    announce(created)
    return change_set


@transaction.atomic
def reject_change_set(*, change_set: ChangeSet, actor, note: str) -> ChangeSet:
    """Send a change set back with a reason. Items it proposed keep their (now unused) codes, status rejected."""
    change_set = locked_pending(change_set)
    if not can_approve(actor, change_set.catalog):
        raise AccessDenied(_("只有政务公开办公室可以审批目录变更。"))
    note = (note or "").strip()
    if not note:
        raise CatalogError(CatalogErrorCode.INVALID, _("请写明退回理由。"), field="note")
    return close_without_applying(change_set, status=ChangeSetStatus.REJECTED, actor=actor, note=note)


@transaction.atomic
def withdraw_change_set(*, change_set: ChangeSet, actor) -> ChangeSet:
    change_set = locked_pending(change_set)
    if change_set.proposed_by_id != getattr(actor, "pk", None):
        raise AccessDenied(_("只有提交人可以撤回目录变更。"))
    return close_without_applying(change_set, status=ChangeSetStatus.WITHDRAWN, actor=actor, note="")
