"""Attaching files to drafts: checked by content and size, text extracted for screening and search."""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.core.files import save_file

from ..errors import PublishingError, PublishingErrorCode
from ..models import Attachment, Genre, InterpretationKind, Record
from ..rules import authorize
from ..uploads import check_upload, read_all
from .common import locked


def extract_text(data: bytes, name: str, kind: str) -> tuple[str, list[list[str]]]:
    """The attachment's text and its [location, start offset] segments (pages, paragraphs, cells); images have none."""
    from gongkai.screening.errors import ScreeningError
    from gongkai.screening.extraction import extract

    from ..models import AttachmentKind

    if kind in (AttachmentKind.IMAGE, AttachmentKind.VIDEO):
        return "", []
    try:
        extracted = extract(ContentFile(data, name=name), filename=name)
    except ScreeningError as error:
        raise PublishingError(PublishingErrorCode.BAD_UPLOAD, error.message, field="file") from error
    return extracted.text, [[label, start] for label, start in zip(extracted.labels, extracted.starts, strict=True)]


def is_video_interpretation(record: Record) -> bool:
    return record.genre == Genre.INTERPRETATION and record.interpretation_kind == InterpretationKind.VIDEO


def clean_name(name: str) -> str:
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name[:200] or _("附件")


@transaction.atomic
def add_attachment(*, record: Record, upload, actor, name: str | None = None) -> Attachment:
    """Attach an uploaded file to a draft. Refused unless its content really is PDF, Word, Excel or an image, or,
    for a video interpretation, an MP4 or WebM video."""
    record = locked(record)
    authorize(actor, record, "attach")
    original_name = clean_name(name or getattr(upload, "name", ""))
    checked = check_upload(upload, original_name, allow_video=is_video_interpretation(record))
    data = read_all(upload)
    text, segments = extract_text(data, original_name, checked.kind)
    attachment = Attachment(
        record=record,
        original_name=original_name,
        kind=checked.kind,
        content_type=checked.content_type,
        extension=checked.extension,
        size=checked.size,
        sha256=hashlib.sha256(data).hexdigest(),
        extracted_text=text,
        extracted_segments=segments,
        sort_order=record.attachments.count(),
        uploaded_by=actor,
    )
    save_file(attachment.file, "upload", data)
    attachment.save()
    audit.log(
        "publishing.attachment.added",
        actor=actor,
        target=record,
        organization=record.organization,
        data={"attachment": attachment.pk, "name": original_name, "kind": checked.kind, "size": checked.size},
    )
    return attachment


@transaction.atomic
def remove_attachment(*, attachment: Attachment, actor) -> Attachment:
    """Take an attachment off a draft. The file is kept (never deleted) for the record's history."""
    record = locked(attachment.record)
    authorize(actor, record, "detach")
    attachment = Attachment.objects.select_for_update().get(pk=attachment.pk)
    if not attachment.is_active:
        raise PublishingError(PublishingErrorCode.NOTHING_CHANGED, _("该附件已经删除。"))
    attachment.is_active = False
    attachment.removed_at = timezone.now()
    attachment.save(update_fields=["is_active", "removed_at"])
    audit.log(
        "publishing.attachment.removed",
        actor=actor,
        target=record,
        organization=record.organization,
        data={"attachment": attachment.pk, "name": attachment.original_name},
    )
    return attachment
