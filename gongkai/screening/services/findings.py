"""Screening an object and deciding on its findings."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core.audit import log
from gongkai.core.errors import AccessDenied

from ..errors import ScreeningError, ScreeningErrorCode
from ..kinds import Severity
from ..lexicon import current_lexicon
from ..models import Finding
from ..scanning import scan_content
from ..selectors import can_decide

CONTEXT_CHARS = 30


def _context(text: str, start: int, end: int) -> str:
    return text[max(0, start - CONTEXT_CHARS) : end + CONTEXT_CHARS][:500]


def screen_target(
    *, target, texts: list[tuple], organization=None, actor=None, lexicon=None, scan_run=None
) -> list[Finding]:
    """Screen the texts of `target` and store the findings; returns the current findings.

    `texts` holds (location, text) pairs; text may be an `Extracted` so findings get their page/paragraph/cell.
    `organization` defaults to `target.organization`. A finding seen again (same location, kind and matched text)
    keeps its decision: accepted stays accepted; one marked fixed that is still there is reopened. Findings no
    longer seen stop counting (is_current False; open ones become fixed).
    """
    organization = organization if organization is not None else getattr(target, "organization", None)
    if organization is None or getattr(target, "pk", None) is None:
        raise ScreeningError(ScreeningErrorCode.INVALID, _("预审对象必须是已保存的对象，并指明所属机构。"))
    if lexicon is None:
        lexicon = current_lexicon()  # once for all the texts (checking its version costs two queries)
    detected = []
    for location, content in texts:
        result = scan_content(content, lexicon=lexicon)
        for detection in result.detections:
            context = _context(result.text, detection.start, detection.end)
            detected.append((str(location)[:100], result.location_of(detection), detection, context))
    content_type = ContentType.objects.get_for_model(target, for_concrete_model=False)
    now = timezone.now()
    with transaction.atomic():
        existing = list(
            Finding.objects.select_for_update()
            .filter(content_type=content_type, object_id=str(target.pk))
            .order_by("-is_current", "-id")
        )
        pool = defaultdict(list)
        for finding in existing:
            pool[(finding.location, finding.kind, finding.text)].append(finding)
        kept, created = [], []
        for location, detail, detection, context in detected:
            candidates = pool.get((location, detection.kind, detection.text[:500]))
            if candidates:
                finding = candidates.pop(0)
                if finding.status == Finding.Status.FIXED:
                    finding.status = Finding.Status.OPEN
                    finding.reason = _("重新预审时仍发现此问题，已重新打开。")
                    finding.decided_by, finding.decided_at = None, None
                kept.append(finding)
            else:
                finding = Finding(
                    content_type=content_type,
                    object_id=str(target.pk),
                    organization=organization,
                    location=location,
                    kind=detection.kind,
                    text=detection.text[:500],
                    first_seen_at=now,
                )
                created.append(finding)
            finding.location_detail = detail[:200]
            finding.severity = detection.severity
            finding.rule = detection.rule[:60]
            finding.start, finding.end = detection.start, detection.end
            finding.context = context
            finding.suggestion = detection.suggestion[:500]
            finding.message = detection.message[:500]
            finding.is_current = True
            finding.screened_at = now
            finding.target_label = str(target)[:300]
            finding.organization = organization
            if scan_run is not None:
                finding.scan_run = scan_run
        gone = [finding for candidates in pool.values() for finding in candidates if finding.is_current]
        for finding in gone:
            finding.is_current = False
            if finding.status == Finding.Status.OPEN:
                finding.status = Finding.Status.FIXED
                finding.reason = _("重新预审时已不再发现。")
                finding.decided_at = now
        fields = [
            "location_detail", "severity", "rule", "start", "end", "context", "suggestion", "message", "is_current",
            "screened_at", "target_label", "organization", "scan_run", "status", "reason", "decided_by", "decided_at",
        ]  # fmt: skip
        Finding.objects.bulk_update(kept + gone, fields, batch_size=500)
        Finding.objects.bulk_create(created, batch_size=500)
        current = kept + created
        log(
            "screening.target.screened",
            actor=actor,
            target=target,
            organization=organization,
            data={
                "locations": [str(location) for location, _text in texts],
                "findings": len(current),
                "new": len(created),
                "blocking_open": sum(finding.blocks for finding in current),
                "no_longer_found": len(gone),
                "scan_run": getattr(scan_run, "pk", None),
            },
        )
    return sorted(current, key=lambda finding: (finding.location, finding.start, finding.pk or 0))


def _decide(*, finding: Finding, actor, status: str, reason: str, action: str, allowed_from) -> Finding:
    if not can_decide(actor, finding):
        raise AccessDenied(
            _(
                "只有审核人、保密审查员、政务公开办公室或系统管理员可以处理阻止发布的问题；涉密标识只能由保密审查员处理。"
            )
        )
    with transaction.atomic():
        locked = Finding.objects.select_for_update().get(pk=finding.pk)
        if locked.status not in allowed_from:
            raise ScreeningError(
                ScreeningErrorCode.WRONG_STATUS,
                _("该问题当前状态为“%(status)s”，不能执行此操作。") % {"status": locked.get_status_display()},
            )
        previous = locked.status
        locked.status = status
        locked.reason = reason
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.full_clean(exclude=["content_type", "organization", "scan_run", "decided_by"])
        locked.save(update_fields=["status", "reason", "decided_by", "decided_at"])
        log(
            action,
            actor=actor,
            target=locked,
            organization=locked.organization_id,
            data={"from": previous, "reason": reason, "kind": locked.kind, "text": locked.text},
        )
    finding.status, finding.reason, finding.decided_by, finding.decided_at = (
        locked.status,
        locked.reason,
        locked.decided_by,
        locked.decided_at,
    )
    return locked


def accept_finding(*, finding: Finding, reason: str, actor) -> Finding:
    """Accept a finding as not a problem (e.g. the office's published contact mobile), with a written reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ScreeningError(
            ScreeningErrorCode.REASON_REQUIRED,
            _("请填写确认无问题的理由，例如“该号码为单位公开的办公电话”。"),
            field="reason",
        )
    return _decide(
        finding=finding,
        actor=actor,
        status=Finding.Status.ACCEPTED,
        reason=reason,
        action="screening.finding.accepted",
        allowed_from=(Finding.Status.OPEN,),
    )


def mark_fixed(*, finding: Finding, actor, reason: str = "") -> Finding:
    """Record that the content was corrected (masked, rewritten, replaced); the next screening confirms it."""
    return _decide(
        finding=finding,
        actor=actor,
        status=Finding.Status.FIXED,
        reason=(reason or "").strip() or _("已修改。"),
        action="screening.finding.fixed",
        allowed_from=(Finding.Status.OPEN,),
    )


def reopen_finding(*, finding: Finding, reason: str, actor) -> Finding:
    """Undo an acceptance or a fix decision."""
    reason = (reason or "").strip()
    if not reason:
        raise ScreeningError(ScreeningErrorCode.REASON_REQUIRED, _("请填写重新打开的理由。"), field="reason")
    return _decide(
        finding=finding,
        actor=actor,
        status=Finding.Status.OPEN,
        reason=reason,
        action="screening.finding.reopened",
        allowed_from=(Finding.Status.ACCEPTED, Finding.Status.FIXED),
    )


__all__ = ["Severity", "accept_finding", "mark_fixed", "reopen_finding", "screen_target"]
