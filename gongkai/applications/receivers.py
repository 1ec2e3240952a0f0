"""Connects the calendar's `schedule_changed` signal to the recomputation of open applications' deadlines."""

from django.dispatch import receiver

from gongkai.core.signals import schedule_changed

from .services import recompute_due_dates


@receiver(schedule_changed)
def on_schedule_changed(sender, years=None, **kwargs):
    recompute_due_dates(years=years)
