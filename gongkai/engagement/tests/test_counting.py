"""Reading counts, shares and 有用/没用: per-day rows, atomic under concurrent requests, nothing about who."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.engagement import services
from gongkai.engagement.models import DailyCount
from gongkai.engagement.selectors import engagement_counts
from gongkai.engagement.services.counting import count_event
from gongkai.publishing.models import RecordStatus
from gongkai.publishing.tests.factories import draft, force_status

COUNT = reverse("portal:engagement:count")


@pytest.fixture
def record(department, clerk):
    return force_status(draft(department, clerk), RecordStatus.PUBLISHED)


@pytest.mark.django_db
def test_a_reading_is_counted_once_per_address_and_hour(client, record):
    for _attempt in range(3):
        assert client.post(COUNT, {"kind": "record", "id": record.pk, "event": "view"}).status_code == 204
    Client(REMOTE_ADDR="10.0.0.2").post(COUNT, {"kind": "record", "id": record.pk, "event": "view"})
    row = DailyCount.objects.get()
    assert (row.kind, row.object_id, row.day, row.views) == ("record", record.pk, timezone.localdate(), 2)
    assert engagement_counts(kind="record", object_ids=[record.pk])[record.pk]["views"] == 2


@pytest.mark.django_db
def test_rating_form_works_without_javascript_and_keeps_no_personal_data(client, record):
    path = reverse("portal:publishing:record", args=[record.pk])
    response = client.post(COUNT, {"kind": "record", "id": record.pk, "event": "useful", "next": path})
    assert response.status_code == 302
    assert response["Location"] == f"{path}#feedback"
    client.post(COUNT, {"kind": "record", "id": record.pk, "event": "not_useful", "next": path})
    row = DailyCount.objects.get()
    assert (row.useful, row.not_useful) == (1, 0)
    assert {field.name for field in DailyCount._meta.fields} == {
        "id",
        "kind",
        "object_id",
        "day",
        "views",
        "shares",
        "useful",
        "not_useful",
    }
    assert "sessionid" not in response.cookies


@pytest.mark.django_db
def test_drafts_and_unknown_objects_cannot_be_counted(client, department, clerk):
    unpublished = draft(department, clerk)
    assert client.post(COUNT, {"kind": "record", "id": unpublished.pk, "event": "view"}).status_code == 404
    assert client.post(COUNT, {"kind": "record", "id": 999999, "event": "view"}).status_code == 404
    assert client.post(COUNT, {"kind": "secret", "id": 1, "event": "view"}).status_code == 404
    assert not DailyCount.objects.exists()


@pytest.mark.django_db
def test_record_page_stays_cacheable_and_shows_the_widget(client, record):
    response = client.get(reverse("portal:publishing:record", args=[record.pk]))
    body = response.content.decode()
    assert 'data-count-kind="record"' in body
    widget = body[body.index('id="feedback"') : body.index("</section>", body.index('id="feedback"'))]
    assert "csrfmiddlewaretoken" not in widget  # the same bytes for every visitor
    assert 'name="event" value="useful"' in widget


@pytest.mark.django_db
def test_policy_page_links_back_to_its_call(client, record, department, clerk, reviewer, office):
    from .factories import open_call

    call = open_call(clerk=clerk, reviewer=reviewer, office=office, organization=department)
    from gongkai.engagement.models import CommentCall

    CommentCall.objects.filter(pk=call.pk).update(final_policy=record, status="feedback_published")
    body = client.get(reverse("portal:publishing:record", args=[record.pk])).content.decode()
    assert reverse("portal:engagement:call", args=[call.pk]) in body


@pytest.mark.django_db
def test_linking_a_policy_shows_on_its_page_at_once_though_the_page_was_cached(
    client, record, department, clerk, reviewer, office, django_capture_on_commit_callbacks
):
    from gongkai.engagement import services
    from gongkai.engagement.models import CommentCall

    from .factories import open_call

    call = open_call(clerk=clerk, reviewer=reviewer, office=office, organization=department)
    CommentCall.objects.filter(pk=call.pk).update(status="reviewing")  # its period over
    url = reverse("portal:publishing:record", args=[record.pk])
    assert reverse("portal:engagement:call", args=[call.pk]) not in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        services.link_final_policy(actor=clerk, call=call, record=record)

    assert reverse("portal:engagement:call", args=[call.pk]) in client.get(url).content.decode()


@pytest.mark.django_db(transaction=True)
def test_concurrent_events_are_all_counted(department, clerk):
    """Threads, each with its own database connection, race to create and increment the same day's row. Real
    parallel transactions on PostgreSQL; the test database of SQLite (shared memory) locks tables instead of waiting,
    so there the same threads run one after another."""
    threads_count, per_thread = 8, 5
    parallel = connection.vendor == "postgresql"
    barrier = threading.Barrier(threads_count if parallel else 1)
    errors = []

    def work():
        try:
            barrier.wait()
            for _index in range(per_thread):
                count_event(kind="record", object_id=42, event="view")
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _index in range(threads_count)]
    for thread in threads:
        thread.start()
        if not parallel:
            thread.join()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert DailyCount.objects.get(kind="record", object_id=42).views == threads_count * per_thread


@pytest.mark.django_db
def test_selectors_for_oversight(department, clerk, reviewer):
    from datetime import date

    from gongkai.engagement.selectors import daily_totals, inquiry_indicators

    from .factories import answered, register

    count_event(kind="record", object_id=7, event="useful", day=date(2026, 11, 2))
    count_event(kind="record", object_id=8, event="useful", day=date(2026, 11, 2))
    count_event(kind="record", object_id=7, event="share", day=date(2026, 11, 3))
    rows = daily_totals(kind="record", since=date(2026, 11, 1), until=date(2026, 11, 30))
    assert [(row["day"], row["useful"], row["shares"]) for row in rows] == [
        (date(2026, 11, 2), 2, 0),
        (date(2026, 11, 3), 0, 1),
    ]
    inquiry = answered(register(clerk, department, received_on=date(2026, 11, 2)), handler=clerk, reviewer=reviewer)
    services.rate_inquiry(inquiry=inquiry, rating="satisfied")
    register(clerk, department, received_on=date(2026, 11, 3))
    indicators = inquiry_indicators(since=date(2026, 11, 1), until=date(2026, 11, 30), today=date(2026, 12, 6))
    assert indicators["received"] == 2
    assert indicators["answered"] == 1
    assert indicators["answered_on_time"] == 0  # answered today, long after 5 working days
    assert indicators["overdue"] == 1
    assert indicators["ratings"] == {"satisfied": 1, "basically": 0, "unsatisfied": 0}


@pytest.mark.django_db
def test_service_guides_are_counted_like_records_and_only_when_in_force(client, department):
    from gongkai.services.models import GuideStatus
    from gongkai.services.tests.factories import GuideFactory

    guide = GuideFactory(organization=department, name="最低生活保障审批")
    draft_guide = GuideFactory(organization=department, status=GuideStatus.DRAFT)
    body = client.get(guide.get_absolute_url()).content.decode()
    widget = body[body.index('id="feedback"') : body.index("</section>", body.index('id="feedback"'))]
    assert f'data-count-kind="guide" data-count-id="{guide.pk}"' in widget
    assert "csrfmiddlewaretoken" not in widget  # the same bytes for every visitor: the page stays cacheable
    assert not DailyCount.objects.exists()  # showing the page counts nothing; the beacon does
    for event in ("view", "useful", "share"):
        assert client.post(COUNT, {"kind": "guide", "id": guide.pk, "event": event}).status_code == 204
    assert client.post(COUNT, {"kind": "guide", "id": draft_guide.pk, "event": "view"}).status_code == 404
    assert engagement_counts(kind="guide") == {guide.pk: {"views": 1, "shares": 1, "useful": 1, "not_useful": 0}}
    index = client.get(reverse("portal:services:index")).content.decode()
    assert f'{guide.get_absolute_url()}">最低生活保障审批</a></td><td>{department.display_name}</td><td>1</td>' in index
