"""Creating, changing and retiring items. An approver's edit takes effect at once; a clerk's waits for approval."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.core.errors import AccessDenied

from ..access import can_approve, can_edit_catalog
from ..errors import CatalogError, CatalogErrorCode, ItemInvalid
from ..itemdata import diff, normalized, snapshot
from ..models import Change, ChangeKind, ChangeSet, Item, ItemStatus
from ..validation import LIVE_STATUSES, CatalogContext, problems_in
from .writing import announce, close_versions, next_codes, open_version, person_or_none, write_item


def require_editor(actor, catalog) -> None:
    if not can_edit_catalog(actor, catalog):
        raise AccessDenied(_("您不能修改这个标准目录。"))


def validated_data(data: dict, *, context, item=None) -> dict:
    data = normalized(data)
    problems = problems_in(data, context=context, item=item)
    if problems:
        raise ItemInvalid(problems)
    return data


def propose(*, catalog, actor, note: str, changes: list[tuple[Item, str, dict]]) -> ChangeSet:
    """Open a change set holding (item, kind, data) changes for the disclosure office to approve."""
    change_set = ChangeSet.objects.create(catalog=catalog, proposed_by=person_or_none(actor), note=note)
    Change.objects.bulk_create(
        Change(change_set=change_set, item=item, kind=kind, data=data, base_version=item.version)
        for item, kind, data in changes
    )
    audit.log(
        "catalog.change_set.proposed",
        actor=actor,
        target=change_set,
        organization=catalog.organization,
        data={"items": [item.code for item, _kind, _data in changes], "kinds": [kind for _i, kind, _d in changes]},
    )
    return change_set


def require_no_pending_change(item: Item) -> None:
    if Change.objects.filter(item=item, is_pending=True).exists():
        raise CatalogError(
            CatalogErrorCode.PENDING_CHANGE,
            _("事项“%(name)s”已有待审批的修改，请等公开办审批或撤回后再改。") % {"name": item.name},
        )


@transaction.atomic
def create_item(*, catalog, actor, data: dict, note: str = "") -> Item:
    """Create an item with a new code; in force at once for an approver, otherwise proposed for approval."""
    require_editor(actor, catalog)
    context = CatalogContext(catalog)
    data = validated_data(data, context=context)
    domain = context.domains_by_code[data["domain"]]
    item = Item(catalog=catalog, code=next_codes(catalog, domain)[0], created_by=person_or_none(actor))
    item.sort_order = Item.objects.filter(catalog=catalog).count() + 1
    write_item(item, data, context)
    if can_approve(actor, catalog):
        item.status = ItemStatus.IN_FORCE
        item.save(update_fields=["status"])
        open_version(item, data, changed_by=actor, approved_by=actor, note=note)
        audit.log("catalog.item.created", actor=actor, target=item, organization=catalog.organization, data=data)
    else:
        propose(catalog=catalog, actor=actor, note=note, changes=[(item, ChangeKind.CREATE, data)])
    announce([item.pk])
    return item


@transaction.atomic
def update_item(*, item: Item, actor, data: dict, note: str = "") -> Item:
    """Change an item's columns (its code never changes); returns the item with the values now in force."""
    item = Item.objects.select_for_update().select_related("catalog__organization__region").get(pk=item.pk)
    require_editor(actor, item.catalog)
    if item.status != ItemStatus.IN_FORCE:
        raise CatalogError(
            CatalogErrorCode.WRONG_STATE,
            _("事项“%(name)s”当前状态为“%(status)s”，只能修改在用的事项。")
            % {"name": item.name, "status": item.get_status_display()},
        )
    require_no_pending_change(item)
    context = CatalogContext(item.catalog)
    data = normalized(data)
    changed = diff(snapshot(item), data)
    if not changed:
        raise CatalogError(CatalogErrorCode.NOTHING_CHANGED, _("没有修改任何内容。"))
    data = validated_data(data, context=context, item=item)
    if can_approve(actor, item.catalog):
        write_item(item, data, context)
        open_version(item, data, changed_by=actor, approved_by=actor, note=note)
        audit.log(
            "catalog.item.changed",
            actor=actor,
            target=item,
            organization=item.catalog.organization,
            data={"fields": changed, "version": item.version},
        )
    else:
        propose(catalog=item.catalog, actor=actor, note=note, changes=[(item, ChangeKind.UPDATE, data)])
    announce([item.pk])
    return item


def require_retirable(item: Item) -> None:
    if item.status != ItemStatus.IN_FORCE:
        raise CatalogError(
            CatalogErrorCode.WRONG_STATE,
            _("事项“%(name)s”当前状态为“%(status)s”，只能废止在用的事项。")
            % {"name": item.name, "status": item.get_status_display()},
        )
    if item.children.filter(status__in=LIVE_STATUSES).exists():
        raise CatalogError(
            CatalogErrorCode.HAS_CHILDREN,
            _("事项“%(name)s”下还有在用的下级事项，请先废止下级事项。") % {"name": item.name},
        )


def retire_now(item: Item, *, actor, reason: str) -> None:
    now = timezone.now()
    item.status, item.retired_at, item.retired_reason = ItemStatus.RETIRED, now, reason
    item.save(update_fields=["status", "retired_at", "retired_reason", "updated_at"])
    close_versions(item, now)
    audit.log(
        "catalog.item.retired",
        actor=actor,
        target=item,
        organization=item.catalog.organization,
        data={"reason": reason},
    )


@transaction.atomic
def retire_item(*, item: Item, actor, reason: str) -> Item:
    """Retire (never delete) an item: it leaves the catalog but keeps its code, versions and history."""
    item = Item.objects.select_for_update().select_related("catalog__organization__region").get(pk=item.pk)
    require_editor(actor, item.catalog)
    reason = (reason or "").strip()
    if not reason:
        raise CatalogError(CatalogErrorCode.INVALID, _("请写明废止原因。"), field="reason")
    require_retirable(item)
    require_no_pending_change(item)
    if can_approve(actor, item.catalog):
        retire_now(item, actor=actor, reason=reason)
    else:
        propose(catalog=item.catalog, actor=actor, note=reason, changes=[(item, ChangeKind.RETIRE, {"reason": reason})])
    announce([item.pk])
    return item
