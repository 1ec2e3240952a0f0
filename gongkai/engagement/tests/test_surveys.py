"""Surveys: the questionnaire's life, online and paper answers, validity, the counted results, the .xlsx export."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from gongkai.core.errors import AccessDenied
from gongkai.engagement import services
from gongkai.engagement.errors import EngagementError, EngagementErrorCode
from gongkai.engagement.models import Response, SurveyStatus
from gongkai.engagement.survey_export import export_survey
from gongkai.engagement.survey_results import results_for

from .factories import build_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(office, government):
    built = build_survey(office, government)
    services.open_survey(actor=office, survey=built[0])
    return built


def option(question, label):
    return question.options.get(label=label).pk


def test_life_draft_open_closed_published(office, government):
    survey = build_survey(office, government)[0]
    with pytest.raises(EngagementError):
        services.close_survey(actor=office, survey=survey)
    services.open_survey(actor=office, survey=survey)
    with pytest.raises(EngagementError) as error:
        services.add_question(actor=office, survey=survey, text="补充题", kind="text")
    assert error.value.code == EngagementErrorCode.WRONG_STATE
    services.close_survey(actor=office, survey=survey)
    services.publish_results(actor=office, survey=survey, summary="总体满意率较高。")
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.PUBLISHED


def test_clerk_cannot_build_a_survey(clerk, department):
    with pytest.raises(AccessDenied):
        services.create_survey(actor=clerk, organization=department, title="测评")


def test_choice_question_needs_two_options(office, government):
    survey = build_survey(office, government)[0]
    with pytest.raises(EngagementError) as error:
        services.add_question(actor=office, survey=survey, text="单选", kind="single", options=["只有一个"])
    assert error.value.field == "options"


def test_one_online_answer_per_browser_session(survey):
    survey, overall, rating, *_rest = survey
    values = {overall.pk: option(overall, "满意"), rating.pk: 5}
    services.submit_online_response(survey=survey, values=values, session_key="abc")
    with pytest.raises(EngagementError) as error:
        services.submit_online_response(survey=survey, values=values, session_key="abc")
    assert error.value.code == EngagementErrorCode.ALREADY_ANSWERED
    services.submit_online_response(survey=survey, values=values, session_key="other")
    assert Response.objects.count() == 2
    assert "abc" not in Response.objects.first().session_digest


def test_online_answer_must_answer_required_questions_and_valid_values(survey):
    survey, overall, rating, *_rest = survey
    with pytest.raises(EngagementError) as error:
        services.submit_online_response(survey=survey, values={rating.pk: 4}, session_key="s1")
    assert "第1题" in error.value.message
    with pytest.raises(EngagementError) as error:
        services.submit_online_response(
            survey=survey, values={overall.pk: option(overall, "满意"), rating.pk: 9}, session_key="s1"
        )
    assert "1至5分" in error.value.message
    assert Response.objects.count() == 0


def test_paper_answer_missing_a_required_question_is_kept_but_invalid(survey, office):
    survey, overall, rating, *_rest = survey
    response = services.enter_paper_response(
        actor=office, survey=survey, channel="window", values={rating.pk: 3}, paper_number="W-001"
    )
    assert response.is_valid is False


def test_results_per_channel_and_question_like_xuhui(survey, office):
    survey, overall, rating, channels, advice = survey
    services.set_issued(actor=office, survey=survey, channel="online", issued=4)
    services.set_issued(actor=office, survey=survey, channel="window", issued=5)
    services.set_issued(actor=office, survey=survey, channel="service_center", issued=3)
    for key, label, score in (("a", "满意", 5), ("b", "基本满意", 4), ("c", "不满意", 2)):
        services.submit_online_response(
            survey=survey,
            values={
                overall.pk: option(overall, label),
                rating.pk: score,
                channels.pk: [option(channels, "网站"), option(channels, "微信")],
            },
            session_key=key,
        )
    for number, label in enumerate(("满意", "满意", "不满意", "满意")):
        services.enter_paper_response(
            actor=office,
            survey=survey,
            channel="window",
            values={overall.pk: option(overall, label), rating.pk: 4},
            paper_number=f"W{number}",
        )
    services.enter_paper_response(actor=office, survey=survey, channel="window", values={advice.pk: "无"})  # invalid
    services.enter_paper_response(
        actor=office,
        survey=survey,
        channel="service_center",
        values={overall.pk: option(overall, "满意"), rating.pk: 5},
    )
    results = results_for(survey)
    rows = {row.channel: row for row in results.channels}
    assert (rows["window"].issued, rows["window"].returned, rows["window"].valid) == (5, 5, 4)
    assert rows["window"].valid_rate == Decimal("80.0")
    total = results.total
    assert (total.issued, total.returned, total.valid) == (12, 9, 8)
    assert total.valid_rate == Decimal("66.7")
    # satisfaction: overall question 6 of 8 satisfied, rating question 7 of 8 ≥ 4 → 13 / 16
    assert total.satisfaction_rate == Decimal("81.3")
    by_question = {result.question.pk: result for result in results.questions}
    assert by_question[overall.pk].rows == [("满意", 5), ("基本满意", 1), ("不满意", 2)]
    assert by_question[rating.pk].average == Decimal("4.00")  # (5 + 4 + 2 + 4 × 4 + 5) ÷ 8
    assert by_question[channels.pk].rows == [("网站", 3), ("公开栏", 0), ("微信", 3)]
    # and each question by channel (online, window, service centre; the invalid window questionnaire not counted)
    overall_result = by_question[overall.pk]
    assert [(c.channel, c.label) for c in overall_result.channels] == [
        ("online", "网上问卷"),
        ("window", "窗口"),
        ("service_center", "行政服务中心"),
    ]
    assert overall_result.table == [("满意", [1, 3, 1], 5), ("基本满意", [1, 0, 0], 1), ("不满意", [1, 1, 0], 2)]
    assert [c.answered for c in overall_result.channels] == [3, 4, 1]
    assert [c.satisfaction_rate for c in overall_result.channels] == [
        Decimal("66.7"),
        Decimal("75.0"),
        Decimal("100.0"),
    ]
    assert by_question[rating.pk].table == [
        ("5分", [1, 0, 1], 2),
        ("4分", [1, 4, 0], 5),
        ("3分", [0, 0, 0], 0),
        ("2分", [1, 0, 0], 1),
        ("1分", [0, 0, 0], 0),
    ]
    assert [c.satisfaction_rate for c in by_question[channels.pk].channels] == [None, None, None]
    assert [c.answered for c in by_question[advice.pk].channels] == [0, 0, 0]
    sheet = load_workbook(BytesIO(export_survey(survey)))["分渠道统计"]
    cells = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=1, max_row=6, max_col=5)]
    assert cells == [
        ["1. 您对政务公开工作的总体评价", None, None, None, None],
        ["选项或分值", "网上问卷", "窗口", "行政服务中心", "合计"],
        ["满意", 1, 3, 1, 5],
        ["基本满意", 1, 0, 0, 1],
        ["不满意", 1, 1, 0, 2],
        ["作答人数", 3, 4, 1, 8],
    ]
    assert [cell.value for cell in sheet[7]][:5] == ["满意率", "66.7%", "75.0%", "100.0%", "75.0%"]
    assert len(sheet._charts) == 3  # one per question with rows (the text question has none)


def test_issued_cannot_be_below_returned(survey, office):
    survey, overall, rating, *_rest = survey
    services.enter_paper_response(
        actor=office, survey=survey, channel="window", values={overall.pk: option(overall, "满意"), rating.pk: 4}
    )
    with pytest.raises(EngagementError):
        services.set_issued(actor=office, survey=survey, channel="window", issued=0)


def test_export_masks_text_and_writes_formulas_as_text(survey, office, tmp_path):
    survey, overall, rating, channels, advice = survey
    services.submit_online_response(
        survey=survey,
        values={overall.pk: option(overall, "满意"), rating.pk: 5, advice.pk: '=HYPERLINK("http://x") 电话13812345678'},
        session_key="k",
    )
    workbook = load_workbook(BytesIO(export_survey(survey)))
    assert workbook.sheetnames == ["概况", "题目统计", "分渠道统计", "答卷明细"]
    detail = workbook["答卷明细"]
    cell = detail.cell(row=2, column=8)
    assert cell.data_type == "s"
    assert cell.value.startswith("=HYPERLINK")
    assert "13812345678" not in cell.value
    assert "138****5678" in cell.value
    target = tmp_path / "survey.xlsx"
    call_command("engagement", "export-survey", str(survey.pk), "-o", str(target))
    assert load_workbook(target)["概况"]["A1"].value == "政务公开满意度测评"


def test_export_command_refuses_unknown_survey(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="找不到编号为 999"):
        call_command("engagement", "export-survey", "999", "-o", str(tmp_path / "x.xlsx"))
