"""Convert the stored values both ways: status "expired" ↔ "taken_offline", validity "expired" ↔ "lapsed", in
records and in the validity kept in revisions' metadata (see 0005)."""

from django.db import migrations

RENAMES = {"status": ("expired", "taken_offline"), "validity": ("expired", "lapsed")}


def convert(apps, *, forwards: bool) -> None:
    Record = apps.get_model("publishing", "Record")
    Revision = apps.get_model("publishing", "Revision")
    for field, (old, new) in RENAMES.items():
        before, after = (old, new) if forwards else (new, old)
        Record.objects.filter(**{field: before}).update(**{field: after})
    old, new = RENAMES["validity"]
    before, after = (old, new) if forwards else (new, old)
    for revision in Revision.objects.filter(metadata__validity=before).only("pk", "metadata").iterator():
        revision.metadata["validity"] = after
        Revision.objects.filter(pk=revision.pk).update(metadata=revision.metadata)


def forwards(apps, schema_editor):
    convert(apps, forwards=True)


def backwards(apps, schema_editor):
    convert(apps, forwards=False)


class Migration(migrations.Migration):
    dependencies = [("publishing", "0005_rename_taken_offline_and_lapsed")]

    operations = [migrations.RunPython(forwards, backwards)]
