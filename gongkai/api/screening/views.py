"""Screening API for staff: check a text or file as the editor types (nothing stored), and read one finding."""

import json

from django.conf import settings
from django.views.decorators.http import require_GET, require_POST

from gongkai.api.responses import api_view, error_response, json_response
from gongkai.screening.detectors import scan
from gongkai.screening.extraction import extract, unreadable_detection
from gongkai.screening.kinds import Severity
from gongkai.screening.masking import mask
from gongkai.screening.selectors import finding_for_staff

MAX_TEXT_CHARACTERS = 2_000_000


@require_POST
@api_view(staff=True)
def check(request):
    """POST JSON {"text": …} or a multipart "file": the detections, the blocking count and the masked text."""
    location_of, extra = None, []
    if request.FILES.get("file"):
        upload = request.FILES["file"]
        if upload.size > settings.GONGKAI_MAX_ATTACHMENT_BYTES:
            return error_response("screening.too_large", "文件过大。", 400)
        extracted = extract(upload, filename=upload.name)
        text, location_of = extracted.text, extracted.location_of
        extra = [unreadable_detection(extracted)]
    else:
        try:
            payload = json.loads(request.body or b"{}")
        except ValueError:
            return error_response("screening.invalid", '请求体应为 JSON：{"text": "……"}。', 400)
        text = payload.get("text") if isinstance(payload, dict) else None
        if not isinstance(text, str):
            return error_response("screening.invalid", "缺少文本：请提供 text 字段。", 400)
        if len(text) > MAX_TEXT_CHARACTERS:
            return error_response("screening.too_large", "文本过长，请分段检查。", 400)
    detections = scan(text) + [detection for detection in extra if detection is not None]
    findings = []
    for detection in detections:
        item = detection.as_dict()
        item["kind"], item["severity"] = str(detection.kind), str(detection.severity)
        item["location"] = location_of(detection.start) if location_of else ""
        findings.append(item)
    return json_response(
        {
            "findings": findings,
            "blocking": sum(detection.severity == Severity.BLOCK for detection in detections),
            "masked": mask(text, detections),
        }
    )


@require_GET
@api_view(staff=True)
def finding(request, finding_id: int):
    item = finding_for_staff(finding_id=finding_id, person=request.user)
    return json_response(
        {
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
            "decided_at": item.decided_at.isoformat() if item.decided_at else None,
        }
    )
