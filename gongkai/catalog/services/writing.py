"""Low-level steps shared by the catalog services (not called from outside the services package).

The database mechanics of bulk writing (reserved ids, COPY, raw inserts and reads) are `gongkai.core.bulk`; this
module only knows what a catalog item is."""

from functools import cache, lru_cache

import orjson
from django.db import connection, models, transaction
from django.db.models.base import ModelState
from django.utils import timezone

from gongkai.core.bulk import (
    fast_insert,
    fetch_rows,
    insert_rows,
    json_writer,
    needs_preparation,
    reserve_ids,
    set_related,
)

from ..itemdata import SCALAR_FIELDS, level_fields
from ..models import CodeCounter, Domain, Item, ItemVersion
from ..signals import item_changed, items_changed
from ..timelimits import parse_time_limit

EMPTY_RULE = {
    "time_limit_kind": "",
    "time_limit_days": None,
    "time_limit_month": None,
    "time_limit_day": None,
    "publicity_days": None,
    "time_limit_rule": {},
}


def next_codes(catalog, domain, count: int = 1) -> list[str]:
    """Reserve `count` new codes for items of `domain` in `catalog`; the counter only grows, codes never recur."""
    return reserve_codes(catalog, {domain: count})[domain.pk]


def reserve_codes(catalog, counts: dict) -> dict[int, list[str]]:
    """Reserve new codes in `catalog` for several domains at once ({domain: count} → {domain id: codes}), with
    a handful of queries whatever the number of domains: the counters are locked, created where missing, and
    moved on together."""
    counts = {domain: count for domain, count in counts.items() if count > 0}
    if not counts:
        return {}
    domain_ids = [domain.pk for domain in counts]
    CodeCounter.objects.bulk_create(
        [CodeCounter(catalog=catalog, domain=domain) for domain in counts], ignore_conflicts=True
    )
    counters = {
        counter.domain_id: counter
        for counter in CodeCounter.objects.select_for_update().filter(catalog=catalog, domain_id__in=domain_ids)
    }
    codes = {}
    for domain, count in counts.items():
        counter = counters[domain.pk]
        first = counter.last + 1
        codes[domain.pk] = [f"{catalog.prefix}-{domain.code}-{number:04d}" for number in range(first, first + count)]
        counter.last += count
    CodeCounter.objects.bulk_update(counters.values(), ["last"])
    return codes


@lru_cache(maxsize=4096)
def rule_fields(time_limit: str) -> dict:
    """The structured time-limit columns of a time-limit text (shared: update from it, never change it)."""
    return parse_time_limit(time_limit).as_fields() if time_limit else dict(EMPTY_RULE)


@lru_cache(maxsize=16)
def level_columns(levels: tuple[str, ...]) -> dict:
    """level_county/level_township/level_village for a tuple of levels (shared: update from it, never change it)."""
    return level_fields(levels)


def assign_fields(item: Item, data: dict, context, parent: Item | None) -> None:
    """Set the item's columns from data (no save). `parent` is the resolved parent item.

    The plain columns go straight into the instance's __dict__, which is all setattr does for them (their
    descriptors only read), at a fraction of the cost over a large import."""
    item.__dict__.update(item_columns(data, context))
    set_related(item, "domain", context.domains_by_code[data["domain"]])
    set_related(item, "parent", parent)


def item_columns(data: dict, context) -> dict:
    """The item's plain columns (not its parent, code or relations) from data: attname → value."""
    columns = {key: data[key] for key in SCALAR_FIELDS}
    columns["domain_id"] = context.domains_by_code[data["domain"]].pk
    columns.update(rule_fields(data["time_limit"]))
    columns.update(level_columns(tuple(data["levels"])))
    return columns


def item_template(*, catalog, status: str, version: int, created_by) -> dict:
    """The columns new items of one bulk creation share (defaults, catalog, status, creator, timestamps), for
    `built_item`."""
    now = timezone.now()
    person = person_or_none(created_by)
    return {
        **item_defaults(),
        "catalog_id": catalog.pk,
        "status": status,
        "version": version,
        "created_by_id": person.pk if person else None,
        "created_at": now,
        "updated_at": now,
    }


