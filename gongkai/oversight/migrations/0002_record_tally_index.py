"""A covering index on publishing's records for the leaderboard's one pass over the year's records.

`rules.builtin.record_counts` counts, per organization, the records published in the assessed period, how many were
late and how many needed an interpretation. With this index both SQLite and PostgreSQL answer from the index alone
instead of fetching 100,000 rows (bench/oversight.py: 0.6 s → 0.03 s on SQLite). It lives here, not in the
publishing model, because only oversight reads records this way; dropping it changes speed, never results.
"""

from django.db import migrations

COLUMNS = "organization_id, status, published_at, published_late, needs_interpretation"


class Migration(migrations.Migration):
    dependencies = [
        ("oversight", "0001_initial"),
        ("publishing", "0008_interpretation_sync_and_event_date"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS oversight_record_tally ON publishing_record ({COLUMNS})",
            reverse_sql="DROP INDEX IF EXISTS oversight_record_tally",
        ),
    ]
