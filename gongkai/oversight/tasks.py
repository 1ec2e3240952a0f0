"""Background work of oversight: the daily self-inspection and the daily reminder digests.

Both are safe to run twice: inspection keeps one row per finding, and reminders claim one log row per person,
channel and day. A scheduler (cron or the task worker's periodic runner) enqueues them once a day; the same work
is available as `gongkai oversight inspect` and `gongkai oversight remind`.
"""

from django.tasks import task

from gongkai.orgs.models import Person

from .services import run_inspection, send_reminders


@task
def daily_inspection() -> int:
    return run_inspection().findings_total


@task
def daily_reminders() -> int:
    return len(send_reminders())


@task
def inspection_for(person_id: int) -> dict:
    """The 立即检查 button: check every site in the person's scope now (without external links, which the daily
    run checks). Safe to run twice: a second run finds the same findings and keeps them."""
    run = run_inspection(actor=Person.objects.get(pk=person_id), external=False)
    return {"run_id": run.pk, "total": run.findings_total, "veto": run.veto_total}
