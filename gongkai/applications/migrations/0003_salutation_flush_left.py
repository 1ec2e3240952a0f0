from django.db import migrations

OLD = "<p>{{ 申请人 }}：</p>"
NEW = '<p class="salutation">{{ 申请人 }}：</p>'


def flush_left(apps, schema_editor):
    """The salutation of an official letter starts at the margin (顶格); untouched seeded templates get the class."""
    LetterTemplate = apps.get_model("applications", "LetterTemplate")
    for template in LetterTemplate.objects.filter(body__startswith=OLD):
        template.body = NEW + template.body[len(OLD) :]
        template.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [("applications", "0002_seed_letter_templates")]

    operations = [migrations.RunPython(flush_left, migrations.RunPython.noop)]
