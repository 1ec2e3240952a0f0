"""On PostgreSQL: the weighted tsvector over the segmented text, its GIN index, and GIN indexes for the filters.

Nothing happens on other databases, where the embedded engine serves searches.
"""

from django.db import migrations

FORWARD = [
    """
    ALTER TABLE search_indexeddocument ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', title_tokens), 'A') || setweight(to_tsvector('simple', body_tokens), 'D')
    ) STORED
    """,
    "CREATE INDEX search_document_vector ON search_indexeddocument USING gin (vector)",
    "CREATE INDEX search_document_facets ON search_indexeddocument USING gin (facets jsonb_path_ops)",
    "CREATE INDEX search_document_lookup ON search_indexeddocument USING gin (lookup_keys jsonb_path_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_document_lookup",
    "DROP INDEX IF EXISTS search_document_facets",
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_indexeddocument DROP COLUMN IF EXISTS vector",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
