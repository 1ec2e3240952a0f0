"""Seed every holiday schedule the chinese-calendar package knows (2004–2026); later years are entered by the office."""

from django.db import migrations


def seed(apps, schema_editor):
    from gongkai.core.calendar_seed import seed_from_package

    seed_from_package(apps.get_model("core", "ScheduleYear"), apps.get_model("core", "WorkdayOverride"))


class Migration(migrations.Migration):
    dependencies = [("core", "0002_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
