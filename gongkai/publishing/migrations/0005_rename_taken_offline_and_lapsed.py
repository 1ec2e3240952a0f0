"""RecordStatus.EXPIRED ("expired") becomes TAKEN_OFFLINE ("taken_offline") and Validity.EXPIRED ("expired")
becomes LAPSED ("lapsed"), so that a record taken offline and a document no longer in force cannot be confused.
Existing rows, and the validity kept in revisions' metadata, are converted both ways."""

from django.conf import settings
from django.db import migrations, models

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
    dependencies = [
        ("catalog", "0004_index_adopted_items_only"),
        ("orgs", "0001_initial"),
        ("publishing", "0004_constraint_messages"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="record",
            name="publishing_record_published_has_index_number",
        ),
        migrations.AlterField(
            model_name="record",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "草稿"),
                    ("submitted", "待审核"),
                    ("reviewed", "待保密审查"),
                    ("cleared", "待发布"),
                    ("scheduled", "定时发布"),
                    ("published", "已发布"),
                    ("withdrawn", "已撤回"),
                    ("taken_offline", "已过期下线"),
                ],
                db_index=True,
                default="draft",
                max_length=16,
                verbose_name="状态",
            ),
        ),
        migrations.AlterField(
            model_name="record",
            name="validity",
            field=models.CharField(
                choices=[("in_force", "有效"), ("lapsed", "失效"), ("repealed", "废止")],
                default="in_force",
                max_length=10,
                verbose_name="有效性",
            ),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.AddConstraint(
            model_name="record",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status__in", ["published", "withdrawn", "taken_offline"]), _negated=True),
                    models.Q(("index_number__isnull", False), ("published_at__isnull", False)),
                    _connector="OR",
                ),
                name="publishing_record_published_has_index_number",
                violation_error_message="已发布、撤回或下线的信息必须有索引号和发布日期。",
            ),
        ),
    ]
