"""Bulk writing mechanics, for imports of tens of thousands of rows: primary keys reserved from the database,
rows written with COPY (PostgreSQL) or executemany (SQLite) without Model.__init__ or bulk_create, JSON written with
orjson, and rows read back with one plain query.

Nothing here knows a domain model: the catalog's import builds its items and hands them over. Every function works on
SQLite and PostgreSQL and must run inside the caller's transaction.
"""

import json
from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

import orjson
from django.db import connection, connections, models
from django.db.models import QuerySet
from django.utils import timezone


def json_writer(encoder: type[json.JSONEncoder] | None = None) -> Callable[[Any], Any]:
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

    def write(value: Any) -> Any:
        try:
            return orjson.dumps(value).decode()
        except TypeError:
            return adapt(value, encoder)

    return write


def json_bytes(value: Any) -> bytes | str:
    try:
        return orjson.dumps(value)
    except TypeError:
        return json.dumps(value)


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` primary keys for new rows of `model`, handed out by the database as an insert would, so that a bulk
    insert needs no read-back and children can point at parents inserted in the same statement.

    PostgreSQL: taken from the table's sequence (safe under concurrency; never reused). SQLite: the numbers after
    the highest ever used (AUTOINCREMENT keeps it in sqlite_sequence); safe because a SQLite write transaction holds
    the database's only write lock (this project opens every transaction with BEGIN IMMEDIATE)."""
    if count <= 0:
        return []
    table, column = model._meta.db_table, str(model._meta.pk.column)
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


def fast_insert(model: type[models.Model], objects: list[models.Model], *, batch_size: int = 5000) -> None:
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
    memoized: list[
        tuple[int, Callable[..., Any], dict[Any, Any]]
    ] = [  # dates repeat (one "now" for the whole import): each is prepared once
        (index, field.get_db_prep_save, {})
        for index, field in enumerate(fields)
        if needs_preparation(field) and not isinstance(field, models.JSONField)
    ]
    columns = [str(field.column) for field in fields]
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


def set_related(obj: models.Model, name: str, related: models.Model | None) -> None:
    """`obj.<name> = related` for a foreign key, as the field's descriptor does it (the id and the cached object),
    without the descriptor's checks: five times cheaper, which counts over the tens of thousands of items of an
    import. `related` must be a saved instance of the right model, or None."""
    field = obj._meta.get_field(name)
    if not isinstance(field, models.ForeignKey):
        raise TypeError(f"set_related: {name} is not a foreign key")
    obj.__dict__[field.attname] = None if related is None else related.pk
    obj._state.fields_cache[name] = related


def needs_preparation(field: Any) -> bool:
    return isinstance(field, models.JSONField | models.DateTimeField | models.DateField | models.DecimalField)


def insert_rows(
    model: type[models.Model], columns: list[str], rows: Sequence[Sequence[Any]], *, batch_size: int = 5000
) -> None:
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


def fetch_rows(queryset: QuerySet[Any], attnames: list[str]) -> list[tuple[Any, ...]]:
    """The `attnames` columns of `queryset` as plain tuples, with one query and none of the ORM's per-value converters
    (JSON comes back as text on SQLite, dates as the driver returns them): for reading tens of thousands of rows."""
    sql, params = queryset.values_list(*attnames).query.get_compiler(queryset.db).as_sql()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())
