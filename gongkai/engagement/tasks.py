"""Background tasks of the engagement app: thin, taking plain values, safe to retry."""

from datetime import date

from django.tasks import task

from .services.counting import count_event


@task
def record_count(kind: str, object_id: int, event: str, day: str) -> None:
    """Count one reading, share or rating, for the day it happened (not the day the worker runs)."""
    count_event(kind=kind, object_id=object_id, event=event, day=date.fromisoformat(day))
