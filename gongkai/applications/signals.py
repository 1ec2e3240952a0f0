"""Signals of the applications app (sent after commit)."""

from django.dispatch import Signal

# A historical register was imported; kwargs: organization_ids (set[int]), years (set[int]) whose figures changed.
register_imported = Signal()
