"""Background tasks of the engagement app (run by `gongkai worker`; the reminders enqueued daily by
`gongkai scheduler`): thin, taking plain values, safe to retry."""

from datetime import date

from django.tasks import task
from django.utils import timezone

from gongkai.jobs.progress import done_before, mark_done

from .services.counting import count_event
from .services.reminders import send_reminders as send_reminders_now


@task
def record_count(kind: str, object_id: int, event: str, day: str) -> None:
    """Count one reading, share or rating, for the day it happened (not the day the worker runs)."""
    count_event(kind=kind, object_id=object_id, event=event, day=date.fromisoformat(day))


@task
def send_reminders(day: str = "") -> dict:
    """The day's digest of inquiries near or past their reply deadline (and those at veto risk), sent once per day
    however often the job runs (a retry, two schedulers)."""
    day = day or timezone.localdate().isoformat()
    key = f"engagement.remind:{day}"
    if done_before(key):
        return {"day": day, "sent": 0, "skipped": True}
    sent = send_reminders_now()
    mark_done(key)
    return {"day": day, "sent": len(sent), "skipped": False}
