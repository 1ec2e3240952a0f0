"""The check constraint on published records, naming "taken_offline" instead of "expired" (see 0005)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("publishing", "0006_convert_taken_offline_and_lapsed")]

    operations = [
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
