"""Public survey pages: answering without JavaScript, one per session, rate limit, published results with tables."""

import pytest
from django.test import override_settings
from django.urls import reverse

from gongkai.engagement import services
from gongkai.engagement.models import Response

from .factories import build_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(office, government):
    built = build_survey(office, government)
    services.open_survey(actor=office, survey=built[0])
    return built


def answers(overall, rating):
    return {f"q{overall.pk}": overall.options.get(label="满意").pk, f"q{rating.pk}": "5"}


def test_answer_online_once_per_browser_session(client, survey):
    survey, overall, rating, *_rest = survey
    url = reverse("portal:engagement:survey", args=[survey.pk])
    page = client.get(url).content.decode()
    assert 'type="radio"' in page
    assert "<script" not in page.split("<main")[-1].split("</main>")[0]
    assert client.post(url, answers(overall, rating)).status_code == 302
    second = client.post(url, answers(overall, rating))
    assert "您已提交过这份问卷" in second.content.decode()
    assert Response.objects.count() == 1


def test_missing_required_answer_is_explained(client, survey):
    survey, overall, rating, *_rest = survey
    response = client.post(reverse("portal:engagement:survey", args=[survey.pk]), {f"q{rating.pk}": "4"})
    assert "请回答必答题：第1题" in response.content.decode()
    assert Response.objects.count() == 0


@override_settings(GONGKAI_PUBLIC_FORM_RATE=2)
def test_online_answers_are_rate_limited(client, survey):
    from django.test import Client

    survey, overall, rating, *_rest = survey
    url = reverse("portal:engagement:survey", args=[survey.pk])
    for _attempt in range(2):
        Client().post(url, answers(overall, rating))
    assert Client().post(url, answers(overall, rating)).status_code == 429
    assert Response.objects.count() == 2


def test_results_only_when_published_with_tables_and_no_text_answers(client, survey, office):
    survey, overall, rating, channels, advice = survey
    url = reverse("portal:engagement:survey_results", args=[survey.pk])
    values = {overall.pk: overall.options.get(label="满意").pk, rating.pk: 5, advice.pk: "我的电话13812345678"}
    services.submit_online_response(survey=survey, values=values, session_key="x")
    assert client.get(url).status_code == 404
    services.close_survey(actor=office, survey=survey)
    services.publish_results(actor=office, survey=survey, summary="满意率100%。")
    body = client.get(url).content.decode()
    assert "<table" in body
    assert "vendor/echarts/echarts.min.js" in body
    assert "13812345678" not in body
    assert "满意率100%" in body


def test_results_page_shows_each_question_by_channel_in_the_table_and_the_chart_data(
    client, survey, office, django_assert_max_num_queries
):
    import json
    import re

    survey, overall, rating, *_rest = survey
    services.submit_online_response(
        survey=survey, values={overall.pk: overall.options.get(label="满意").pk, rating.pk: 5}, session_key="x"
    )
    for label in ("满意", "不满意"):
        services.enter_paper_response(
            actor=office,
            survey=survey,
            channel="window",
            values={overall.pk: overall.options.get(label=label).pk, rating.pk: 3},
        )
    services.close_survey(actor=office, survey=survey)
    services.publish_results(actor=office, survey=survey, summary="结果摘要。")
    with django_assert_max_num_queries(8):
        response = client.get(reverse("portal:engagement:survey_results", args=[survey.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    table = body[body.index(f'id="question-chart-{overall.pk}"') :]
    table = table[: table.index("</table>")]
    cells = re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", table)
    assert cells[:4] == ["选项", "网上问卷", "窗口", "合计"]
    assert cells[4:8] == ["满意", "1", "1", "2"]
    assert cells[-4:] == ["满意率", "100.0%", "50.0%", "66.7%"]
    chart = json.loads(re.search(r'<script id="survey-chart" type="application/json">(.*?)</script>', body).group(1))
    question = next(item for item in chart["questions"] if item["id"] == overall.pk)
    assert question["categories"] == ["满意", "基本满意", "不满意"]
    assert question["series"] == [{"name": "网上问卷", "data": [1, 0, 0]}, {"name": "窗口", "data": [1, 0, 1]}]


def test_survey_list_queries_do_not_grow_with_surveys(
    client, survey, office, government, django_assert_max_num_queries
):
    for number in range(3):
        extra = build_survey(office, government, title=f"第{number}次测评")[0]
        services.open_survey(actor=office, survey=extra)
        if number:
            services.close_survey(actor=office, survey=extra)
            services.publish_results(actor=office, survey=extra, summary="摘要。")
    with django_assert_max_num_queries(4):
        response = client.get(reverse("portal:engagement:surveys"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("/results/") == 2
    assert "第0次测评" in body