def built_item(template: dict, data: dict, context, *, pk: int, code: str, parent, sort_order: int) -> Item:
    """An unsaved Item with a reserved primary key, built from `template` and `data` without Model.__init__ (which
    costs more than the insert itself over a district's catalog): only for `insert_items`."""
    values = template.copy()
    values.update(item_columns(data, context))
    values["id"], values["code"], values["sort_order"] = pk, code, sort_order
    values["parent_id"] = parent.pk if parent is not None else None
    item = Item.__new__(Item)
    state = values["_state"] = ModelState()
    state.fields_cache = {"domain": context.domains_by_code[data["domain"]], "parent": parent}
    item.__dict__ = values
    return item


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
    """Insert new items (fields already assigned, parents already saved or given reserved ids) with their relations,
    in bulk; items in force also get their first version. Items without an id get one from `reserve_ids`."""
    items = [item for item, _data in pairs]
    if not items:
        return items
    missing = [item for item in items if item.pk is None]
    for item, pk in zip(missing, reserve_ids(Item, len(missing)), strict=True):
        item.pk = pk
    fast_insert(Item, items)
    for item in items:
        item._state.adding = False
    ids = [item.__dict__["id"] for item in items]
    datas = [data for _item, data in pairs]
    insert_rows(
        Item.responsible_orgs.through,
        ["item_id", "organization_id"],
        [(item_id, pk) for item_id, data in zip(ids, datas, strict=True) for pk in data["responsible_orgs"]],
    )
    insert_rows(
        Item.channels.through,
        ["item_id", "channel_id"],
        [(item_id, pk) for item_id, data in zip(ids, datas, strict=True) for pk in data["channels"]],
    )
    if in_force:
        person_id = getattr(person_or_none(actor), "pk", None)
        when_field = ItemVersion._meta.get_field("effective_from")
        now = when_field.get_db_prep_save(timezone.now(), connection)
        as_json = json_writer(ItemVersion._meta.get_field("data").encoder)
        insert_rows(
            ItemVersion,
            ["item_id", "number", "data", "effective_from", "effective_to", "changed_by_id", "approved_by_id", "note"],
            [
                (item_id, 1, as_json(data), now, None, person_id, person_id, note)
                for item_id, data in zip(ids, datas, strict=True)
            ],
        )
    return items


def close_versions(item: Item, now) -> None:
    ItemVersion.objects.filter(item=item, effective_to=None).update(effective_to=now)


def announce(item_ids) -> None:
    """Tell higher apps, after commit, which items changed."""
    ids = list(item_ids)

    def send():
        # Sent inside one transaction so receivers that defer work to on_commit (search indexing) do it once for
        # all the items instead of once per item.
        with transaction.atomic():
            items_changed.send(sender=Item, item_ids=ids)
            for item_id in ids:
                item_changed.send(sender=Item, item_id=item_id)

    transaction.on_commit(send)


def person_or_none(actor):
    return actor if getattr(actor, "pk", None) else None


@cache
def item_defaults() -> dict:
    return {field.attname: field.get_default() for field in Item._meta.concrete_fields if not field.primary_key}


def loaded_items(queryset, domains_by_id: dict, attnames: list[str]) -> list[Item]:
    """The `attnames` columns (which must include id and domain_id) of the items of `queryset`, as Item instances for
    reading those columns only, never for saving or validating: what an import plans and compares with.

    A district's catalog is some twenty thousand items, so the rows are read with one plain query, without
    Model.__init__ and without the ORM's per-value converters: JSON columns are parsed with orjson and booleans made
    bool here; other columns must be ones the database returns as they are (text, numbers; no dates). Each item gets
    its domain from `domains_by_id` (the ones missing from it are loaded)."""
    fields = [Item._meta.get_field(attname) for attname in attnames]
    if unsupported := [f.attname for f in fields if needs_preparation(f) and not isinstance(f, models.JSONField)]:
        raise ValueError(f"loaded_items cannot read {unsupported}")
    rows = fetch_rows(queryset, attnames)
    json_indexes = [index for index, field in enumerate(fields) if isinstance(field, models.JSONField)]
    bool_indexes = [index for index, field in enumerate(fields) if isinstance(field, models.BooleanField)]
    domain_index = attnames.index("domain_id")
    missing = {row[domain_index] for row in rows} - domains_by_id.keys()
    if missing:
        domains_by_id = {**domains_by_id, **Domain.objects.in_bulk(missing)}
    items, database = [], queryset.db
    for row in rows:
        values = dict(zip(attnames, row, strict=True))
        for index in json_indexes:
            value = row[index]
            values[attnames[index]] = orjson.loads(value) if isinstance(value, str | bytes) else value
        for index in bool_indexes:
            values[attnames[index]] = bool(row[index])
        item = Item.__new__(Item)
        state = values["_state"] = ModelState()
        state.adding, state.db = False, database
        state.fields_cache = {"domain": domains_by_id[row[domain_index]]}
        item.__dict__ = values
        items.append(item)
    return items
