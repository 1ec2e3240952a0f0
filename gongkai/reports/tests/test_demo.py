"""The demo step: consistent 2025 reports for the district and every department, and a second run changing nothing."""

import io

import pytest

from gongkai.applications import demo as applications_demo
from gongkai.applications.models import ApplicantType, Outcome
from gongkai.applications.reporting import report_counts
from gongkai.core.demo import DemoContext
from gongkai.core.models import AuditEntry
from gongkai.orgs import demo as orgs_demo
from gongkai.reports import demo
from gongkai.reports import tables as t
from gongkai.reports.figures import figures_of
from gongkai.reports.models import AnnualReport, ReportStatus, ReviewCase, Scope

pytestmark = pytest.mark.django_db


@pytest.fixture
def context():
    context = DemoContext(stdout=io.StringIO())
    orgs_demo.build(context)
    applications_demo.build(context)
    return context


def test_demo_reports_are_complete_consistent_and_idempotent(context):
    demo.build(context)
    departments = context.objects["departments"]
    reports = {report.organization_id: report for report in AnnualReport.objects.filter(year=2025)}
    district = reports[context.objects["government"].pk]
    assert district.scope == Scope.REGION
    assert all(department.pk in reports for department in departments)
    assert all(figures_of(report).failures == [] for report in reports.values())
    published = [report for report in reports.values() if report.status == ReportStatus.PUBLISHED]
    assert len(published) == len(departments) - demo.UNPUBLISHED_DEPARTMENTS
    assert all(report.record.status == "published" for report in published)
    # The district's table 三 agrees, cell by cell, with the applications app's own counting.
    ids = [entry["organization_id"] for entry in district.breakdown]
    theirs = report_counts(organization_ids=ids, year=2025)
    ours = figures_of(district).values
    columns = {**{value: t.APPLICANT_TYPE_COLUMNS[value] for value in ApplicantType.values}, "total": t.TOTAL}
    rows = {
        "new": (t.NEW,),
        "carried_in": (t.CARRIED_IN,),
        "carried_out": (t.CARRIED_OUT,),
        "total": t.RESULT_TOTAL_ROW,
    }
    rows |= {outcome: t.outcome_row(outcome) for outcome in Outcome.values}
    for row, row_path in rows.items():
        for column, label in columns.items():
            assert ours[t.Cell(t.TABLE_REQUESTS, row_path, (label,)).key] == theirs[row][column], (row, column)
    # The co-defendant case is registered twice but counted once.
    assert ReviewCase.objects.filter(case_number=demo.CASES[3][2]).count() == 2
    assert ours[t.Cell(t.TABLE_REVIEWS, (), (t.LITIGATION, t.SUIT_AFTER_REVIEW, t.TOTAL)).key] == 1
    entries = AuditEntry.objects.count()
    demo.build(context)
    assert AuditEntry.objects.count() == entries
    assert AnnualReport.objects.filter(year=2025).count() == len(reports)
