"""Helpers that build records for tests: through the services, or (to set up a state) written directly."""

from datetime import date, timedelta

from django.utils import timezone

from gongkai.publishing.models import EVER_PUBLISHED_STATUSES, Genre, Record, RecordStatus
from gongkai.publishing.services import create_record

SERIAL = {"n": 0}


def draft(organization, author, **fields) -> Record:
    SERIAL["n"] += 1
    values = {
        "title": f"关于做好第{SERIAL['n']}批城乡居民最低生活保障工作的通知",
        "written_on": date(2025, 3, 3),
        "genre": Genre.NOTICE,
        "body": "<p>各街道办事处：现将有关事项通知如下。</p>",
    }
    values.update(fields)
    return create_record(organization=organization, actor=author, **values)


def force_status(record: Record, status: str, **fields) -> Record:
    """Put a record into `status` directly (test set-up only), with the fields that state implies."""
    values = {"status": status, **fields}
    if status in EVER_PUBLISHED_STATUSES:
        values.setdefault("index_number", f"TEST/{record.pk:05d}")
        values.setdefault("published_at", timezone.now() - timedelta(days=3))
    if status == RecordStatus.SCHEDULED:
        values.setdefault("scheduled_for", timezone.now() - timedelta(minutes=5))
    Record.objects.filter(pk=record.pk).update(**values)
    record.refresh_from_db()
    return record
