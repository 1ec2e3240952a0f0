"""Back-office survey pages: building by the office, paper entry by staff, export, permissions."""

import pytest
from django.urls import reverse

from gongkai.core.models import AuditEntry
from gongkai.engagement import services
from gongkai.engagement.models import Question, Response, Survey
from gongkai.orgs.tests.factories import PASSWORD

from .factories import build_survey

pytestmark = pytest.mark.django_db


def login(client, person):
    assert client.login(username=person.username, password=PASSWORD)


def test_office_builds_a_questionnaire(client, office, government):
    login(client, office)
    client.post(
        reverse("backoffice:engagement:new_survey"),
        {"organization": government.pk, "title": "窗口服务满意度", "validity_rule": "required_answered"},
    )
    survey = Survey.objects.get()
    client.post(
        reverse("backoffice:engagement:survey_build", args=[survey.pk, "question"]),
        {
            "text": "总体评价",
            "kind": "single",
            "is_required": "on",
            "measures_satisfaction": "on",
            "options": "满意 *\n基本满意 *\n不满意",
        },
    )
    question = Question.objects.get()
    assert [(o.label, o.counts_as_satisfied) for o in question.options.all()] == [
        ("满意", True),
        ("基本满意", True),
        ("不满意", False),
    ]
    client.post(reverse("backoffice:engagement:survey_step", args=[survey.pk, "open"]))
    survey.refresh_from_db()
    assert survey.status == "open"


def test_clerk_enters_paper_questionnaires_but_cannot_open_surveys(client, office, government, make_person):
    survey, overall, rating, *_rest = build_survey(office, government)
    clerk = make_person("clerk", government)
    login(client, clerk)
    client.post(reverse("backoffice:engagement:survey_step", args=[survey.pk, "open"]))
    survey.refresh_from_db()
    assert survey.status == "draft"
    services.open_survey(actor=office, survey=survey)
    client.post(
        reverse("backoffice:engagement:survey_paper", args=[survey.pk]),
        {
            "channel": "community_center",
            "paper_number": "C-1",
            f"q{overall.pk}": overall.options.first().pk,
            f"q{rating.pk}": "4",
        },
    )
    response = Response.objects.get()
    assert (response.channel, response.paper_number, response.is_valid, response.entered_by) == (
        "community_center",
        "C-1",
        True,
        clerk,
    )


def test_export_is_logged_and_refused_to_other_organizations(client, office, government, other_clerk):
    survey = build_survey(office, government)[0]
    login(client, other_clerk)
    assert client.get(reverse("backoffice:engagement:survey_export", args=[survey.pk])).status_code == 404
    login(client, office)
    response = client.get(reverse("backoffice:engagement:survey_export", args=[survey.pk]))
    assert response.status_code == 200
    assert response.content[:2] == b"PK"
    assert AuditEntry.objects.filter(action="engagement.survey.exported", actor=office).count() == 1


def test_office_edits_reorders_and_removes_questions_of_a_draft(client, office, government):
    survey, overall, rating, channels, advice = build_survey(office, government)
    login(client, office)
    edit = reverse("backoffice:engagement:edit_question", args=[survey.pk, overall.pk])
    page = client.get(edit).content.decode()
    assert "满意 *\n基本满意 *\n不满意" in page
    response = client.post(edit, {"text": "", "kind": "single", "options": "好\n差"})
    assert response.status_code == 200  # the form again, with what to fix
    response = client.post(
        edit, {"text": "总体评价", "kind": "single", "is_required": "on", "options": "满意 *\n不满意"}
    )
    assert response.status_code == 302
    assert [o.label for o in Question.objects.get(pk=overall.pk).options.all()] == ["满意", "不满意"]
    client.post(reverse("backoffice:engagement:question_step", args=[survey.pk, advice.pk, "up"]))
    client.post(reverse("backoffice:engagement:question_step", args=[survey.pk, rating.pk, "remove"]))
    assert list(survey.questions.values_list("text", flat=True)) == ["总体评价", advice.text, channels.text]
    page = client.get(reverse("backoffice:engagement:survey", args=[survey.pk])).content.decode()
    assert rating.text not in page.split("调查结果")[0]
    assert page.count("question-tools") == 3


def test_questions_cannot_be_edited_once_open_nor_by_a_clerk(client, office, government, make_person):
    survey, overall, rating, *_rest = build_survey(office, government)
    clerk = make_person("clerk", government)
    login(client, clerk)
    edit = reverse("backoffice:engagement:edit_question", args=[survey.pk, overall.pk])
    assert client.get(edit).status_code == 403
    assert (
        "question-tools" not in client.get(reverse("backoffice:engagement:survey", args=[survey.pk])).content.decode()
    )
    services.open_survey(actor=office, survey=survey)
    login(client, office)
    client.post(reverse("backoffice:engagement:question_step", args=[survey.pk, rating.pk, "remove"]))
    response = client.post(edit, {"text": "改了", "kind": "text"})
    assert "不能修改问卷" in response.content.decode()
    assert survey.questions.count() == 4
    assert Question.objects.get(pk=overall.pk).text == "您对政务公开工作的总体评价"
    assert (
        "question-tools" not in client.get(reverse("backoffice:engagement:survey", args=[survey.pk])).content.decode()
    )
