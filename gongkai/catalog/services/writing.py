"""Low-level steps shared by the catalog services (not called from outside the services package)."""

import json
from functools import cache, lru_cache
from operator import itemgetter

import orjson
from django.db import connection, connections, models, transaction
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


def json_writer(encoder=None):
    """A function preparing JSONField values for a bulk insert, writing them with orjson (six times faster than the
    json module over the tens of thousands of snapshots of a district's import; compact, Chinese unescaped: the same
    JSON to every reader). SQLite's column holds the text; PostgreSQL's jsonb gets it through psycopg's Jsonb. With
    a custom encoder, and for what orjson cannot write, values are prepared as the field would prepare them."""
    adapt = connection.ops.adapt_json_value
    if encoder is not None or connection.vendor not in ("sqlite", "postgresql"):
        return lambda value: adapt(value, encoder)
    if connection.vendor == "postgresql":
        from psycopg.types.json import Jsonb

        return lambda value: Jsonb(value, dumps=json_bytes)

    def write(value):
        try:
            return orjson.dumps(value).decode()
        except TypeError:
            return adapt(value, encoder)

    return write


def json_bytes(value) -> bytes | str:
    try:
        return orjson.dumps(value)
    except TypeError:
        return json.dumps(value)


def reserve_ids(model, count: int) -> list[int]:
    """`count` primary keys for new rows of `model`, handed out by the database as an insert would, so that a bulk
    insert needs no read-back and children can point at parents inserted in the same statement.

    PostgreSQL: taken from the table's sequence (safe under concurrency; never reused). SQLite: the numbers after
    the highest ever used (AUTOINCREMENT keeps it in sqlite_sequence); safe because a SQLite write transaction holds
    the database's only write lock (this project opens every transaction with BEGIN IMMEDIATE)."""
    if count <= 0:
        return []
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, column, count]
            )
            return [row[0] for row in cursor.fetchall()]
        if connection.vendor != "sqlite":
            raise NotImplementedError(f"reserve_ids: unsupported database {connection.vendor}")
        if not connection.in_atomic_block:
            raise RuntimeError("reserve_ids must run inside a transaction (it relies on the write lock).")
        quote = connection.ops.quote_name
        cursor.execute(f"SELECT MAX({quote(column)}) FROM {quote(table)}")  # noqa: S608 - names from model metadata
        highest = cursor.fetchone()[0] or 0
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        start = max(highest, row[0] if row else 0) + 1
        # Record the reservation at once, as an insert would: later reservations in this transaction start after it.
        if row:
            cursor.execute("UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [start + count - 1, table])
        else:
            cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, start + count - 1])
        return list(range(start, start + count))


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


def fast_insert(model, objects: list, *, batch_size: int = 5000) -> None:
    """INSERT many instances with `insert_rows`: several times faster than bulk_create for the tens of thousands of rows
    of a district's catalog import. Defaults must already be set (see `built_item`); auto_now values are set here;
    primary keys must be set (see `reserve_ids`). Values are read from the instances' __dict__ (every concrete
    field must be there, as `built_item` and `Model.__init__` leave it) and prepared as the fields would."""
    if not objects:
        return
    fields = list(model._meta.concrete_fields)
    now = timezone.now()
    stamps = {f.attname: now for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)}
    values_of = itemgetter(*[field.attname for field in fields])
    json_fields = [
        (index, field, json_writer(field.encoder))
        for index, field in enumerate(fields)
        if isinstance(field, models.JSONField)
    ]
    memoized = [  # dates repeat (one "now" for the whole import): each is prepared once
        (index, field.get_db_prep_save, {})
        for index, field in enumerate(fields)
        if needs_preparation(field) and not isinstance(field, models.JSONField)
    ]
    columns = [field.column for field in fields]
    for start in range(0, len(objects), batch_size):
        rows = []
        for obj in objects[start : start + batch_size]:
            values = obj.__dict__
            values.update(stamps)
            row = list(values_of(values))
            for index, field, as_json in json_fields:
                value = row[index]
                row[index] = field.get_db_prep_save(value, connection) if value is None else as_json(value)
            for index, prepare, memo in memoized:
                value = row[index]
                if value not in memo:
                    memo[value] = prepare(value, connection)
                row[index] = memo[value]
            rows.append(row)
        insert_rows(model, columns, rows)


@cache
def item_defaults() -> dict:
    return {field.attname: field.get_default() for field in Item._meta.concrete_fields if not field.primary_key}


def set_related(obj, name: str, related) -> None:
    """`obj.<name> = related` for a foreign key, as the field's descriptor does it (the id and the cached object),
    without the descriptor's checks: five times cheaper, which counts over the tens of thousands of items of an
    import. `related` must be a saved instance of the right model, or None."""
    obj.__dict__[obj._meta.get_field(name).attname] = None if related is None else related.pk
    obj._state.fields_cache[name] = related


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
    sql, params = queryset.values_list(*attnames).query.get_compiler(queryset.db).as_sql()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
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


def needs_preparation(field) -> bool:
    return isinstance(field, models.JSONField | models.DateTimeField | models.DateField | models.DecimalField)


def insert_rows(model, columns: list[str], rows: list, *, batch_size: int = 5000) -> None:
    """INSERT already prepared rows (values in `columns` order) into the model's table: with executemany on SQLite,
    with COPY on PostgreSQL (where executemany costs a round trip per row: ten times slower for an import)."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table, names = quote(model._meta.db_table), ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608 - names from model metadata
        for start in range(0, len(rows), batch_size):
            cursor.executemany(sql, rows[start : start + batch_size])
