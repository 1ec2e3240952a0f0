"""Signals of the applications app (sent after commit)."""

from django.dispatch import Signal

# A historical register was imported; kwargs: organization_ids (set[int]), years (set[int]) whose figures changed.
register_imported = Signal()

# Asked after an import, before the command ends: receivers return a list of warnings for the person who ran it
# (the reports app: "this year's annual report is already published"); kwargs: pairs (set of (organization_id, year)).
import_warnings_requested = Signal()
