"""Three-level catalogs: townships and villages adopt items of the catalogs above them and follow their changes
when they choose to (a change at the source is offered, never forced)."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.core import audit

from ..access import can_approve
from ..errors import CatalogError, CatalogErrorCode
from ..itemdata import diff, snapshot
from ..models import ChangeKind, Item, ItemStatus
from ..selectors import with_columns
from ..validation import CatalogContext
from .items import propose, require_editor, require_no_pending_change
from .writing import announce, assign_fields, insert_items, open_version, person_or_none, write_item

LEVEL_LABELS = {"county": gettext_lazy("县级"), "township": gettext_lazy("乡级"), "village": gettext_lazy("村级")}


def require_adoptable(source: Item, catalog) -> None:
    source_region = source.catalog.organization.region
    own_region = catalog.organization.region
    if source.catalog_id == catalog.pk or not own_region.path.startswith(source_region.path):
        raise CatalogError(
            CatalogErrorCode.NOT_ADOPTABLE,
            _("事项“%(name)s”不在上级区划的目录中，只能采用上级区划目录中的事项。") % {"name": source.name},
        )
    if source.status != ItemStatus.IN_FORCE:
        raise CatalogError(
            CatalogErrorCode.NOT_ADOPTABLE, _("事项“%(name)s”不是在用事项，不能采用。") % {"name": source.name}
        )


def chain_to_adopt(source: Item, adopted: dict[int, Item], planned: set[int]) -> list[Item]:
    """The source item and its ancestors that the catalog has neither adopted nor planned to adopt, top first."""
    chain, node = [], source
    while node is not None and node.pk not in adopted and node.pk not in planned:
        chain.append(node)
        node = node.parent
    return list(reversed(chain))


def sources_with_columns(source_items) -> list[Item]:
    ids = [item.pk for item in source_items]
    items = with_columns(
        Item.objects.filter(pk__in=ids).select_related(
            "catalog__organization__region", "domain", "parent__parent", "parent__domain", "parent__parent__domain"
        )
    )
    by_id = {item.pk: item for item in items}
    return [by_id[pk] for pk in ids if pk in by_id]


def require_level(source: Item, level: str) -> None:
    if not source.covers_level(level):
        raise CatalogError(
            CatalogErrorCode.LEVEL_NOT_COVERED,
            _("事项“%(name)s”的公开层级不含“%(level)s”，不能采用到本目录。")
            % {"name": source.name, "level": LEVEL_LABELS[level]},
        )


def require_free_codes(catalog, nodes: list[Item]) -> None:
    taken = Item.objects.filter(catalog=catalog, code__in=[node.code for node in nodes]).first()
    if taken is not None:
        raise CatalogError(
            CatalogErrorCode.NOT_ADOPTABLE,
            _("本目录已有编码为%(code)s的事项，不能再次采用“%(name)s”。") % {"code": taken.code, "name": taken.name},
        )


@transaction.atomic
def adopt_items(*, catalog, source_items, actor) -> list[Item]:
    """Copy items (with their ancestors) from a catalog above into `catalog`, keeping their codes and a link.

    Only items whose levels include the adopting catalog's level may be adopted. Items already adopted are
    skipped. For a clerk the copies wait for the office's approval like any other new item.
    """
    require_editor(actor, catalog)
    level = catalog.organization.region.level
    adopted = {item.source_item_id: item for item in Item.objects.filter(catalog=catalog, source_item__isnull=False)}
    nodes, planned = [], set()
    for source in sources_with_columns(source_items):
        require_adoptable(source, catalog)
        require_level(source, level)
        for node in chain_to_adopt(source, adopted, planned):
            planned.add(node.pk)
            nodes.append(node)
    require_free_codes(catalog, nodes)
    context, approver, created = CatalogContext(catalog), can_approve(actor, catalog), []
    for depth in (1, 2, 3):
        batch = [node for node in nodes if node.depth == depth]
        pairs = [copy_of(node, catalog=catalog, context=context, actor=actor, approver=approver, adopted=adopted)
                 for node in batch]  # fmt: skip
        copies = insert_items(pairs, in_force=approver, actor=actor, note=_("采用上级目录事项"))
        for node, copy in zip(batch, copies, strict=True):
            adopted[node.pk] = copy
        created += copies
    if created and not approver:
        propose(
            catalog=catalog,
            actor=actor,
            note=_("采用上级目录事项"),
            changes=[
                (copy, ChangeKind.CREATE, pair_data) for copy, pair_data in zip(created, datas(created), strict=True)
            ],
        )
    audit.log(
        "catalog.item.adopted",
        actor=actor,
        target=catalog,
        organization=catalog.organization,
        data={"count": len(created), "items": [copy.code for copy in created[:200]], "in_force": approver},
    )
    announce(copy.pk for copy in created)
    return created


def datas(copies: list[Item]) -> list[dict]:
    return [copy._adopted_data for copy in copies]


def copy_of(source: Item, *, catalog, context, actor, approver: bool, adopted: dict) -> tuple[Item, dict]:
    parent = adopted.get(source.parent_id) if source.parent_id else None
    data = {
        **snapshot(source, parent_code=source.parent.code if source.parent_id else ""),
        "parent": parent.code if parent else "",
    }
    copy = Item(
        catalog=catalog,
        code=source.code,
        source_item=source,
        adopted_version=source.version,
        created_by=person_or_none(actor),
        sort_order=source.sort_order,
        status=ItemStatus.IN_FORCE if approver else ItemStatus.PROPOSED,
        version=1 if approver else 0,
    )
    assign_fields(copy, data, context, parent)
    copy._adopted_data = data
    return copy, data


def require_source_change(item: Item) -> Item:
    source = item.source_item
    if source is None or source.version <= (item.adopted_version or 0):
        raise CatalogError(
            CatalogErrorCode.NO_SOURCE_CHANGE, _("事项“%(name)s”的来源事项没有新的变化。") % {"name": item.name}
        )
    return source


@transaction.atomic
def accept_source_change(*, item: Item, actor, note: str = "") -> Item:
    """Take the source's current columns into the adopted copy (local differences are overwritten)."""
    item = (
        Item.objects.select_for_update(of=("self",))
        .select_related("catalog__organization__region", "source_item")
        .get(pk=item.pk)
    )
    require_editor(actor, item.catalog)
    source = require_source_change(item)
    require_no_pending_change(item)
    data = snapshot(source)
    data["parent"] = item.parent.code if item.parent_id else ""
    note = note or _("采用来源事项第%(version)s版") % {"version": source.version}
    if can_approve(actor, item.catalog):
        changed = diff(snapshot(item), data)
        if changed:
            write_item(item, data, CatalogContext(item.catalog))
            open_version(item, data, changed_by=actor, approved_by=actor, note=note)
        item.adopted_version = source.version
        item.save(update_fields=["adopted_version"])
        audit.log(
            "catalog.item.source_accepted",
            actor=actor,
            target=item,
            organization=item.catalog.organization,
            data={"source_version": source.version, "fields": changed},
        )
    else:
        propose(
            catalog=item.catalog,
            actor=actor,
            note=note,
            changes=[(item, ChangeKind.UPDATE, {**data, "adopted_version": source.version})],
        )
    announce([item.pk])
    return item


@transaction.atomic
def keep_local_version(*, item: Item, actor) -> Item:
    """Decline the source's change: the copy stays as it is and the offer is marked as seen."""
    item = (
        Item.objects.select_for_update(of=("self",))
        .select_related("catalog__organization__region", "source_item")
        .get(pk=item.pk)
    )
    require_editor(actor, item.catalog)
    source = require_source_change(item)
    item.adopted_version = source.version
    item.save(update_fields=["adopted_version"])
    audit.log(
        "catalog.item.source_declined",
        actor=actor,
        target=item,
        organization=item.catalog.organization,
        data={"source_version": source.version},
    )
    return item
