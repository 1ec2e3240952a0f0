"""The database queue: tasks enqueued through django.tasks run in `gongkai worker`, failures retried with backoff."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gongkai.jobs.models import Job
from gongkai.jobs.retry import delay_for

from . import tasks_for_tests
from .tasks_for_tests import counting, flaky, refused

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_queue(settings):
    tasks_for_tests.CALLS.clear()
    settings.GONGKAI_TASK_QUEUE = "database"
    settings.GONGKAI_TASK_RETRY_SECONDS = 30
    with override_settings(TASKS=DATABASE_QUEUE):
        yield


def run_worker():
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def make_due_now():
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now() - timedelta(seconds=1))


def test_enqueue_stores_the_task_until_the_worker_runs_it(database_queue):
    result = flaky.enqueue("a", 0)
    assert DBTaskResult.objects.get(id=result.id).status == "READY"
    assert tasks_for_tests.CALLS == []
    run_worker()
    row = DBTaskResult.objects.get(id=result.id)
    assert row.status == "SUCCESSFUL"
    assert row.return_value == 1


def test_a_failed_task_is_retried_later_with_growing_delays(database_queue):
    first = flaky.enqueue("b", 2)
    before = timezone.now()
    run_worker()
    assert DBTaskResult.objects.get(id=first.id).status == "FAILED"
    second = DBTaskResult.objects.get(status="READY")
    assert second.args_kwargs == {"args": ["b", 2], "kwargs": {}}
    assert second.run_after >= before + timedelta(seconds=30)
    assert Job.objects.get(task_id=str(second.id)).attempt == 2
    run_worker()  # not due yet: nothing runs
    assert tasks_for_tests.CALLS == ["b"]
    make_due_now()
    run_worker()
    third = DBTaskResult.objects.get(status="READY")
    assert third.run_after >= timezone.now() + timedelta(seconds=55)  # 60 s after the second failure
    job = Job.objects.get(task_id=str(third.id))
    assert (job.attempt, job.first_task_id) == (3, str(first.id))
    make_due_now()
    run_worker()
    assert DBTaskResult.objects.get(id=third.id).status == "SUCCESSFUL"
    assert tasks_for_tests.CALLS == ["b", "b", "b"]


def test_retries_stop_after_the_last_attempt(database_queue, settings):
    settings.GONGKAI_TASK_MAX_ATTEMPTS = 2
    flaky.enqueue("c", 10)
    run_worker()
    make_due_now()
    run_worker()
    make_due_now()
    run_worker()
    assert tasks_for_tests.CALLS == ["c", "c"]
    assert DBTaskResult.objects.filter(status="FAILED").count() == 2
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_a_domain_error_is_not_retried(database_queue):
    refused.enqueue("d")
    run_worker()
    assert DBTaskResult.objects.get().status == "FAILED"
    assert tasks_for_tests.CALLS == ["d"]


def test_delays_double_up_to_an_hour(settings):
    settings.GONGKAI_TASK_RETRY_SECONDS = 30
    assert [delay_for(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert delay_for(20) == timedelta(hours=1)


def test_progress_is_recorded_per_task(database_queue):
    result = counting.enqueue(3)
    run_worker()
    job = Job.objects.get(task_id=str(result.id))
    assert (job.done, job.total, job.note, job.percent) == (3, 3, "3/3", 100)
    assert job.task_path.endswith("tasks_for_tests.counting")


def test_inline_queue_runs_the_task_at_once(settings):
    tasks_for_tests.CALLS.clear()
    result = flaky.enqueue("e", 0)
    assert tasks_for_tests.CALLS == ["e"]
    assert result.return_value == 1
    assert not DBTaskResult.objects.exists()


def test_worker_refuses_without_a_database_queue():
    with pytest.raises(Exception, match="database"):
        call_command("worker", "--batch", "--no-reload")
