"""Background work of oversight: the daily self-inspection and the daily reminder digests.

Both are safe to run twice: inspection keeps one row per finding, and reminders claim one log row per person,
channel and day. A scheduler (cron or the task worker's periodic runner) enqueues them once a day; the same work
is available as `gongkai oversight inspect` and `gongkai oversight remind`.
"""

from django.tasks import task

from .services import run_inspection, send_reminders


@task
def daily_inspection() -> int:
    return run_inspection().findings_total


@task
def daily_reminders() -> int:
    return len(send_reminders())
