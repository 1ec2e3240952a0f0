"""The rename of the stored values "expired" (status and validity) converts existing rows both ways."""

from datetime import date

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from gongkai.publishing.models import Record, RecordStatus, Revision, Validity

from .factories import draft, force_status

BEFORE = [("publishing", "0004_constraint_messages")]
AFTER = [("publishing", "0007_taken_offline_constraint")]


def migrate(target) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)


def migrate_to_latest() -> None:
    """Back to every app's newest migration, so the tests after this one find the schema they expect."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def stored(record) -> tuple[str, str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT status, validity FROM publishing_record WHERE id = %s", [record.pk])
        status, validity = cursor.fetchone()
    metadata = Revision.objects.filter(record=record).order_by("number").values_list("metadata", flat=True).first()
    return status, validity, metadata["validity"]


def test_taken_offline_and_lapsed_are_converted_back_and_forth(transactional_db, department, clerk):
    offline = force_status(
        draft(department, clerk, validity=Validity.LAPSED, expired_on=date(2025, 6, 1)), RecordStatus.TAKEN_OFFLINE
    )
    other = force_status(draft(department, clerk), RecordStatus.WITHDRAWN)
    assert stored(offline) == ("taken_offline", "lapsed", "lapsed")
    try:
        migrate(BEFORE)
        assert stored(offline) == ("expired", "expired", "expired")
        assert stored(other) == ("withdrawn", "in_force", "in_force")
    finally:
        migrate_to_latest()
    assert stored(offline) == ("taken_offline", "lapsed", "lapsed")
    assert stored(other) == ("withdrawn", "in_force", "in_force")
    assert Record.objects.get(pk=offline.pk).status == RecordStatus.TAKEN_OFFLINE


def test_plain_text_bodies_become_paragraphs_and_html_bodies_stay(department, clerk):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("gongkai.publishing.migrations.0010_plain_bodies_as_paragraphs")
    plain, marked = draft(department, clerk), draft(department, clerk, body="<p>已有段落</p>")
    Record.objects.filter(pk=plain.pk).update(body="第一段 a<b\n\n第二段")
    migration.convert(apps, None)
    assert Record.objects.get(pk=plain.pk).body == "<p>第一段 a&lt;b</p><p>第二段</p>"
    assert Record.objects.get(pk=marked.pk).body == "<p>已有段落</p>"
