"""Enqueue the scheduled jobs that are due, once each even with two schedulers running."""

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import ScheduledRun
from .schedule import SCHEDULE, Entry


def enqueue_due(*, now=None, schedule=None) -> list[tuple[str, str]]:
    """Enqueue every due entry; returns (entry name, task id) pairs."""
    now = now or timezone.now()
    enqueued = []
    for item in schedule or SCHEDULE:
        task_id = enqueue_if_due(item, now)
        if task_id is not None:
            enqueued.append((item.name, task_id))
    return enqueued


def enqueue_if_due(item: Entry, now) -> str | None:
    with transaction.atomic():
        run = ScheduledRun.objects.select_for_update().filter(name=item.name).first()
        if not item.is_due(run.last_enqueued_at if run else None, now):
            return None
        ScheduledRun.objects.update_or_create(name=item.name, defaults={"last_enqueued_at": now})
    # Enqueued after the row is committed: with the inline queue the job runs here and now, and its failure
    # must not undo the record that this run happened (it is retried by the worker, not by the scheduler).
    result = import_string(item.task_path).enqueue()
    ScheduledRun.objects.filter(name=item.name).update(last_task_id=str(result.id or ""))
    return str(result.id or "")
