"""Index numbers: format, per-organization patterns, and gap-free unique allocation under concurrency."""

import threading
from datetime import datetime

import pytest
from django.db import OperationalError, connection, connections, transaction
from django.utils import timezone

from gongkai.core.errors import AccessDenied
from gongkai.publishing import services
from gongkai.publishing.errors import PublishingError, PublishingErrorCode
from gongkai.publishing.models import IndexCounter, Record, RecordStatus
from gongkai.publishing.services.numbering import format_index_number

from .factories import draft, force_status

WORKERS = 8


def test_default_pattern_uses_the_organization_code_inside_the_credit_code(department):
    number = format_index_number(
        "{org_code}/{year}-{serial:05d}", organization=department, year=2025, month=3, serial=42
    )
    assert number == f"{department.credit_code[8:17]}/2025-00042"
    assert len(number) == 20


def test_each_organization_and_year_counts_separately(department, other_department, clerk, other_clerk):
    at = timezone.make_aware(datetime(2025, 12, 31, 23, 0))
    assert services.allocate_index_number(organization=department, at=at).endswith("/2025-00001")
    assert services.allocate_index_number(organization=department, at=at).endswith("/2025-00002")
    assert services.allocate_index_number(organization=other_department, at=at).endswith("/2025-00001")
    next_year = timezone.make_aware(datetime(2026, 1, 1, 0, 30))
    assert services.allocate_index_number(organization=department, at=next_year).endswith("/2026-00001")


def test_office_sets_a_custom_pattern_and_old_numbers_stay(department, clerk, reviewer, office):
    first = services.publish_record(record=force_status(draft(department, clerk), RecordStatus.CLEARED), actor=reviewer)
    services.set_index_pattern(
        organization=department, pattern="{credit_code}/{year}{month}-{serial:05d}", actor=office
    )
    second = services.publish_record(
        record=force_status(draft(department, clerk), RecordStatus.CLEARED), actor=reviewer
    )
    now = timezone.localtime()
    assert second.index_number == f"{department.credit_code}/{now.year}{now.month:02d}-00002"
    first.refresh_from_db()
    assert first.index_number == f"{department.credit_code[8:17]}/{now.year}-00001"


@pytest.mark.parametrize(
    ("pattern", "fragment"),
    [
        ("{org_code}-{serial:05d}", "{year}"),
        ("{org_code}/{year}", "{year}"),
        ("{org_code}/{year}-{serial:05d", "花括号"),
        ("{org}/{year}-{serial:05d}", "不认识"),
        ("{org_code}/{year}-{serial:05x}", None),
    ],
)
def test_bad_patterns_are_refused(department, office, pattern, fragment):
    if fragment is None:
        services.set_index_pattern(organization=department, pattern=pattern, actor=office)
        return
    with pytest.raises(PublishingError) as caught:
        services.set_index_pattern(organization=department, pattern=pattern, actor=office)
    assert caught.value.code == PublishingErrorCode.INVALID_PATTERN
    assert fragment in caught.value.message


def test_pattern_without_organization_code_must_be_unique(department, other_department, office):
    services.set_index_pattern(organization=department, pattern="QX-MZ-{year}-{serial:05d}", actor=office)
    with pytest.raises(PublishingError):
        services.set_index_pattern(organization=other_department, pattern="QX-MZ-{year}-{serial:05d}", actor=office)


def test_only_the_office_sets_patterns(department, reviewer):
    with pytest.raises(AccessDenied):
        services.set_index_pattern(organization=department, pattern="{org_code}/{year}-{serial:04d}", actor=reviewer)


def test_a_failed_publication_leaves_no_gap(department, clerk, reviewer):
    blocked = force_status(draft(department, clerk, body="<p>手机13812345678</p>"), RecordStatus.CLEARED)
    with pytest.raises(PublishingError):
        services.publish_record(record=blocked, actor=reviewer)
    record = services.publish_record(
        record=force_status(draft(department, clerk), RecordStatus.CLEARED), actor=reviewer
    )
    assert record.index_number.endswith("-00001")


def publish_in_thread(record_id, actor, barrier, results, errors):
    try:
        if barrier is not None:
            barrier.wait(timeout=30)
        record = services.publish_record(record=Record.objects.get(pk=record_id), actor=actor)
        results.append((record.pk, record.index_number, connection.vendor))
    except Exception as error:  # noqa: BLE001 - reported to the main thread
        errors.append(error)
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_concurrent_publications_get_distinct_consecutive_numbers(department, clerk, reviewer):
    """Real parallel transactions on PostgreSQL; on SQLite (one writer at a time) the same jobs run one by one."""
    records = [force_status(draft(department, clerk), RecordStatus.CLEARED) for _ in range(WORKERS)]
    parallel = connection.vendor == "postgresql"
    barrier = threading.Barrier(WORKERS) if parallel else None
    results, errors = [], []
    threads = [
        threading.Thread(target=publish_in_thread, args=(record.pk, reviewer, barrier, results, errors))
        for record in records
    ]
    for thread in threads:
        thread.start()
        if not parallel:
            thread.join()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    year = timezone.localdate().year
    prefix = department.credit_code[8:17]
    assert sorted(number for _pk, number, _vendor in results) == [
        f"{prefix}/{year}-{serial:05d}" for serial in range(1, WORKERS + 1)
    ]
    assert IndexCounter.objects.get(organization=department, year=year).last_serial == WORKERS
    if parallel:
        assert {vendor for _pk, _number, vendor in results} == {"postgresql"}


@pytest.mark.django_db(transaction=True)
def test_allocation_waits_for_the_counter_lock_on_postgresql(department, clerk, reviewer):
    """While another transaction holds the counter row, a publication cannot take a number (PostgreSQL only: SQLite
    has no row locks and serializes whole write transactions instead, which the test above exercises)."""
    record = force_status(draft(department, clerk), RecordStatus.CLEARED)
    with transaction.atomic():
        services.allocate_index_number(organization=department, at=timezone.now())  # the counter row: serial 1
    if connection.vendor != "postgresql":
        assert IndexCounter.objects.get(organization=department).last_serial == 1
        return
    outcome = {}

    def contender():
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '300ms'")
                services.publish_record(record=Record.objects.get(pk=record.pk), actor=reviewer)
            outcome["result"] = "published"
        except OperationalError as error:
            outcome["result"] = type(error.__cause__).__name__
        finally:
            connections.close_all()

    with transaction.atomic():
        IndexCounter.objects.select_for_update().get(organization=department)
        thread = threading.Thread(target=contender)
        thread.start()
        thread.join(timeout=30)
    assert outcome["result"] == "LockNotAvailable"
    record.refresh_from_db()
    assert (record.status, record.index_number) == (RecordStatus.CLEARED, None)
    assert IndexCounter.objects.get(organization=department).last_serial == 1
