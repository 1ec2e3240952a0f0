"""Signals of the core app. `schedule_changed` lets higher apps recompute deadlines without core importing them."""

from django.dispatch import Signal

# Sent after commit when a year's holiday schedule or a regional holiday changes; kwargs: years (set[int]).
schedule_changed = Signal()
