"""Helpers shared by the publishing services: locking, role checks, validation, revisions."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.orgs.access import require_role

from ..errors import PublishingError, PublishingErrorCode
from ..models import Genre, Record, Revision
from ..rules import DRAFTERS, PUBLISHERS, SUPERVISORS  # noqa: F401  (the role groups live in rules; kept importable here)


def locked(record: Record) -> Record:
    """The record re-read under a row lock, so two transitions cannot both start from the same state."""
    return Record.objects.select_for_update().select_related("organization__region").get(pk=record.pk)


def require(actor, record: Record, roles, message: str) -> None:
    require_role(actor, record.organization, roles, message)


def require_text(value: str, message: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise PublishingError(PublishingErrorCode.REASON_REQUIRED, message, field=field)
    return value


def full_clean(record: Record) -> None:
    try:
        record.full_clean(exclude=["created_by", "organization"], validate_constraints=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        label = record._meta.get_field(field).verbose_name if field != "__all__" else ""
        message = "；".join(messages)
        raise PublishingError(
            PublishingErrorCode.INVALID,
            _("%(label)s：%(message)s") % {"label": label, "message": message} if label else message,
            field=field,
        ) from error


def metadata_of(record: Record) -> dict:
    """The metadata a revision keeps, in plain JSON values."""
    return {**common_metadata(record), **interpretation_metadata(record)}


def interpretation_metadata(record: Record) -> dict:
    """An interpretation's form and its texts (kept only for interpretations, so other records' history is as
    before)."""
    if record.genre != Genre.INTERPRETATION:
        return {}
    return {
        "interpretation_kind": record.interpretation_kind,
        "long_description": record.long_description,
        "transcript": record.transcript,
    }


def common_metadata(record: Record) -> dict:
    return {
        "doc_number": record.doc_number,
        "written_on": record.written_on.isoformat() if record.written_on else "",
        "subject_category": record.subject_category,
        "genre": record.genre,
        "keywords": record.keywords,
        "validity": record.validity,
        "effective_on": record.effective_on.isoformat() if record.effective_on else "",
        "expired_on": record.expired_on.isoformat() if record.expired_on else "",
        "repealed_on": record.repealed_on.isoformat() if record.repealed_on else "",
        "attribute": record.attribute,
        "withheld_ground": record.withheld_ground,
        "stage": record.stage,
        "decision_count": record.decision_count,
        "fee_amount": str(record.fee_amount) if record.fee_amount is not None else "",
        "interprets": record.interprets_id,
        "needs_interpretation": record.needs_interpretation,
        "display_until": record.display_until.isoformat() if record.display_until else "",
        "event_on": record.event_on.isoformat() if record.event_on else "",
        "columns": sorted(record.columns.values_list("name", flat=True)),
        "items": sorted(record.items.values_list("code", flat=True)),
        "channels": sorted(record.channels.values_list("name", flat=True)),
        "attachments": list(
            record.attachments.filter(is_active=True)
            .order_by("sort_order", "id")
            .values_list("original_name", flat=True)
        ),
    }


def add_revision(record: Record, *, kind: str, actor, change_note: str = "", is_public: bool = False) -> Revision:
    record.revision_number += 1
    Record.objects.filter(pk=record.pk).update(revision_number=record.revision_number, updated_at=timezone.now())
    return Revision.objects.create(
        record=record,
        number=record.revision_number,
        kind=kind,
        title=record.title,
        summary=record.summary,
        body=record.body,
        metadata=metadata_of(record),
        change_note=change_note,
        is_public=is_public,
        created_by=actor,
    )
