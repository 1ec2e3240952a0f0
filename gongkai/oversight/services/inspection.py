"""Running self-inspection and keeping its findings; turning a finding into a rectification problem."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.core.errors import AccessDenied

from .. import inspection
from ..access import is_overseer, require_office_for
from ..errors import OversightError, OversightErrorCode
from ..models import Finding, FindingStatus, InspectionRun, ProblemSource
from ..scoring import scores_changed
from .notices import add_problem


def run_inspection(
    *, actor=None, organization=None, today: date | None = None, external: bool | None = None
) -> InspectionRun:
    """Check every site (or one), open new findings, keep seen ones, resolve those no longer seen."""
    if actor is not None:
        if organization is not None:
            require_office_for(actor, organization)
        elif not is_overseer(actor):
            raise AccessDenied()
    today = today or timezone.localdate()
    scope = inspection.sites([organization.pk] if organization is not None else None)
    if organization is not None and organization.pk not in scope:
        scope = [organization.pk]
    found = inspection.inspect(scope, today, external=external)
    with transaction.atomic():
        run = InspectionRun.objects.create(
            organization=organization,
            started_at=timezone.now(),
            checked_on=today,
            external_links=bool(external),
            started_by=actor if getattr(actor, "pk", None) else None,
        )
        keep_findings(run, scope, found, today)
        run.findings_total = len(found)
        run.veto_total = sum(1 for finding in found if finding.veto)
        run.finished_at = timezone.now()
        run.save(update_fields=["findings_total", "veto_total", "finished_at"])
        audit.log(
            "oversight.inspection.run",
            actor=actor,
            target=run,
            organization=organization,
            data={"sites": len(scope), "findings": run.findings_total, "veto": run.veto_total},
        )
        scores_changed()
    return run


def keep_findings(run: InspectionRun, scope: list[int], found, today: date) -> None:
    existing = {
        (finding.organization_id, finding.key): finding
        for finding in Finding.objects.select_for_update().filter(organization_id__in=scope, status=FindingStatus.OPEN)
    }
    seen, new = set(), []
    for data in found:
        key = (data.organization_id, data.key)
        if key in seen:
            continue
        seen.add(key)
        finding = existing.get(key)
        if finding is None:
            new.append(
                Finding(
                    organization_id=data.organization_id,
                    indicator=data.indicator,
                    veto=data.veto,
                    key=data.key,
                    target=data.target,
                    url=data.url,
                    detail=data.detail,
                    points=data.points,
                    first_seen_on=today,
                    last_seen_on=today,
                    run=run,
                )
            )
            continue
        finding.detail, finding.target, finding.url = data.detail, data.target, data.url
        finding.veto, finding.points, finding.last_seen_on, finding.run = data.veto, data.points, today, run
    Finding.objects.bulk_create(new, batch_size=1000)
    still = [finding for key, finding in existing.items() if key in seen]
    Finding.objects.bulk_update(still, ["detail", "target", "url", "veto", "points", "last_seen_on", "run"], 1000)
    gone = [finding.pk for key, finding in existing.items() if key not in seen]
    Finding.objects.filter(pk__in=gone).update(status=FindingStatus.RESOLVED, resolved_on=today)


def problem_from_finding(*, finding: Finding, notice, actor, deadline_days: int = 10):
    """One click: the finding's indicator, target and detail become a problem of the draft notice."""
    require_office_for(actor, finding.organization)
    if hasattr(finding, "problem"):
        raise OversightError(OversightErrorCode.ALREADY_PROBLEM, _("这条自查发现已经列入督查通报。"))
    description = _("【%(indicator)s】%(target)s：%(detail)s") % {
        "indicator": finding.get_indicator_display(),
        "target": finding.target,
        "detail": finding.detail,
    }
    return add_problem(
        notice=notice,
        organization=finding.organization,
        description=description,
        actor=actor,
        deadline_days=deadline_days,
        url=finding.url,
        source=ProblemSource.INSPECTION,
        finding=finding,
    )


def problem_from_deduction(*, notice, organization, indicator_name: str, reason: str, count: int, points, actor):
    """An assessment deduction becomes a problem of a draft notice: the organization must say why and fix it."""
    description = _("【考核扣分·%(indicator)s】%(reason)s：%(count)s 项，扣 %(points)s 分。") % {
        "indicator": indicator_name,
        "reason": reason,
        "count": count,
        "points": points,
    }
    return add_problem(
        notice=notice, organization=organization, description=description, actor=actor, source=ProblemSource.SCORE
    )
