"""Low-level steps shared by the catalog services (not called from outside the services package)."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ..itemdata import SCALAR_FIELDS, level_fields
from ..models import CodeCounter, Item, ItemVersion
from ..signals import item_changed
from ..timelimits import parse_time_limit

EMPTY_RULE = {
    "time_limit_kind": "",
    "time_limit_days": None,
    "time_limit_month": None,
    "time_limit_day": None,
    "publicity_days": None,
}


def next_codes(catalog, domain, count: int = 1) -> list[str]:
    """Reserve `count` new codes for items of `domain` in `catalog`; the counter only grows, codes never recur."""
    counter, _created = CodeCounter.objects.select_for_update().get_or_create(catalog=catalog, domain=domain)
    CodeCounter.objects.filter(pk=counter.pk).update(last=F("last") + count)
    return [
        f"{catalog.prefix}-{domain.code}-{number:04d}" for number in range(counter.last + 1, counter.last + count + 1)
    ]


def rule_fields(time_limit: str) -> dict:
    return parse_time_limit(time_limit).as_fields() if time_limit else dict(EMPTY_RULE)


def assign_fields(item: Item, data: dict, context, parent: Item | None) -> None:
    """Set the item's columns from data (no save). `parent` is the resolved parent item."""
    for key in SCALAR_FIELDS:
        setattr(item, key, data[key])
    item.domain = context.domains_by_code[data["domain"]]
    item.parent = parent
    for key, value in {**rule_fields(data["time_limit"]), **level_fields(data["levels"])}.items():
        setattr(item, key, value)


def resolve_parent(catalog, code: str) -> Item | None:
    return Item.objects.get(catalog=catalog, code=code) if code else None


def write_item(item: Item, data: dict, context) -> Item:
    assign_fields(item, data, context, resolve_parent(item.catalog, data["parent"]))
    item.full_clean(exclude=["code", "catalog", "parent", "domain", "source_item", "created_by"])
    item.save()
    item.responsible_orgs.set(data["responsible_orgs"])
    item.channels.set(data["channels"])
    return item


def open_version(item: Item, data: dict, *, changed_by, approved_by, note: str = "", now=None) -> ItemVersion:
    """Close the open version and start the next one with `data`, in force from now."""
    now = now or timezone.now()
    ItemVersion.objects.filter(item=item, effective_to=None).update(effective_to=now)
    item.version += 1
    Item.objects.filter(pk=item.pk).update(version=item.version)
    return ItemVersion.objects.create(
        item=item,
        number=item.version,
        data=data,
        effective_from=now,
        changed_by=changed_by if getattr(changed_by, "pk", None) else None,
        approved_by=approved_by if getattr(approved_by, "pk", None) else None,
        note=note,
    )


def insert_items(pairs: list[tuple[Item, dict]], *, in_force: bool, actor, note: str = "") -> list[Item]:
    """Insert new items (fields already assigned, parents already saved) with their relations, in bulk; items in
    force also get their first version."""
    items = Item.objects.bulk_create([item for item, _data in pairs])
    Item.responsible_orgs.through.objects.bulk_create(
        Item.responsible_orgs.through(item_id=item.pk, organization_id=pk)
        for item, (_old, data) in zip(items, pairs, strict=True)
        for pk in data["responsible_orgs"]
    )
    Item.channels.through.objects.bulk_create(
        Item.channels.through(item_id=item.pk, channel_id=pk)
        for item, (_old, data) in zip(items, pairs, strict=True)
        for pk in data["channels"]
    )
    if in_force:
        person, now = person_or_none(actor), timezone.now()
        ItemVersion.objects.bulk_create(
            ItemVersion(
                item=item, number=1, data=data, effective_from=now, changed_by=person, approved_by=person, note=note
            )
            for item, (_old, data) in zip(items, pairs, strict=True)
        )
    return items


def close_versions(item: Item, now) -> None:
    ItemVersion.objects.filter(item=item, effective_to=None).update(effective_to=now)


def announce(item_ids) -> None:
    """Tell higher apps, after commit, which items changed."""
    ids = list(item_ids)

    def send():
        for item_id in ids:
            item_changed.send(sender=Item, item_id=item_id)

    transaction.on_commit(send)


def person_or_none(actor):
    return actor if getattr(actor, "pk", None) else None
