"""Report services: creation, overrides, narrative, checks, publication through the publishing workflow, cases."""

from datetime import date

import pytest

from gongkai.core.errors import AccessDenied
from gongkai.core.models import AuditEntry
from gongkai.publishing.models import Genre, RecordStatus
from gongkai.publishing.services import approve_record, clear_record
from gongkai.reports import tables as t
from gongkai.reports.errors import ReportError
from gongkai.reports.figures import figures_of
from gongkai.reports.models import AnnualReport, CaseKind, CaseResult, ReportOverride, ReportStatus, ReviewCase
from gongkai.reports.services import (
    check_report,
    clear_override,
    create_report,
    publish_report,
    redraft_narrative,
    refresh_report,
    register_case,
    retire_case,
    set_override,
    update_case,
    update_narrative,
)

from .factories import make_application
from .scenario import YEAR, finish_narrative, request


@pytest.fixture
def report(data, clerk):
    return finish_narrative(create_report(organization=data, year=YEAR, actor=clerk), clerk)


def test_create_report_computes_the_tables_and_drafts_the_sections(report):
    assert report.status == ReportStatus.DRAFT
    assert report.scope == "organization"
    assert t.decode(report.computed)[request(t.NEW, t.TOTAL)] == 6
    assert "全年新收政府信息公开申请6件，上年结转2件；本年度办结5件" in report.overview
    assert "本年未收取信息处理费" in report.other_matters
    assert AuditEntry.objects.filter(action="reports.report.created", target_id=str(report.pk)).count() == 1


def test_a_second_report_for_the_same_year_is_refused(report, data, clerk):
    with pytest.raises(ReportError, match="已经存在"):
        create_report(organization=data, year=YEAR, actor=clerk)
    assert AnnualReport.objects.count() == 1


@pytest.mark.parametrize("year", [2007, 2999, "abc"])
def test_invalid_years_are_refused(data, clerk, year):
    with pytest.raises(ReportError) as error:
        create_report(organization=data, year=year, actor=clerk)
    assert error.value.code == "reports.invalid_year"
    assert not AnnualReport.objects.exists()


def test_refresh_picks_up_new_applications_and_keeps_overrides(report, data, clerk):
    key = request(t.NEW, "自然人")
    set_override(report=report, actor=clerk, cell=key, value="5", reason="含纸质申请")
    make_application(organization=data, applicant_type="business", received_on=date(2025, 3, 3))
    report = refresh_report(report=report, actor=clerk)
    figures = figures_of(report)
    assert figures.computed[request(t.NEW, "商业企业")] == 3
    assert figures.values[key] == 5
    assert figures.computed[key] == 1


def test_override_is_recorded_with_reason_and_computed_value(report, clerk):
    key = t.Cell(t.TABLE_ACTIVE, (t.ARTICLE_20_8, t.FEE), (t.FEE_AMOUNT,)).key
    override = set_override(report=report, actor=clerk, cell=key, value="2.5", reason="财政统计口径")
    assert (override.value, override.computed_value, override.reason) == ("2.5", "1.2550", "财政统计口径")
    second = set_override(report=report, actor=clerk, cell=key, value="3", reason="更正")
    first = ReportOverride.objects.get(pk=override.pk)
    assert not first.is_active
    assert first.cleared_by == clerk
    assert figures_of(report).values[key] == 3
    clear_override(report=report, actor=clerk, cell=key)
    second.refresh_from_db()
    assert not second.is_active
    assert figures_of(report).values[key] == figures_of(report).computed[key]
    assert ReportOverride.objects.count() == 2


@pytest.mark.parametrize(
    ("cell", "value", "reason", "code"),
    [
        ("表五|x|y", "1", "理由", "reports.unknown_cell"),
        (request(t.NEW, "自然人"), "-1", "理由", "reports.invalid_value"),
        (request(t.NEW, "自然人"), "1.5", "理由", "reports.invalid_value"),
        (request(t.NEW, "自然人"), "2", "   ", "reports.reason_required"),
    ],
)
def test_invalid_overrides_change_nothing(report, clerk, cell, value, reason, code):
    with pytest.raises(ReportError) as error:
        set_override(report=report, actor=clerk, cell=cell, value=value, reason=reason)
    assert error.value.code == code
    assert not ReportOverride.objects.exists()
    assert not AuditEntry.objects.filter(action="reports.override.set").exists()


def test_planted_inconsistency_is_caught_and_blocks_publication(report, clerk, office):
    assert check_report(report=report, actor=clerk) == []
    report.refresh_from_db()
    assert report.status == ReportStatus.CHECKED
    set_override(report=report, actor=clerk, cell=request(t.CARRIED_OUT, "科研机构"), value="0", reason="手工核对")
    failures = check_report(report=report, actor=clerk)
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert [failure.label for failure in failures] == [
        "表三“（七）总计”行“科研机构”列",
        "表三“（七）总计”行“总计”列",
    ]
    assert "第一项（0）加第二项（1）之和为1，而第三项（七）总计（0）加第四项（0）之和为0" in failures[0].message
    assert report.check_failures[0]["cell"] == request(t.RESULT_TOTAL_ROW, "科研机构")
    with pytest.raises(ReportError, match="2处数据校验未通过"):
        publish_report(report=report, actor=office)
    report.refresh_from_db()
    assert report.record is None
    assert report.status == ReportStatus.DRAFT


