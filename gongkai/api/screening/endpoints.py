"""Screening endpoints for staff: check a text or a file as the editor types (nothing stored), read one finding."""

from datetime import datetime

from django.conf import settings
from django.utils.translation import gettext as _
from ninja import Field, File, Router, Schema, UploadedFile

from gongkai.screening.errors import ScreeningError
from gongkai.screening.extraction import extract
from gongkai.screening.scanning import scan_content
from gongkai.screening.selectors import finding_for_staff

from ..v1.schemas import STAFF_ERRORS, Id
from ..v1.security import staff

router = Router(tags=["screening"])

MAX_TEXT_CHARACTERS = 2_000_000


class CheckIn(Schema):
    text: str = Field(..., max_length=MAX_TEXT_CHARACTERS, description="要检查的文本。")


class DetectionOut(Schema):
    kind: str
    severity: str
    start: int
    end: int
    text: str
    suggestion: str
    message: str
    rule: str
    location: str


class CheckOut(Schema):
    findings: list[DetectionOut]
    blocking: int
    masked: str


class FindingOut(Schema):
    id: int
    organization: int
    target: str
    location: str
    location_detail: str
    kind: str
    severity: str
    start: int
    end: int
    text: str
    suggestion: str
    message: str
    status: str
    is_current: bool
    reason: str
    decided_by: str | None
    decided_at: datetime | None


def checked(content) -> dict:
    """The one scan (`screening.scanning.scan_content`: detect, warn on pages without text, mask) as the API's shape."""
    result = scan_content(content)
    findings = [
        {
            **detection.as_dict(),
            "kind": str(detection.kind),
            "severity": str(detection.severity),
            "location": result.location_of(detection),
        }
        for detection in result.detections
    ]
    return {"findings": findings, "blocking": result.blocking, "masked": result.masked}


@router.post("/check/", response={200: CheckOut, **STAFF_ERRORS}, auth=staff)
def check(request, payload: CheckIn):
    """The detections in a text, how many block publication, and the text with personal data masked."""
    return checked(payload.text)


@router.post("/check-file/", response={200: CheckOut, **STAFF_ERRORS}, auth=staff)
def check_file(request, file: File[UploadedFile]):
    """The same for an uploaded PDF, Word or Excel file; an unreadable file is itself a finding or a 400."""
    if file.size > settings.GONGKAI_MAX_ATTACHMENT_BYTES:
        raise ScreeningError("screening.too_large", _("文件过大，请压缩或分拆后再检查。"), field="file")
    return checked(extract(file, filename=file.name))


@router.get("/findings/{finding_id}/", response={200: FindingOut, **STAFF_ERRORS}, auth=staff)
def finding(request, finding_id: Id):
    item = finding_for_staff(finding_id=finding_id, person=request.auth)
    return {
        "id": item.pk,
        "organization": item.organization_id,
        "target": item.target_label,
        "location": item.location,
        "location_detail": item.location_detail,
        "kind": item.kind,
        "severity": item.severity,
        "start": item.start,
        "end": item.end,
        "text": item.text,
        "suggestion": item.suggestion,
        "message": item.message,
        "status": item.status,
        "is_current": item.is_current,
        "reason": item.reason,
        "decided_by": str(item.decided_by) if item.decided_by else None,
        "decided_at": item.decided_at,
    }
