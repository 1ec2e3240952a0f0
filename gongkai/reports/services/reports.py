"""Writes to annual reports: create, refresh the figures, edit the narrative, override a cell, run the checks."""

import html

import nh3
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.orgs.access import require_role

from .. import narrative
from .. import tables as t
from ..computing import compute, scope_for
from ..errors import ReportError, ReportErrorCode
from ..figures import figures_of
from ..models import AnnualReport, ReportOverride, ReportStatus
from ..selectors import PREPARE_ROLES

FIRST_YEAR = 2008  # the regulation took effect on 2008-05-01
NARRATIVE_FIELDS = ("overview", "problems", "other_matters")


def validate_year(year) -> int:
    try:
        year = int(year)
    except (TypeError, ValueError):
        year = 0
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise ReportError(
            ReportErrorCode.INVALID_YEAR,
            _("年度应为%(first)s年至今年之间的年份。") % {"first": FIRST_YEAR},
            field="year",
        )
    return year


def plain_text(text: str) -> str:
    """Narrative text: any markup a person pasted is removed (nh3), leaving plain paragraphs."""
    cleaned = nh3.clean(text or "", tags=set(), attributes={})
    lines = [line.rstrip() for line in html.unescape(cleaned).replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip()


def _apply_computation(report: AnnualReport) -> None:
    computation = compute(organization=report.organization, year=report.year, scope=report.scope)
    report.computed = t.encode(computation.values)
    report.breakdown = computation.breakdown
    report.facts = computation.facts
    report.computed_at = timezone.now()


def _drafts(report: AnnualReport, values: dict) -> dict:
    return {
        "overview": narrative.draft_overview(
            organization_name=report.organization.name,
            year=report.year,
            values=values,
            facts=report.facts,
            aggregate=report.is_aggregate,
        ),
        "problems": narrative.draft_problems(values=values, facts=report.facts),
        "other_matters": narrative.draft_other_matters(facts=report.facts),
    }


def _follow_figures(report: AnnualReport, old_drafts: dict) -> list[str]:
    """After the figures changed: every section still reading as the old draft is rewritten from the new figures;
    a section a person edited is kept and the report flagged `narrative_stale`. Returns the sections rewritten."""
    new_drafts = _drafts(report, figures_of(report).values)
    rewritten = []
    for name in NARRATIVE_FIELDS:
        if getattr(report, name) == new_drafts[name]:
            continue
        if getattr(report, name) == old_drafts[name]:
            setattr(report, name, new_drafts[name])
            rewritten.append(name)
        else:
            report.narrative_stale = True
    return rewritten


def _current_drafts(report: AnnualReport) -> dict:
    return _drafts(report, figures_of(report).values)


def _back_to_draft(report: AnnualReport) -> None:
    """Any change to a checked or published report needs a new check (and a new publication) before it counts."""
    report.status = ReportStatus.DRAFT
    report.check_failures = []
    report.checked_at = None


def create_report(*, organization, year, actor) -> AnnualReport:
    """Start `year`'s report: compute the tables and draft sections 一、五、六 from the figures."""
    require_role(actor, organization, PREPARE_ROLES, _("您没有权限为该机关编制年度报告。"))
    year = validate_year(year)
    if not organization.is_active:
        raise ReportError(ReportErrorCode.ORGANIZATION_INACTIVE, _("该机关已停用，不能编制年度报告。"))
    if AnnualReport.objects.filter(organization=organization, year=year).exists():
        raise ReportError(
            ReportErrorCode.ALREADY_EXISTS,
            _("%(organization)s%(year)s年度的报告已经存在，请打开原报告继续编辑。")
            % {"organization": organization.name, "year": year},
        )
    with transaction.atomic():
        report = AnnualReport(organization=organization, year=year, scope=scope_for(organization), created_by=actor)
        _apply_computation(report)
        for name, text in _drafts(report, t.decode(report.computed)).items():
            setattr(report, name, text)
        report.full_clean()
        report.save()
        audit.log(
            "reports.report.created",
            actor=actor,
            target=report,
            organization=organization,
            data={"year": year, "scope": report.scope},
        )
    return report


def refresh_report(*, report: AnnualReport, actor) -> AnnualReport:
    """Recompute the tables from the current data; overrides stay (each still shows the new computed value)."""
    require_role(actor, report.organization, PREPARE_ROLES)
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().select_related("organization__region").get(pk=report.pk)
        before = report.computed
        old_drafts = _current_drafts(report)
        _apply_computation(report)
        rewritten = _follow_figures(report, old_drafts)
        _back_to_draft(report)
        report.save()
        changed = sorted(key for key, value in report.computed.items() if before.get(key) != value)
        audit.log(
            "reports.report.refreshed",
            actor=actor,
            target=report,
            organization=report.organization,
            data={"changed_cells": len(changed), "rewritten": rewritten, "stale": report.narrative_stale},
        )
    return report


def update_narrative(*, report: AnnualReport, actor, overview: str, problems: str, other_matters: str) -> AnnualReport:
    require_role(actor, report.organization, PREPARE_ROLES)
    texts = {
        "overview": plain_text(overview),
        "problems": plain_text(problems),
        "other_matters": plain_text(other_matters),
    }
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().select_related("organization__region").get(pk=report.pk)
        changed = [name for name in NARRATIVE_FIELDS if getattr(report, name) != texts[name]]
        if not changed:
            return report
        for name in changed:
            setattr(report, name, texts[name])
        report.narrative_stale = False  # a person has now written (or redrafted) the text against these figures
        _back_to_draft(report)
        report.save()
        audit.log(
            "reports.report.narrative_updated",
            actor=actor,
            target=report,
            organization=report.organization,
            data={"sections": changed},
        )
    return report


def redraft_narrative(*, report: AnnualReport, actor) -> AnnualReport:
    """Replace sections 一、五、六 with fresh drafts written from the current figures."""
    figures = figures_of(report)
    drafts = _drafts(report, figures.values)
    return update_narrative(report=report, actor=actor, **drafts)


def set_override(*, report: AnnualReport, actor, cell: str, value, reason: str) -> ReportOverride:
    """Report `value` in `cell` instead of the computed figure; the reason and the computed figure are kept."""
    require_role(actor, report.organization, PREPARE_ROLES)
    if cell not in t.CELL_KEYS:
        raise ReportError(
            ReportErrorCode.UNKNOWN_CELL, _("表格中没有这个单元格，请从报告页面选择要调整的单元格。"), field="cell"
        )
    target = t.Cell.from_key(cell)
    try:
        parsed = t.parse_value(target, value)
    except (ValueError, ArithmeticError) as error:
        message = (
            _("“%(value)s”不是有效金额：请填写不小于0的数字，单位万元，最多4位小数。")
            if t.is_amount(target)
            else _("“%(value)s”不是有效数量：请填写不小于0的整数。")
        )
        raise ReportError(ReportErrorCode.INVALID_VALUE, message % {"value": value}, field="value") from error
    reason = plain_text(reason)
    if not reason:
        raise ReportError(
            ReportErrorCode.REASON_REQUIRED, _("请写明人工调整的理由，例如：含系统上线前的纸质申请。"), field="reason"
        )
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().select_related("organization").get(pk=report.pk)
        previous = report.overrides.filter(cell=cell, is_active=True).first()
        if previous:
            previous.is_active = False
            previous.cleared_by = actor
            previous.cleared_at = timezone.now()
            previous.save(update_fields=["is_active", "cleared_by", "cleared_at"])
        old_drafts = _current_drafts(report)
        computed = t.decode(report.computed)[cell]
        override = ReportOverride(
            report=report, cell=cell, value=str(parsed), computed_value=str(computed), reason=reason, set_by=actor
        )
        override.full_clean()
        override.save()
        _follow_figures(report, old_drafts)
        _back_to_draft(report)
        report.save()
        audit.log(
            "reports.override.set",
            actor=actor,
            target=report,
            organization=report.organization,
            data={"cell": target.label, "value": str(parsed), "computed": str(computed), "reason": reason},
        )
    return override


def clear_override(*, report: AnnualReport, actor, cell: str) -> None:
    """Go back to the computed figure; the override stays on file as cleared."""
    require_role(actor, report.organization, PREPARE_ROLES)
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().select_related("organization").get(pk=report.pk)
        override = report.overrides.filter(cell=cell, is_active=True).first()
        if override is None:
            raise ReportError(ReportErrorCode.NO_OVERRIDE, _("该单元格没有人工调整，无需撤销。"))
        old_drafts = _current_drafts(report)
        override.is_active = False
        override.cleared_by = actor
        override.cleared_at = timezone.now()
        override.save(update_fields=["is_active", "cleared_by", "cleared_at"])
        _follow_figures(report, old_drafts)
        _back_to_draft(report)
        report.save()
        audit.log(
            "reports.override.cleared",
            actor=actor,
            target=report,
            organization=report.organization,
            data={"cell": t.Cell.from_key(cell).label, "value": override.value},
        )


def check_report(*, report: AnnualReport, actor) -> list:
    """Run the cross-checks and record the result: `checked` when everything adds up, else `draft` with the failures."""
    require_role(actor, report.organization, PREPARE_ROLES)
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().select_related("organization").get(pk=report.pk)
        failures = figures_of(report).failures
        report.check_failures = [failure.as_dict() for failure in failures]
        report.checked_at = timezone.now()
        if report.status != ReportStatus.PUBLISHED or failures:
            report.status = ReportStatus.DRAFT if failures else ReportStatus.CHECKED
        report.save()
        audit.log(
            "reports.report.checked",
            actor=actor,
            target=report,
            organization=report.organization,
            data={"failures": len(failures), "cells": [failure.label for failure in failures][:20]},
        )
    return failures


def reports_covering(pairs) -> list[AnnualReport]:
    """Reports whose figures include an organization's year in `pairs` ({(organization id, year)}): its own report,
    and the region-wide report of every county government above it."""
    from gongkai.orgs.models import Organization

    from ..models import Scope

    organizations = {
        org.pk: org for org in Organization.objects.filter(pk__in={pk for pk, _y in pairs}).select_related("region")
    }
    found: dict[int, AnnualReport] = {}
    for organization_id, year in pairs:
        organization = organizations.get(organization_id)
        if organization is None:
            continue
        codes = [code for code in organization.region.path.split("/") if code]
        candidates = (
            AnnualReport.objects.filter(year=year)
            .select_related("organization__region")
            .filter(
                models.Q(organization_id=organization_id)
                | models.Q(scope=Scope.REGION, organization__region__division_code__in=codes)
            )
        )
        for report in candidates:
            found[report.pk] = report
    return sorted(found.values(), key=lambda report: (report.year, report.organization.region.path, report.pk))


def note_data_changed(*, pairs) -> list[AnnualReport]:
    """Data of published reports' years changed (e.g. a register was imported): the reports stay as published, with
    the time of the change, so their pages say the figures changed since publication until the office republishes."""
    changed = []
    now = timezone.now()
    for report in reports_covering(pairs):
        if report.status != ReportStatus.PUBLISHED:
            continue
        AnnualReport.objects.filter(pk=report.pk).update(data_changed_at=now)
        audit.log(
            "reports.report.data_changed",
            target=report,
            organization=report.organization,
            data={"year": report.year},
        )
        changed.append(report)
    return changed
