"""The bulk-writing mechanics, on the audit log's table (any model with an auto id, JSON and dates would do)."""

from datetime import UTC, datetime

import pytest
from django.db import connection, transaction

from gongkai.core.bulk import fast_insert, fetch_rows, insert_rows, json_writer, reserve_ids, set_related
from gongkai.core.models import AuditEntry


def entry(pk, action, **fields) -> AuditEntry:
    return AuditEntry(pk=pk, action=action, at=datetime(2026, 9, 18, 8, 30, tzinfo=UTC), **fields)


def test_reserved_ids_come_after_every_existing_row_and_are_never_handed_out_twice(db):
    existing = AuditEntry.objects.create(action="test.existing")
    with transaction.atomic():
        first = reserve_ids(AuditEntry, 3)
        second = reserve_ids(AuditEntry, 2)
    assert first == list(range(first[0], first[0] + 3))
    assert existing.pk < first[0]
    assert first[-1] < second[0]
    assert reserve_ids(AuditEntry, 0) == []
    later = AuditEntry.objects.create(action="test.later")
    assert later.pk > second[-1]


def test_reserving_ids_outside_a_transaction(transactional_db):
    """SQLite's reservation relies on the transaction's write lock, so it refuses to run without one; PostgreSQL's
    sequence is safe anywhere."""
    if connection.vendor == "sqlite":
        with pytest.raises(RuntimeError):
            reserve_ids(AuditEntry, 1)
    else:
        assert len(reserve_ids(AuditEntry, 1)) == 1


def test_fast_insert_writes_instances_with_json_and_dates_as_the_orm_would(db, clerk):
    with transaction.atomic():
        ids = reserve_ids(AuditEntry, 2)
        first = entry(ids[0], "test.bulk", data={"名称": "东风街道", "items": [1, 2]})
        set_related(first, "actor", clerk)
        fast_insert(AuditEntry, [first, entry(ids[1], "test.bulk", data={})])
    stored = AuditEntry.objects.filter(pk__in=ids).order_by("pk")
    assert [(e.pk, e.action, e.data, e.actor_id) for e in stored] == [
        (ids[0], "test.bulk", {"名称": "东风街道", "items": [1, 2]}, clerk.pk),
        (ids[1], "test.bulk", {}, None),
    ]
    assert stored[0].at == datetime(2026, 9, 18, 8, 30, tzinfo=UTC)
    assert first.actor is clerk  # set_related filled the cache as the descriptor would


def test_insert_rows_and_fetch_rows_round_trip_many_rows(db):
    as_json = json_writer()
    at = AuditEntry._meta.get_field("at").get_db_prep_save(datetime(2026, 1, 1, tzinfo=UTC), connection)
    rows = [(f"test.row.{n}", as_json({"n": n}), at, "", "", "", "") for n in range(12)]
    with transaction.atomic():
        insert_rows(
            AuditEntry,
            ["action", "data", "at", "actor_label", "target_type", "target_id", "target_label"],
            rows,
            batch_size=5,
        )
    fetched = fetch_rows(AuditEntry.objects.filter(action__startswith="test.row.").order_by("pk"), ["action", "data"])
    assert [action for action, _data in fetched] == [f"test.row.{n}" for n in range(12)]
    assert AuditEntry.objects.get(action="test.row.11").data == {"n": 11}
