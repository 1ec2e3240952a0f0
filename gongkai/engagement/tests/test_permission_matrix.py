"""The permission matrix of calls and surveys in the back office: who sees them, who may take which step."""

import pytest
from django.urls import reverse

from gongkai.engagement import services
from gongkai.engagement.models import CallStatus, SurveyStatus
from gongkai.orgs.tests.factories import PASSWORD

from .factories import build_survey, call_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_person, department, other_department, government):
    return {
        "anonymous": None,
        "public_user": make_person(None, None),
        "other_clerk": make_person("clerk", other_department),
        "clerk": make_person("clerk", department),
        "reviewer": make_person("reviewer", department),
        "office": make_person("office", government),
        "admin": make_person("admin", government),
    }


def login(client, person):
    if person is not None:
        assert client.login(username=person.username, password=PASSWORD)


# who: (page status, may approve a call submitted by someone else, may publish an approved call)
CALL_MATRIX = {
    "anonymous": (302, False, False),
    "public_user": (403, False, False),
    "other_clerk": (404, False, False),
    "clerk": (200, False, False),
    "reviewer": (200, True, False),
    "office": (200, True, True),
    "admin": (200, True, True),
}


@pytest.mark.parametrize("who", list(CALL_MATRIX))
def test_call_matrix(client, people, who, department, make_person):
    author = make_person("clerk", department)
    call = services.create_call(actor=author, organization=department, data=call_data())
    services.submit_call(actor=author, call=call)
    login(client, people[who])
    page_status, may_approve, may_publish = CALL_MATRIX[who]
    assert client.get(reverse("backoffice:engagement:call", args=[call.pk])).status_code == page_status
    client.post(reverse("backoffice:engagement:call_step", args=[call.pk, "approve"]))
    call.refresh_from_db()
    assert (call.status == CallStatus.APPROVED) is may_approve
    if call.status == CallStatus.PENDING_APPROVAL:
        services.approve_call(actor=make_person("reviewer", department), call=call)
    client.post(reverse("backoffice:engagement:call_step", args=[call.pk, "publish"]))
    call.refresh_from_db()
    assert (call.status == CallStatus.OPEN) is may_publish


# who: (survey page status, may open the survey)
SURVEY_MATRIX = {
    "anonymous": (302, False),
    "public_user": (403, False),
    "other_clerk": (404, False),
    "clerk": (404, False),  # the survey belongs to the district government, not the clerk's department
    "reviewer": (404, False),
    "office": (200, True),
    "admin": (200, True),
}


@pytest.mark.parametrize("who", list(SURVEY_MATRIX))
def test_survey_matrix(client, people, who, government):
    survey = build_survey(people["office"], government)[0]
    login(client, people[who])
    page_status, may_open = SURVEY_MATRIX[who]
    assert client.get(reverse("backoffice:engagement:survey", args=[survey.pk])).status_code == page_status
    client.post(reverse("backoffice:engagement:survey_step", args=[survey.pk, "open"]))
    survey.refresh_from_db()
    assert (survey.status == SurveyStatus.OPEN) is may_open


def test_staff_list_pages_have_a_fixed_number_of_queries(
    client, people, department, government, django_assert_max_num_queries
):
    for number in range(4):
        services.create_call(actor=people["clerk"], organization=department, data=call_data(title=f"征集{number}"))
        build_survey(people["office"], government, title=f"测评{number}")
    login(client, people["office"])
    client.get(reverse("backoffice:engagement:calls"))
    with django_assert_max_num_queries(10):
        response = client.get(reverse("backoffice:engagement:calls"))
    assert response.status_code == 200
    assert "征集3" in response.content.decode()
    with django_assert_max_num_queries(10):
        response = client.get(reverse("backoffice:engagement:surveys"))
    assert response.status_code == 200
    assert "测评3" in response.content.decode()
