"""Signals of the open-data catalog, sent after commit (receivers such as the static pages see the committed data)."""

from django.dispatch import Signal

dataset_changed = Signal()  # dataset_id: a dataset was catalogued or one of its resources added or changed
