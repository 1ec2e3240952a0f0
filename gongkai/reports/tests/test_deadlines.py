"""Publication deadlines (Art 49/50) and the office's overview of who has not published."""

from datetime import date

from gongkai.reports.models import AnnualReport, ReportStatus
from gongkai.reports.selectors import deadline_for, deadline_statuses, default_report_year


def test_deadlines_by_kind_of_organization(government, department, street_office):
    assert deadline_for(government, 2025) == date(2026, 3, 31)
    assert deadline_for(department, 2025) == date(2026, 1, 31)
    assert deadline_for(street_office, 2025) == date(2026, 1, 31)


def test_reports_are_about_the_previous_year():
    assert default_report_year(date(2026, 1, 15)) == 2025


def test_office_sees_who_has_not_published(office, government, department, other_department, street_office):
    AnnualReport.objects.create(organization=department, year=2025, status=ReportStatus.PUBLISHED, created_by=office)
    AnnualReport.objects.create(
        organization=other_department, year=2025, status=ReportStatus.CHECKED, created_by=office
    )
    statuses = {status.organization.name: status for status in deadline_statuses(person=office, year=2025)}
    assert set(statuses) == {government.name, department.name, other_department.name, street_office.name}
    on = date(2026, 2, 1)
    assert not statuses[department.name].is_overdue(on)
    assert statuses[other_department.name].is_overdue(on)
    assert statuses[street_office.name].is_overdue(on)
    assert statuses[street_office.name].report is None
    assert not statuses[government.name].is_overdue(on)
    assert statuses[government.name].is_overdue(date(2026, 4, 1))
    assert not statuses[other_department.name].is_overdue(date(2026, 1, 31))


def test_clerk_oversees_nobody(clerk, department):
    assert deadline_statuses(person=clerk, year=2025) == []
