"""The back office's jobs page: who may see it, and what it shows."""

import pytest
from django.test import override_settings
from django.urls import reverse

from gongkai.jobs.models import Job

from .tasks_for_tests import counting

URL = reverse("backoffice:system:jobs")
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.parametrize(
    ("who", "expected"), [("admin_person", 200), ("office", 200), ("clerk", 403), ("reviewer", 403)]
)
def test_only_administrators_and_offices_see_the_jobs(client, request, who, expected):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == expected


def test_anonymous_visitors_are_sent_to_login(client, db):
    assert client.get(URL)["Location"].startswith(reverse("backoffice:login"))


def test_queued_task_shows_with_its_attempt_and_progress(client, office, settings):
    settings.GONGKAI_TASK_QUEUE = "database"
    with override_settings(TASKS=DATABASE_QUEUE):
        result = counting.enqueue(5)
    Job.objects.create(task_id=str(result.id), first_task_id="x", task_path="p", attempt=3, done=2, total=5)
    client.force_login(office)
    page = client.get(URL).content.decode()
    assert "排队中" in page
    assert "2/5" in page
    assert "<td>3</td>" in page
    assert "定时发布与公示期满下线" in page  # the schedule, by name
    assert "gongkai.jobs.tests" not in page  # no internal paths


def test_inline_queue_is_explained(client, office):
    client.force_login(office)
    assert "未启用后台队列" in client.get(URL).content.decode()
