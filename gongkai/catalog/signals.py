"""Signals of the catalog, so higher apps (search, publishing) can react without the catalog importing them."""

from django.dispatch import Signal

# Sent after commit whenever an item is created, changed, retired, adopted or a proposal about it is approved;
# kwargs: item_id (int).
item_changed = Signal()
