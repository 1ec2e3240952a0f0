"""The notification centre: the same lights as the reminder digest, per person, with a read state and a header
count that costs the page nothing."""

from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse

from gongkai.applications.tests.factories import make_application
from gongkai.core.models import AuditEntry
from gongkai.oversight.models import PendingWorkRead

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def overdue(clerk, department):
    return make_application(actor=clerk, organization=department, received_on=date(2026, 9, 1))


def unread(client) -> int:
    response = client.get(reverse("backoffice:notifications:count"))
    assert response.status_code == 200
    return response.json()["unread"]


@pytest.mark.parametrize(
    ("who", "status", "sees"),
    [
        ("anonymous", 302, False),
        ("clerk", 200, True),
        ("reviewer", 200, True),
        ("other_clerk", 200, False),
        ("office", 200, True),  # red lights of every organization in the office's region
    ],
)
def test_notification_centre_shows_each_person_their_own_pending_work(request, client, overdue, who, status, sees):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("backoffice:notifications:index"))
    assert response.status_code == status
    if status == 302:
        assert "/login/" in response["Location"]
        return
    body = response.content.decode()
    assert (overdue.tracking_code in body) is sees
    link = reverse("backoffice:applications:detail", kwargs={"application_id": overdue.pk})
    assert (f'href="{link}"' in body) is sees


def test_marking_read_lowers_the_count_for_that_person_only(client, clerk, reviewer, overdue):
    client.force_login(clerk)
    assert unread(client) == 1
    response = client.post(reverse("backoffice:notifications:read"), {"all": "1"})
    assert response.status_code == 302
    assert unread(client) == 0
    assert PendingWorkRead.objects.filter(person=clerk).count() == 1
    assert AuditEntry.objects.filter(action="oversight.pending_work.read", actor=clerk).count() == 1
    client.force_login(reviewer)
    assert unread(client) == 1


def test_marking_read_twice_changes_nothing(client, clerk, overdue):
    client.force_login(clerk)
    client.post(reverse("backoffice:notifications:read"), {"all": "1"})
    client.post(reverse("backoffice:notifications:read"), {"all": "1"})
    assert PendingWorkRead.objects.filter(person=clerk).count() == 1
    assert AuditEntry.objects.filter(action="oversight.pending_work.read").count() == 1


def test_count_is_cached_for_a_minute(client, clerk, overdue, django_assert_num_queries):
    client.force_login(clerk)
    assert unread(client) == 1
    # only the shell of any staff request (session, person, memberships; the session is saved again at most once a
    # minute, and force_login's first request did that): the count itself comes from the cache
    with django_assert_num_queries(3):
        response = client.get(reverse("backoffice:notifications:count"))
    assert response.status_code == 200
    assert response.json() == {"unread": 1}


def test_header_bell_adds_no_query_to_a_page(client, clerk, overdue):
    client.force_login(clerk)
    response = client.get(reverse("backoffice:password"))
    assert response.status_code == 200
    body = response.content.decode()
    assert f'data-notification-count="{reverse("backoffice:notifications:count")}"' in body
    assert cache.get(f"backoffice:pending-work-unread:{clerk.pk}") is None  # nothing computed for the page


def test_marking_read_needs_staff(client, overdue):
    response = client.post(reverse("backoffice:notifications:read"), {"all": "1"})
    assert response.status_code == 302
    assert PendingWorkRead.objects.count() == 0
