from django.db import migrations

# The texts as of this migration; later edits happen in the back office.
from gongkai.applications.letter_texts import default_templates


def seed(apps, schema_editor):
    LetterTemplate = apps.get_model("applications", "LetterTemplate")
    for outcome, title, body in default_templates():
        LetterTemplate.objects.get_or_create(outcome=outcome, defaults={"title": title, "body": body})


class Migration(migrations.Migration):
    dependencies = [("applications", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
