"""Background jobs of on-request disclosure (run by `gongkai worker`, enqueued by `gongkai scheduler`)."""

from django.tasks import task
from django.utils import timezone


@task
def send_reminders(day: str = "") -> dict:
    """The day's reminder digest, sent once per day however often the job runs (retries, two schedulers)."""
    from gongkai.jobs.progress import done_before, mark_done

    from .services import send_reminders as send_now

    day = day or timezone.localdate().isoformat()
    key = f"applications.remind:{day}"
    if done_before(key):
        return {"day": day, "sent": 0, "skipped": True}
    sent = send_now()
    mark_done(key)
    return {"day": day, "sent": len(sent), "skipped": False}
