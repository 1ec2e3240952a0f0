"""Endpoints of annual reports: staff read the reports they may see; anyone reads the published ones."""

from typing import Any, Literal

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from gongkai.reports.rendering.document import build_document
from gongkai.reports.rendering.outputs import as_data
from gongkai.reports.selectors import published_report, published_reports, report_for_staff, reports_for_staff

from ..errors import NotFound
from ..v1.lists import Page, PageQuery, ordered, page_of
from ..v1.schemas import ERRORS, STAFF_ERRORS, Id
from ..v1.security import staff

router = Router(tags=["reports"])


class ReportSummary(Schema):
    id: int
    title: str
    organization: str
    year: int
    scope: str
    status: str


class ReportOrganization(Schema):
    id: int
    name: str
    credit_code: str


class ReportDocumentOut(Schema):
    """The report as data: its sections, the three official tables keyed by their labels, overrides and checks."""

    organization: ReportOrganization
    year: int
    scope: str
    status: str
    title: str
    sections: dict[str, str]
    tables: dict[str, Any]
    overrides: list[dict[str, Any]]
    failed_checks: list[dict[str, Any]]
    breakdown: list[dict[str, Any]]


class ReportQuery(PageQuery):
    year: int | None = Field(None, ge=2000, le=2100)
    ordering: Literal["-year", "year"] = "-year"


class PublicReportQuery(ReportQuery):
    organization: Id | None = None


def summary(report) -> dict:
    return {
        "id": report.pk,
        "title": report.title,
        "organization": report.organization.name,
        "year": report.year,
        "scope": report.scope,
        "status": report.status,
    }


def listed(found, query: ReportQuery) -> dict:
    found = found if query.ordering == "-year" else ordered(found, query.ordering, fields={"year": "year"})
    page, envelope = page_of(found, query)
    return {**envelope, "results": [summary(report) for report in page]}


@router.get("/", response={200: Page[ReportSummary], **STAFF_ERRORS}, auth=staff)
def reports(request, query: Query[ReportQuery]):
    return listed(reports_for_staff(person=request.auth, year=query.year), query)


@router.get("/published/", response={200: Page[ReportSummary], **ERRORS}, auth=None)
def public_reports(request, query: Query[PublicReportQuery]):
    return listed(published_reports(organization_id=query.organization, year=query.year), query)


@router.get("/published/{report_id}/", response={200: ReportDocumentOut, **ERRORS}, auth=None)
def public_report(request, report_id: Id):
    found = published_report(report_id=report_id)
    if found is None:
        raise NotFound("reports.not_found", _("没有这份已发布的年度报告。"))
    return as_data(build_document(found, overrides=[o for o in found.overrides.all() if o.is_active]))


@router.get("/{report_id}/", response={200: ReportDocumentOut, **STAFF_ERRORS}, auth=staff)
def report(request, report_id: Id):
    return as_data(build_document(report_for_staff(report_id=report_id, person=request.auth)))
