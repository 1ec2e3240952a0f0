"""Signals other apps (search) listen to. Each is sent after the transaction commits, with `record_id`.

publishing never imports its listeners: search connects receivers to these.
"""

from django.db import transaction
from django.dispatch import Signal

# A record became public (first publication, scheduled publication or emergency publication).
record_published = Signal()
# A public record changed: corrected, or its metadata (validity, columns …) changed while published, or what its
# page shows from another area changed (engagement: a comment call linked to it as the final policy).
record_changed = Signal()
# A record left the public: withdrawn, or expired at the end of its display period.
record_withdrawn = Signal()
# The column tree changed (a column created, edited, deactivated or seeded); kwargs: organization_id.
columns_changed = Signal()


def send_after_commit(signal: Signal, record_id: int) -> None:
    from .models import Record

    transaction.on_commit(lambda: signal.send(sender=Record, record_id=record_id))


def columns_changed_after_commit(organization_id: int) -> None:
    from .models import Column

    transaction.on_commit(lambda: columns_changed.send(sender=Column, organization_id=organization_id))
