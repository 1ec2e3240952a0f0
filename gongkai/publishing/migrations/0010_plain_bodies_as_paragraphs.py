"""Bodies saved as plain text (no tag at all, typed before the editor existed) become one paragraph a line, the
same rule the cleaner applies to plain text now; bodies with markup are left as they are. Revisions keep what was
stored then. Reversing leaves the paragraphs (they render the same text)."""

import html
import re

from django.db import migrations

TAG = re.compile(r"<[^>]+>")


def paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(line.strip())}</p>" for line in text.splitlines() if line.strip())


def convert(apps, schema_editor):
    Record = apps.get_model("publishing", "Record")
    plain = Record.objects.exclude(body="").exclude(body__startswith="<").only("pk", "body")
    for record in plain.iterator(chunk_size=500):
        if not TAG.search(record.body):
            Record.objects.filter(pk=record.pk).update(body=paragraphs(record.body))


class Migration(migrations.Migration):
    dependencies = [("publishing", "0009_record_replaced_by")]

    operations = [migrations.RunPython(convert, migrations.RunPython.noop)]
