"""Back-office, portal and API pages of annual reports, with the permission matrix."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.publishing.services import approve_record, clear_record
from gongkai.reports import tables as t
from gongkai.reports.models import AnnualReport, CaseKind, ReportOverride, ReportStatus, ReviewCase
from gongkai.reports.services import create_report, publish_report

from .scenario import YEAR, finish_narrative
from .scenario import request as request_cell

ROLES = ["anonymous", "other_clerk", "clerk", "reviewer", "office", "admin_person"]


@pytest.fixture
def report(data, clerk):
    return finish_narrative(create_report(organization=data, year=YEAR, actor=clerk), clerk)


def client_for(request, client, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    return client


def expected(role, allowed):
    """Sign in first; another organization's report answers 404 (no existence oracle); a role that may see it but
    not do this gets 403."""
    if role == "anonymous":
        return 302
    if role == "other_clerk":
        return 404
    return 200 if role in allowed else 403


PREPARERS = {"clerk", "reviewer", "office", "admin_person"}


@pytest.mark.parametrize("role", ROLES)
def test_report_page_permissions(request, client, report, role):
    response = client_for(request, client, role).get(reverse("backoffice:reports:detail", args=[report.pk]))
    assert response.status_code == expected(role, PREPARERS)
    if response.status_code == 200:
        content = response.content.decode()
        assert "校验通过：各表勾稽关系正确。" in content
        assert "三、本年度办理结果" in content


@pytest.mark.parametrize("role", ROLES)
def test_publish_permissions(request, client, report, role):
    response = client_for(request, client, role).post(reverse("backoffice:reports:publish", args=[report.pk]))
    report.refresh_from_db()
    if role in {"office", "admin_person"}:
        assert response.status_code == 302
        assert report.record is not None
    else:
        # publishing is gated by role before any report is looked up, so a clerk anywhere gets 403 and learns nothing
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert report.record is None


@pytest.mark.parametrize("role", ROLES)
def test_override_permissions(request, client, report, role):
    key = request_cell(t.NEW, "自然人")
    response = client_for(request, client, role).post(
        reverse("backoffice:reports:cell", args=[report.pk]), {"cell": key, "value": "4", "reason": "纸质申请"}
    )
    if role in PREPARERS:
        assert response.status_code == 302
        assert ReportOverride.objects.get(cell=key, is_active=True).value == "4"
    else:
        assert response.status_code == expected(role, set())
        assert not ReportOverride.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_deadlines_page_is_for_the_office(request, client, role):
    response = client_for(request, client, role).get(reverse("backoffice:reports:deadlines") + "?year=2025")
    assert response.status_code == {"anonymous": 302, "office": 200, "admin_person": 200}.get(role, 403)


def test_create_report_from_the_index(client, clerk, data):
    client.force_login(clerk)
    response = client.post(reverse("backoffice:reports:create"), {"organization": data.pk, "year": YEAR})
    report = AnnualReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:reports:detail", args=[report.pk])


def test_clerk_cannot_create_a_report_for_another_organization(client, other_clerk, data):
    client.force_login(other_clerk)
    response = client.post(reverse("backoffice:reports:create"), {"organization": data.pk, "year": YEAR})
    assert response.status_code == 400
    assert not AnnualReport.objects.exists()


def test_failed_check_shows_the_cell_and_disables_publishing(client, office, report, clerk):
    client.force_login(clerk)
    key = request_cell(t.RESULT_TOTAL_ROW, "自然人")
    client.post(reverse("backoffice:reports:cell", args=[report.pk]), {"cell": key, "value": "9", "reason": "试填"})
    client.force_login(office)
    content = client.get(reverse("backoffice:reports:detail", args=[report.pk])).content.decode()
    assert "校验未通过（3处），不能发布" in content
    assert "表三“（七）总计”行“自然人”列" in content
    assert "disabled" in content
    response = client.post(reverse("backoffice:reports:publish", args=[report.pk]), follow=True)
    assert "3处数据校验未通过" in response.content.decode()
    report.refresh_from_db()
    assert report.record is None


def test_cell_page_drills_down_by_organization(client, office, government, data, other_department):
    report = create_report(organization=government, year=YEAR, actor=office)
    client.force_login(office)
    key = request_cell(t.NEW, t.TOTAL)
    response = client.get(reverse("backoffice:reports:cell", args=[report.pk]), {"cell": key})
    rows = [(row["name"], row["value"]) for row in response.context["drill_down"]]
    assert rows[0] == (government.name, "0")
    assert (data.name, "6") in rows
    assert (other_department.name, "1") in rows
    payload = client.get(reverse("backoffice:reports:download", args=[report.pk, "json"])).json()
    by_name = {entry["name"]: entry["tables"] for entry in payload["breakdown"]}
    requests_title = t.TABLE_TITLES[t.TABLE_REQUESTS]
    assert by_name[data.name][requests_title]["一、本年新收政府信息公开申请数量"]["总计"] == 6
    assert by_name[other_department.name][requests_title]["一、本年新收政府信息公开申请数量"]["总计"] == 1
    breakdown = client.get(reverse("backoffice:reports:breakdown", args=[report.pk]))
    assert breakdown.status_code == 200
    assert data.name in breakdown.content.decode()


def test_bad_cell_is_not_found(client, clerk, report):
    client.force_login(clerk)
    assert client.get(reverse("backoffice:reports:cell", args=[report.pk]), {"cell": "x|y|z"}).status_code == 404


@pytest.mark.parametrize("output_format", ["json", "docx", "pdf", "html"])
def test_back_office_downloads(client, clerk, report, output_format):
    client.force_login(clerk)
    response = client.get(reverse("backoffice:reports:download", args=[report.pk, output_format]))
    assert response.status_code == 200
    assert response.content


def test_narrative_form_saves_plain_text(client, clerk, report):
    client.force_login(clerk)
    response = client.post(
        reverse("backoffice:reports:narrative", args=[report.pk]),
        {"overview": "<b>总体</b>情况", "problems": "无", "other_matters": "无"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.overview == "总体情况"


def test_case_register_pages(client, clerk, department):
    client.force_login(clerk)
    response = client.post(
        reverse("backoffice:reports:case_create"),
        {
            "organization": department.pk,
            "kind": CaseKind.REVIEW,
            "case_number": "青复〔2025〕1号",
            "filed_on": "2025-03-01",
            "result": "pending",
        },  # fmt: skip
    )
    assert response.status_code == 302
    case = ReviewCase.objects.get()
    bad = client.post(
        reverse("backoffice:reports:case_edit", args=[case.pk]),
        {"kind": CaseKind.REVIEW, "case_number": "青复〔2025〕1号", "filed_on": "2025-03-01", "result": "upheld"},
    )
    assert bad.status_code == 400
    assert "已审结的案件请填写审结日期" in bad.content.decode()
    assert ReviewCase.objects.get().result == "pending"
    assert client.get(reverse("backoffice:reports:cases")).status_code == 200


def test_other_clerk_cannot_open_a_case(client, other_clerk, department, clerk):
    case = ReviewCase.objects.create(
        organization=department, kind=CaseKind.REVIEW, case_number="X1", filed_on=date(2025, 1, 1), created_by=clerk
    )
    client.force_login(other_clerk)
    assert client.get(reverse("backoffice:reports:case_edit", args=[case.pk])).status_code == 404


def test_workbench_panel_lists_overdue_organizations(client, office, data, other_department):
    client.force_login(office)
    response = client.get(reverse("backoffice:home"))
    panels = [panel for panel in response.context["panels"] if "年度报告未发布" in str(panel.title)]
    assert len(panels) == 1
    labels = [item["label"] for item in panels[0].items]
    assert data.name in labels
    assert other_department.name in labels


@pytest.fixture
def published(report, office, reviewer, confidentiality_officer):
    publish_report(report=report, actor=office)
    report.refresh_from_db()
    approve_record(record=report.record, actor=reviewer)
    clear_record(record=report.record, actor=confidentiality_officer)
    publish_report(report=report, actor=office)
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    return report


def test_portal_shows_only_published_reports(
    client, published, other_department, office, django_assert_max_num_queries
):
    draft = create_report(organization=other_department, year=YEAR, actor=office)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("portal:reports:index"))
    assert response.status_code == 200
    content = response.content.decode()
    assert published.title in content
    assert draft.title not in content
    detail = client.get(reverse("portal:reports:detail", args=[published.pk]))
    assert detail.status_code == 200
    assert "本年新收政府信息公开申请数量" in detail.content.decode()
    pdf = client.get(reverse("portal:reports:download", args=[published.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF")


def test_portal_hides_unpublished_reports(client, report):
    assert client.get(reverse("portal:reports:detail", args=[report.pk])).status_code == 404
    assert client.get(reverse("portal:reports:download", args=[report.pk, "docx"])).status_code == 404
    assert client.get(f"/api/v1/reports/published/{report.pk}/").status_code == 404


def test_api_for_staff_and_public(client, clerk, other_clerk, published):
    assert client.get(f"/api/v1/reports/{published.pk}/").status_code == 401
    client.force_login(other_clerk)
    assert client.get(f"/api/v1/reports/{published.pk}/").status_code == 404
    client.force_login(clerk)
    payload = client.get(f"/api/v1/reports/{published.pk}/").json()
    assert payload["tables"][t.TABLE_TITLES[t.TABLE_REQUESTS]]["一、本年新收政府信息公开申请数量"]["总计"] == 6
    client.logout()
    public = client.get(f"/api/v1/reports/published/{published.pk}/").json()
    assert public["failed_checks"] == []
