"""Signals of the catalog, so higher apps (search, publishing) can react without the catalog importing them."""

from django.dispatch import Signal

# Sent after commit whenever an item is created, changed, retired, adopted or a proposal about it is approved;
# kwargs: item_id (int).
item_changed = Signal()

# Sent after commit once per write, with every item it touched; kwargs: item_ids (list[int]). Bulk writes (an
# import of thousands of rows, an adoption) also send item_changed for each item; a receiver that can work in
# batches should connect to this signal instead of item_changed (not to both).
items_changed = Signal()