def test_narrative_is_sanitized_and_sends_the_report_back_to_draft(report, clerk):
    check_report(report=report, actor=clerk)
    report = update_narrative(
        report=report,
        actor=clerk,
        overview="<p>第一段<script>alert(1)</script></p>\r\n\r\n第二段 & 更多",
        problems="问题",
        other_matters="无",
    )
    assert report.overview == "第一段\n\n第二段 & 更多"
    assert report.status == ReportStatus.DRAFT
    report = redraft_narrative(report=report, actor=clerk)
    assert report.overview.startswith("2025年，示范区民政局")


def test_office_publishes_through_the_review_workflow(report, clerk, office, reviewer, confidentiality_officer):
    assert publish_report(report=report, actor=office) == "submitted"
    report.refresh_from_db()
    record = report.record
    assert record.status == RecordStatus.SUBMITTED
    assert record.genre == Genre.ANNUAL_REPORT
    assert list(record.columns.values_list("slug", flat=True)) == ["annual-reports"]
    assert "本年新收政府信息公开申请数量" in record.body
    assert '<th colspan="5" scope="colgroup">法人或其他组织</th>' in record.body
    with pytest.raises(ReportError, match="待审核"):
        publish_report(report=report, actor=office)
    approve_record(record=record, actor=reviewer)
    clear_record(record=record, actor=confidentiality_officer)
    assert publish_report(report=report, actor=office) == "published"
    report.refresh_from_db()
    record.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    assert record.status == RecordStatus.PUBLISHED
    assert record.index_number
    assert report.published_by == office
    # A change after publication corrects the published record.
    set_override(report=report, actor=clerk, cell=request(t.NEW, "其他"), value="1", reason="核对无误")
    set_override(report=report, actor=clerk, cell=request(t.NEW, "其他"), value="2", reason="补录")
    set_override(report=report, actor=clerk, cell=request(leaf_other(), "其他"), value="2", reason="补录")
    assert publish_report(report=report, actor=office) == "published"
    record.refresh_from_db()
    assert record.corrected_at is not None
    assert "补录" in record.body


def leaf_other():
    group, leaves = t.RESULT_GROUPS[3]
    return (t.RESULTS, group, leaves[2])


def test_clerk_cannot_publish(report, clerk):
    with pytest.raises(AccessDenied):
        publish_report(report=report, actor=clerk)
    report.refresh_from_db()
    assert report.record is None


@pytest.mark.parametrize(
    ("actor_name", "allowed"),
    [("other_clerk", False), ("clerk", True), ("reviewer", True), ("office", True), ("admin_person", True)],
)
def test_who_may_prepare_a_report(request, data, actor_name, allowed):
    actor = request.getfixturevalue(actor_name)
    if allowed:
        assert create_report(organization=data, year=YEAR, actor=actor).pk
    else:
        with pytest.raises(AccessDenied):
            create_report(organization=data, year=YEAR, actor=actor)
        assert not AnnualReport.objects.exists()


def test_case_register_validates_and_retires(department, clerk):
    case = register_case(
        organization=department,
        actor=clerk,
        kind=CaseKind.REVIEW,
        case_number=" 青复〔2025〕3号 ",
        filed_on=date(2025, 4, 1),
    )
    assert case.case_number == "青复〔2025〕3号"
    with pytest.raises(ReportError, match="已登记"):
        register_case(
            organization=department,
            actor=clerk,
            kind=CaseKind.REVIEW,
            case_number="青复〔2025〕3号",
            filed_on=date(2025, 4, 1),
        )
    with pytest.raises(ReportError, match="审结日期"):
        update_case(case=case, actor=clerk, result=CaseResult.UPHELD)
    with pytest.raises(ReportError, match="复议后起诉"):
        update_case(case=case, actor=clerk, as_review_body=True)
    case = update_case(case=case, actor=clerk, result=CaseResult.UPHELD, concluded_on=date(2025, 6, 1))
    assert ReviewCase.objects.get(pk=case.pk).result == CaseResult.UPHELD
    retire_case(case=case, actor=clerk, reason="重复登记")
    assert not ReviewCase.objects.get(pk=case.pk).is_active
    assert AuditEntry.objects.filter(action__startswith="reports.case.").count() == 3


def test_other_clerk_cannot_register_cases(department, other_clerk):
    with pytest.raises(AccessDenied):
        register_case(
            organization=department, actor=other_clerk, kind=CaseKind.REVIEW, case_number="X", filed_on=date(2025, 1, 1)
        )
    assert not ReviewCase.objects.exists()


def test_a_report_still_carrying_the_drafting_prompt_is_not_published(data, clerk, office):
    report = create_report(organization=data, year=YEAR, actor=clerk)
    assert "（请结合本机关实际补充存在的主要问题及改进措施。）" in report.problems
    with pytest.raises(ReportError) as error:
        publish_report(report=report, actor=office)
    assert error.value.code == "reports.narrative_unfinished"
    assert "五、存在的主要问题及改进情况尚未完成" in error.value.message
    report.refresh_from_db()
    assert report.record is None
