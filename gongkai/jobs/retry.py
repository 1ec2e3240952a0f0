"""Retries with exponential backoff for tasks run by `gongkai worker`.

Every task is idempotent by contract (it takes ids and re-reads what it works on), so any task may be retried. A
failed attempt is followed by a new task result for the same task and arguments, due after
GONGKAI_TASK_RETRY_SECONDS × 2^(attempt−1) (capped at one hour), until GONGKAI_TASK_MAX_ATTEMPTS attempts were made.
A DomainError is a business rule saying no: trying again cannot help, so it is not retried, unless it is marked
transient (the search service that cannot be reached now).
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from gongkai.core.errors import DomainError

from .models import Job

MAX_DELAY = timedelta(hours=1)


def delay_for(attempt: int) -> timedelta:
    """The wait before attempt `attempt + 1`: 30 s, 60 s, 120 s, … (with the default base), at most an hour."""
    return min(MAX_DELAY, timedelta(seconds=settings.GONGKAI_TASK_RETRY_SECONDS * 2 ** (attempt - 1)))


def retryable(exception_class_path: str) -> bool:
    try:
        exception_class = import_string(exception_class_path)
    except ImportError:
        return True
    if isinstance(exception_class, type) and issubclass(exception_class, DomainError):
        return exception_class.transient
    return True


def schedule_retry(db_result) -> str | None:
    """After a failed attempt, enqueue the next one (returns its task id), or None when no attempt is left."""
    task_id = str(db_result.id)
    job = Job.objects.filter(task_id=task_id).first()
    attempt = job.attempt if job else 1
    first_task_id = job.first_task_id if job else task_id
    if attempt >= settings.GONGKAI_TASK_MAX_ATTEMPTS or not retryable(db_result.exception_class_path):
        return None
    task = db_result.task.using(run_after=timezone.now() + delay_for(attempt))
    args_kwargs = db_result.args_kwargs
    result = task.enqueue(*args_kwargs["args"], **args_kwargs["kwargs"])
    Job.objects.update_or_create(
        task_id=str(result.id),
        defaults={"first_task_id": first_task_id, "attempt": attempt + 1, "task_path": db_result.task_path},
    )
    return str(result.id)
