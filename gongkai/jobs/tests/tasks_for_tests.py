"""Module-level tasks the jobs tests enqueue (the queue imports tasks by dotted path)."""

from django.tasks import task

from gongkai.core.errors import DomainError
from gongkai.jobs.progress import report

CALLS: list[str] = []


class TransientError(Exception):
    pass


@task
def flaky(key: str, failures: int) -> int:
    """Fails `failures` times for `key`, then succeeds: what a task meeting a locked database looks like."""
    CALLS.append(key)
    if CALLS.count(key) <= failures:
        raise TransientError(key)
    return CALLS.count(key)


@task
def refused(key: str) -> None:
    CALLS.append(key)
    raise DomainError("no", "规则不允许")


@task(takes_context=True)
def counting(context, total: int) -> int:
    for done in range(1, total + 1):
        report(context, done=done, total=total, note=f"{done}/{total}")
    return total


TICKS: list[int] = []


@task
def tick() -> None:
    TICKS.append(1)
