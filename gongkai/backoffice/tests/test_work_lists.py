"""Work lists sorted by urgency: the applications list puts red before yellow before the rest, and says why each
application has its light (which deadline, how far)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.applications.models import Application, Status
from gongkai.applications.selectors import light_reason
from gongkai.applications.tests.factories import make_application
from gongkai.core.lights import DeadlineLight, Light
from gongkai.core.workdays import add_workdays

pytestmark = pytest.mark.django_db


def set_deadlines(application, **fields) -> None:
    Application.objects.filter(pk=application.pk).update(**fields)  # test set-up only


@pytest.fixture
def three(clerk, department):
    today = timezone.localdate()
    green = make_application(actor=clerk, organization=department, received_on=today - timedelta(days=1))
    yellow = make_application(actor=clerk, organization=department, received_on=today - timedelta(days=1))
    red = make_application(actor=clerk, organization=department, received_on=today - timedelta(days=1))
    set_deadlines(green, due_on=add_workdays(today, 15).date)
    set_deadlines(yellow, due_on=add_workdays(today, 2).date)
    set_deadlines(red, status=Status.CORRECTION_REQUESTED, due_on=None, correction_due_on=today - timedelta(days=3))
    return green, yellow, red


def test_applications_list_is_sorted_red_then_yellow_then_by_deadline(client, clerk, three):
    green, yellow, red = three
    client.force_login(clerk)
    response = client.get(reverse("backoffice:applications:index"))
    assert response.status_code == 200
    body = response.content.decode()
    positions = [body.index(application.tracking_code) for application in (red, yellow, green)]
    assert positions == sorted(positions)
    assert "补正期限已过" in body
    assert "答复期限剩 2 个工作日" in body
    assert "答复期限剩 15 个工作日" in body


def test_applications_list_can_still_be_sorted_by_receipt(client, clerk, department, three):
    green, yellow, red = three
    newest = make_application(actor=clerk, organization=department, received_on=timezone.localdate())
    client.force_login(clerk)
    body = client.get(reverse("backoffice:applications:index") + "?sort=received").content.decode()
    assert body.index(newest.tracking_code) < body.index(red.tracking_code)


def test_applications_list_query_count_stays_bounded_when_sorted_by_urgency(
    client, clerk, department, three, django_assert_max_num_queries
):
    for day in range(5):
        make_application(actor=clerk, organization=department, received_on=date(2026, 9, day + 7))
    client.force_login(clerk)
    # as gongkai/applications/tests/test_backoffice.py::test_list_query_count: the yellow band costs queries per region
    with django_assert_max_num_queries(15):
        assert client.get(reverse("backoffice:applications:index")).status_code == 200


@pytest.mark.parametrize(
    ("status", "fields", "light", "expected"),
    [
        (Status.FEE_NOTIFIED, {}, DeadlineLight(Light.RED, date(2026, 1, 5), -2), "缴费期限已过"),
        (Status.FEE_NOTIFIED, {}, DeadlineLight(Light.YELLOW, date(2026, 1, 5), 3), "缴费期限剩 3 个工作日"),
        (
            Status.REGISTERED,
            {"due_on": date(2026, 1, 5)},
            DeadlineLight(Light.RED, date(2026, 1, 5), -1),
            "答复期限已过",
        ),
        (
            Status.REGISTERED,
            {"due_on": date(2026, 1, 5)},
            DeadlineLight(Light.YELLOW, date(2026, 1, 5), 0),
            "答复今日到期",
        ),
        (Status.REGISTERED, {"due_on": None}, DeadlineLight(Light.GREEN, None, None), "计时暂停，暂无期限"),
        (
            Status.CORRECTION_REQUESTED,
            {"correction_due_on": date(2026, 1, 5)},
            DeadlineLight(Light.YELLOW, date(2026, 1, 5), 1),
            "补正期限剩 1 个工作日",
        ),
    ],
)
def test_each_light_says_which_deadline_and_how_far(status, fields, light, expected):
    assert light_reason(Application(status=status, **fields), light) == expected


def test_a_closed_application_has_no_reason():
    assert light_reason(Application(status=Status.CLOSED), DeadlineLight(Light.GREEN, None, None)) == ""


def test_inquiries_list_is_sorted_by_deadline_with_the_reason(client, clerk, department):
    from gongkai.engagement.models import Inquiry
    from gongkai.engagement.tests.factories import register

    today = timezone.localdate()
    later = register(clerk, department, received_on=today - timedelta(days=1))
    overdue = register(clerk, department, received_on=today - timedelta(days=1))
    Inquiry.objects.filter(pk=later.pk).update(due_on=add_workdays(today, 3).date)  # test set-up only
    Inquiry.objects.filter(pk=overdue.pk).update(due_on=today - timedelta(days=2))
    client.force_login(clerk)
    response = client.get(reverse("backoffice:engagement:index"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.index(overdue.tracking_code) < body.index(later.tracking_code)
    assert "答复期限已过" in body
    assert "答复期限剩 3 个工作日" in body
