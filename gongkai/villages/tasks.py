"""Background work of the villages app, enqueued every morning by `gongkai scheduler` (entry `villages.daily`).

Safe to run twice: an issue is reminded (催办) once a day (`reminded_on`), closing unrated issues looks at their state,
and each person gets one reminder message per channel and day (the log's unique row).
"""

from datetime import date

from django.tasks import task

from .services import close_unrated_issues, remind_due_issues
from .services.reminders import send_village_reminders


@task
def daily(day: str = "") -> dict:
    """催办 due issue steps, close issues left unrated, and send the day's reminder messages."""
    on = date.fromisoformat(day) if day else None
    reminded = remind_due_issues(on=on)
    closed = close_unrated_issues(on=on)
    sent = send_village_reminders(on=on)
    return {"reminded": len(reminded), "closed": len(closed), "messages": len(sent)}
