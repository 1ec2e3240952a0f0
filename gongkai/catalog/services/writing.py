"""Low-level steps shared by the catalog services (not called from outside the services package)."""

from functools import cache
from operator import attrgetter

from django.db import connection, models, transaction
from django.db.models import F
from django.db.models.base import ModelState
from django.utils import timezone

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
    """Set the item's columns from data (no save). `parent` is the resolved parent item.

    The plain columns go straight into the instance's __dict__, which is all setattr does for them (their
    descriptors only read), at a fraction of the cost over a large import."""
    values = item.__dict__
    for key in SCALAR_FIELDS:
        values[key] = data[key]
    set_related(item, "domain", context.domains_by_code[data["domain"]])
    set_related(item, "parent", parent)
    values.update(rule_fields(data["time_limit"]))
    values.update(level_fields(data["levels"]))


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
    items = [item for item, _data in pairs]
    if items:
        fast_insert(Item, items)
        in_catalog = Item.objects.filter(catalog=items[0].catalog).order_by()
        if len(items) <= 500:
            in_catalog = in_catalog.filter(code__in=[item.code for item in items])
        # Reading every code of the catalog is several times faster than a condition with thousands of codes.
        ids = dict(in_catalog.values_list("code", "pk"))
        for item in items:
            item.pk = item.id = ids[item.code]
            item._state.adding = False
    insert_rows(
        Item.responsible_orgs.through,
        ["item_id", "organization_id"],
        [(item.pk, pk) for item, (_old, data) in zip(items, pairs, strict=True) for pk in data["responsible_orgs"]],
    )
    insert_rows(
        Item.channels.through,
        ["item_id", "channel_id"],
        [(item.pk, pk) for item, (_old, data) in zip(items, pairs, strict=True) for pk in data["channels"]],
    )
    if in_force:
        person_id = getattr(person_or_none(actor), "pk", None)
        json_field, when_field = ItemVersion._meta.get_field("data"), ItemVersion._meta.get_field("effective_from")
        now = when_field.get_db_prep_save(timezone.now(), connection)
        insert_rows(
            ItemVersion,
            ["item_id", "number", "data", "effective_from", "effective_to", "changed_by_id", "approved_by_id", "note"],
            [
                (item.pk, 1, json_field.get_db_prep_save(data, connection), now, None, person_id, person_id, note)
                for item, (_old, data) in zip(items, pairs, strict=True)
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


def fast_insert(model, objects: list, *, batch_size: int = 2000) -> None:
    """INSERT many rows with executemany: several times faster than bulk_create for the tens of thousands of rows
    of a district's catalog import. Defaults must already be set (see `new_item`); auto_now values are set here;
    primary keys are not set on the objects (look them up by a natural key afterwards)."""
    if not objects:
        return
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    now = timezone.now()
    stamped = [f.attname for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    for obj in objects:
        for attname in stamped:
            setattr(obj, attname, now)
    values_of = attrgetter(*[field.attname for field in fields])
    prepared = [
        (index, field.get_db_prep_save, None if isinstance(field, models.JSONField) else {})
        for index, field in enumerate(fields)
        if needs_preparation(field)
    ]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608 - names from model metadata
    with connection.cursor() as cursor:
        for start in range(0, len(objects), batch_size):
            rows = []
            for obj in objects[start : start + batch_size]:
                row = list(values_of(obj))
                for index, prepare, memo in prepared:
                    value = row[index]
                    if memo is None:
                        row[index] = prepare(value, connection)
                    else:  # dates repeat (one "now" for the whole import): prepare each once
                        if value not in memo:
                            memo[value] = prepare(value, connection)
                        row[index] = memo[value]
                rows.append(row)
            cursor.executemany(sql, rows)


@cache
def item_defaults() -> dict:
    return {field.attname: field.get_default() for field in Item._meta.concrete_fields if not field.primary_key}


def new_item(**values) -> Item:
    """An unsaved Item built without Model.__init__ (which costs more than everything else in a large import):
    the fields' defaults, then `values`. Only for items inserted with `insert_items`."""
    item = Item.__new__(Item)
    item.__dict__.update(item_defaults())
    item.__dict__["id"] = None
    item.__dict__["basis"] = []
    item._state = ModelState()
    for key, value in values.items():
        if key in ITEM_RELATIONS:
            set_related(item, key, value)
        else:
            setattr(item, key, value)
    return item


ITEM_RELATIONS = {field.name for field in Item._meta.concrete_fields if field.many_to_one}


def set_related(obj, name: str, related) -> None:
    """`obj.<name> = related` for a foreign key, as the field's descriptor does it (the id and the cached object),
    without the descriptor's checks: five times cheaper, which counts over the tens of thousands of items of an
    import. `related` must be a saved instance of the right model, or None."""
    obj.__dict__[obj._meta.get_field(name).attname] = None if related is None else related.pk
    obj._state.fields_cache[name] = related


def loaded_items(queryset, domains_by_id: dict) -> list[Item]:
    """The items of `queryset` as Item instances built from one values_list query without Model.__init__ (which
    costs more than the query for a district's catalog), each with its domain attached from `domains_by_id` (the
    ones missing from it are loaded). The instances are complete: every concrete field is loaded."""
    attnames = [field.attname for field in Item._meta.concrete_fields]
    rows = list(queryset.values_list(*attnames))
    domain_index = attnames.index("domain_id")
    missing = {row[domain_index] for row in rows} - domains_by_id.keys()
    if missing:
        domains_by_id = {**domains_by_id, **Domain.objects.in_bulk(missing)}
    items = []
    for row in rows:
        item = Item.__new__(Item)
        item.__dict__.update(zip(attnames, row, strict=True))
        state = item._state = ModelState()
        state.adding, state.db = False, queryset.db
        state.fields_cache["domain"] = domains_by_id[row[domain_index]]
        items.append(item)
    return items


def needs_preparation(field) -> bool:
    return isinstance(field, models.JSONField | models.DateTimeField | models.DateField | models.DecimalField)


def insert_rows(model, columns: list[str], rows: list[tuple], *, batch_size: int = 5000) -> None:
    """INSERT already prepared rows (values in `columns` order) into the model's table with executemany."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    sql = f"INSERT INTO {table} ({', '.join(quote(c) for c in columns)}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608 - names from model metadata
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch_size):
            cursor.executemany(sql, rows[start : start + batch_size])
