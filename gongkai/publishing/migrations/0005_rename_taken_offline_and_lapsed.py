"""RecordStatus.EXPIRED ("expired") becomes TAKEN_OFFLINE ("taken_offline") and Validity.EXPIRED ("expired")
becomes LAPSED ("lapsed"), so that a record taken offline and a document no longer in force cannot be confused.

Three migrations, because PostgreSQL refuses to alter a table in the transaction that updated its rows (deferred
foreign-key checks are pending): this one widens the status column and drops the check constraint naming
"expired", 0006 converts the rows, 0007 restores the constraint with "taken_offline".
"""

from django.conf import settings
from django.db import migrations, models


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
    ]
