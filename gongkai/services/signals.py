"""Signals of the services module, sent after commit so receivers (search indexing) see the committed guide."""

from django.dispatch import Signal

guide_changed = Signal()  # guide_id: a guide was put in force, changed, adopted or retired
