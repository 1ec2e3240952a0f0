"""Tasks say how far they got; the back office's jobs page shows it.

A task that reports progress takes the task context (`@task(takes_context=True)`, first argument `context`) and
calls `report(context, done=…, total=…)`. Without a context (a plain function call, e.g. from a command) it does
nothing, so the same code runs inline and on the queue.
"""

from django.db import transaction
from django.utils import timezone

from .models import Completion, Job


def task_id_of(context) -> str | None:
    result = getattr(context, "task_result", None)
    return str(result.id) if result is not None and result.id else None


def report(context, *, done: int, total: int | None = None, note: str = "") -> None:
    task_id = task_id_of(context)
    if task_id is None:
        return
    result = context.task_result
    defaults = {"done": done, "total": total, "note": note[:200], "task_path": task_path_of(result)}
    job, created = Job.objects.get_or_create(task_id=task_id, defaults={**defaults, "first_task_id": task_id})
    if not created:
        Job.objects.filter(pk=job.pk).update(**defaults, updated_at=timezone.now())


def task_path_of(result) -> str:
    task = getattr(result, "task", None)
    return getattr(task, "module_path", "") or ""


def done_before(key: str) -> bool:
    """Whether a job that must happen once per key (one reminder digest per day) already did."""
    return Completion.objects.filter(key=key[:200]).exists()


def mark_done(key: str) -> None:
    """Record that the once-per-key job succeeded: marked after acting, so a failure is retried (at least once)."""
    with transaction.atomic():
        Completion.objects.get_or_create(key=key[:200])
