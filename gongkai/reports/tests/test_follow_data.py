"""The report's text follows its figures, and a published report says when its year's data changed afterwards."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from gongkai.applications.models import ApplicantType
from gongkai.applications.tests.factories import id_card
from gongkai.core.models import AuditEntry
from gongkai.reports.models import AnnualReport, ReportStatus
from gongkai.reports.services import create_report, redraft_narrative, refresh_report, update_narrative

from .factories import make_application
from .scenario import YEAR

pytestmark = pytest.mark.django_db


def add_application(organization, day=date(YEAR, 3, 2)):
    return make_application(organization=organization, applicant_type=ApplicantType.NATURAL_PERSON, received_on=day)


def test_an_unedited_draft_is_rewritten_when_the_figures_change(data, clerk):
    report = create_report(organization=data, year=YEAR, actor=clerk)
    before = report.overview
    add_application(data)
    report = refresh_report(report=report, actor=clerk)
    assert report.overview != before  # the new count is in the text
    assert report.narrative_stale is False
    assert redraft_narrative(report=report, actor=clerk).overview == report.overview  # already the fresh draft


def test_an_edited_text_is_kept_and_flagged_stale(data, clerk, client):
    report = create_report(organization=data, year=YEAR, actor=clerk)
    report = update_narrative(
        report=report, actor=clerk, overview="本机关人工撰写的总体情况。", problems=report.problems, other_matters=""
    )
    add_application(data)
    report = refresh_report(report=report, actor=clerk)
    assert report.overview == "本机关人工撰写的总体情况。"
    assert report.narrative_stale is True
    client.force_login(clerk)
    page = client.get(reverse("backoffice:reports:detail", kwargs={"report_id": report.pk})).content.decode()
    assert "文字部分经人工修改过，未自动重写" in page
    report = redraft_narrative(report=report, actor=clerk)
    assert report.narrative_stale is False


def register_csv(organization) -> bytes:
    header = "查询码,办理机关,申请人类型,收到申请日期,状态,申请渠道,申请人,证件号码,联系电话,所需信息\n"
    row = f"L-1,{organization.name},自然人,{YEAR}-06-01,已签收办理中,当面提交,李四,{id_card()},13900000000,会议纪要\n"
    return (header + row).encode("utf-8")


def test_importing_into_a_published_year_warns_and_the_page_says_so(
    data, clerk, client, tmp_path, django_capture_on_commit_callbacks
):
    report = create_report(organization=data, year=YEAR, actor=clerk)
    AnnualReport.objects.filter(pk=report.pk).update(status=ReportStatus.PUBLISHED, published_at=timezone.now())
    path = tmp_path / "register.csv"
    path.write_bytes(register_csv(data))
    err = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("applications", "import", str(path), stdout=io.StringIO(), stderr=err)
    assert f"警告：{data.name}{YEAR}年度报告已发布，本次导入改变了该年度的数据" in err.getvalue()
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED  # stays as published until the office republishes
    assert report.data_changed_at is not None
    assert AuditEntry.objects.filter(action="reports.report.data_changed").count() >= 1
    page = client.get(reverse("portal:reports:detail", kwargs={"report_id": report.pk})).content.decode()
    assert "该年度的数据有变化" in page
    client.force_login(clerk)
    staff_page = client.get(reverse("backoffice:reports:detail", kwargs={"report_id": report.pk})).content.decode()
    assert "导入或更正了该年度的数据" in staff_page


def test_importing_into_a_draft_year_does_not_flag_anything(data, clerk, tmp_path, django_capture_on_commit_callbacks):
    report = create_report(organization=data, year=YEAR, actor=clerk)
    path = tmp_path / "register.csv"
    path.write_bytes(register_csv(data))
    err = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("applications", "import", str(path), stdout=io.StringIO(), stderr=err)
    assert "警告" not in err.getvalue()
    report.refresh_from_db()
    assert report.data_changed_at is None
