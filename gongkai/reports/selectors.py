"""Reads of the reports app. Staff reach a report only through `report_for_staff`, a case through `case_for_staff`;
the public reaches only published reports through `published_report`."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from gongkai.core.errors import NotInScope
from gongkai.orgs.access import has_role, organizations_for, require_role, require_scope
from gongkai.orgs.models import Level, Organization, Role

from .models import AnnualReport, ReportStatus, ReviewCase

# Who may read and prepare reports and the case register; only the disclosure office publishes.
PREPARE_ROLES = (Role.ADMIN, Role.OFFICE, Role.CLERK, Role.REVIEWER)
PUBLISH_ROLES = (Role.ADMIN, Role.OFFICE)


def report_for_staff(*, report_id: int, person, action: str = "view") -> AnnualReport:
    """The report, if the person may `view`/`edit` (clerk, reviewer, office, admin) or `publish` it (office, admin)."""
    try:
        report = AnnualReport.objects.select_related("organization__region", "record").get(pk=report_id)
    except (AnnualReport.DoesNotExist, ValueError, TypeError) as error:
        raise NotInScope() from error
    require_scope(person, report.organization)
    roles = PUBLISH_ROLES if action == "publish" else PREPARE_ROLES
    require_role(person, report.organization, roles, _("您没有权限查看或办理该机关的年度报告。"))
    return report


def organizations_for_reports(person) -> QuerySet[Organization]:
    """Organizations whose reports the person may prepare (village committees publish no annual report)."""
    return (
        organizations_for(person, PREPARE_ROLES)
        .exclude(kind=Organization.Kind.COMMITTEE)
        .select_related("region")
        .order_by("region__path", "sort_order", "id")
    )


def reports_for_staff(*, person, year: int | None = None) -> QuerySet[AnnualReport]:
    reports = AnnualReport.objects.filter(organization__in=organizations_for(person, PREPARE_ROLES))
    if year:
        reports = reports.filter(year=year)
    return reports.select_related("organization__region").order_by(
        "-year", "organization__region__path", "organization__sort_order", "organization_id"
    )


def can_publish(person, report: AnnualReport) -> bool:
    return has_role(person, report.organization, PUBLISH_ROLES)


def published_reports(*, organization_id: int | None = None, year: int | None = None) -> QuerySet[AnnualReport]:
    """The public list: published reports only."""
    reports = AnnualReport.objects.filter(status=ReportStatus.PUBLISHED, organization__is_active=True)
    if organization_id:
        reports = reports.filter(organization_id=organization_id)
    if year:
        reports = reports.filter(year=year)
    return reports.select_related("organization__region", "record").order_by(
        "-year", "organization__region__path", "organization__sort_order", "organization_id"
    )


def published_report(*, report_id) -> AnnualReport | None:
    try:
        return published_reports().prefetch_related("overrides").get(pk=report_id)
    except (AnnualReport.DoesNotExist, ValueError, TypeError):
        return None


def case_for_staff(*, case_id: int, person) -> ReviewCase:
    try:
        case = ReviewCase.objects.select_related("organization").get(pk=case_id)
    except (ReviewCase.DoesNotExist, ValueError, TypeError) as error:
        raise NotInScope() from error
    require_scope(person, case.organization)
    require_role(person, case.organization, PREPARE_ROLES, _("您没有权限查看或办理该机关的复议、诉讼案件。"))
    return case


def cases_for_staff(*, person, year: int | None = None) -> QuerySet[ReviewCase]:
    cases = ReviewCase.objects.filter(organization__in=organizations_for(person, PREPARE_ROLES))
    if year:
        cases = cases.filter(filed_on__year=year)
    return cases.select_related("organization").order_by("-filed_on", "-id")


# ---- Deadlines (Art 49/50): departments by 31 January, county governments by 31 March -----------------------------


@dataclass
class DeadlineStatus:
    organization: Organization
    deadline: date
    report: AnnualReport | None

    @property
    def is_published(self) -> bool:
        return self.report is not None and self.report.status == ReportStatus.PUBLISHED

    def is_overdue(self, today: date) -> bool:
        return not self.is_published and today > self.deadline


def deadline_for(organization: Organization, year: int) -> date:
    """The publication deadline of `year`'s report: county governments 31 March, everyone else 31 January.

    The regulation is silent on townships and street offices; they are held to departments' date so the county
    can aggregate them in time.
    """
    if organization.kind == Organization.Kind.GOVERNMENT and organization.region.level == Level.COUNTY:
        return date(year + 1, 3, 31)
    return date(year + 1, 1, 31)


def deadline_statuses(*, person, year: int) -> list[DeadlineStatus]:
    """Every organization the person oversees as office (or admin), with its report of `year` and its deadline."""
    organizations = list(
        organizations_for(person, PUBLISH_ROLES)
        .filter(is_active=True)
        .exclude(kind=Organization.Kind.COMMITTEE)
        .select_related("region")
        .order_by("region__path", "sort_order", "id")
    )
    reports = {
        report.organization_id: report
        for report in AnnualReport.objects.filter(year=year, organization__in=[org.pk for org in organizations])
    }
    return [
        DeadlineStatus(organization, deadline_for(organization, year), reports.get(organization.pk))
        for organization in organizations
    ]


def default_report_year(today: date) -> int:
    """Reports are written in the first months of the year about the year before."""
    return today.year - 1


def current_report(*, organization: Organization, year: int) -> AnnualReport:
    """The report as it stands now, for export: a published report exactly as published; a report in preparation
    with its figures recomputed from today's data (narrative and overrides kept); with no report yet, an unsaved
    one with drafted sections. Nothing is written."""
    from . import narrative
    from . import tables as t
    from .computing import compute, scope_for

    report = (
        AnnualReport.objects.select_related("organization__region").filter(organization=organization, year=year).first()
    )
    if report is not None and report.status == ReportStatus.PUBLISHED:
        return report
    if report is None:
        report = AnnualReport(organization=organization, year=year, scope=scope_for(organization))
        report.unsaved_preview = True
    computation = compute(organization=organization, year=year, scope=report.scope)
    report.computed = t.encode(computation.values)
    report.breakdown = computation.breakdown
    report.facts = computation.facts
    if getattr(report, "unsaved_preview", False):
        aggregate = report.is_aggregate
        report.overview = narrative.draft_overview(
            organization_name=organization.name,
            year=year,
            values=computation.values,
            facts=report.facts,
            aggregate=aggregate,
        )
        report.problems = narrative.draft_problems(values=computation.values, facts=report.facts)
        report.other_matters = narrative.draft_other_matters(facts=report.facts)
    return report


def organization_by_reference(reference: str) -> Organization | None:
    """An organization named on the command line by its unified social credit code or its id."""
    reference = (reference or "").strip()
    organization = Organization.objects.select_related("region").filter(credit_code=reference.upper()).first()
    if organization is None and reference.isdigit():
        organization = Organization.objects.select_related("region").filter(pk=int(reference)).first()
    return organization
