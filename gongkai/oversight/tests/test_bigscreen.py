"""The office's big screen: what its feed counts (hand-counted), who may see it, and its query budget."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.applications.models import Application
from gongkai.applications.tests.factories import make_application
from gongkai.oversight.bigscreen import screen_data, site_points
from gongkai.oversight.services import activate_scheme

from .test_views import LEADERBOARD, client_for, people  # noqa: F401

TODAY = date(2026, 6, 17)  # a Wednesday


@pytest.fixture
def live_scheme(scheme, indicator, office, department, other_department, publish):
    indicator("publishing.records_late", weight=100, points_each=5)
    publish(department, date(2026, 3, 2), late=True)
    return activate_scheme(scheme=scheme, actor=office)


@pytest.fixture
def month(department, other_department, publish):
    publish(department, TODAY)
    publish(other_department, TODAY)
    publish(department, date(2026, 6, 1))
    publish(department, date(2026, 5, 31))  # last month


def due_on(application, day):
    Application.objects.filter(pk=application.pk).update(due_on=day)


def test_publications_today_and_this_month(office, month):
    found = screen_data(person=office, today=TODAY)["publications"]

    assert (found["today"], found["month"]) == (2, 3)
    assert found["days"][0] == "2026-06-01"
    assert found["days"][-1] == "2026-06-17"
    assert found["counts"][0] == 1
    assert found["counts"][-1] == 2
    assert sum(found["counts"]) == 3


def test_applications_due_this_week(office, department):
    for day in (TODAY, TODAY + timedelta(days=4), TODAY + timedelta(days=4), TODAY + timedelta(days=5)):
        due_on(make_application(actor=office, organization=department, received_on=date(2026, 6, 1)), day)
    due_on(make_application(actor=office, organization=department, received_on=date(2026, 5, 1)), date(2026, 6, 10))

    found = screen_data(person=office, today=TODAY)["applications"]

    assert found["days"] == ["2026-06-17", "2026-06-18", "2026-06-19", "2026-06-20", "2026-06-21"]
    assert found["counts"] == [1, 0, 0, 0, 2]  # the one due on Monday is next week's
    assert (found["total"], found["overdue"]) == (3, 1)


def test_lights_are_counted_per_kind(office, department):
    due_on(make_application(actor=office, organization=department, received_on=date(2026, 5, 1)), date(2026, 6, 10))

    lights = {row["kind"]: row for row in screen_data(person=office, today=TODAY)["lights"]}

    assert lights["applications"]["red"] == 1
    assert list(lights) == ["records", "periodic", "applications", "inquiries", "problems"]


def test_leaderboard_shows_the_scheme_of_the_year(office, live_scheme, department, other_department):
    board = screen_data(person=office, today=date(2026, 9, 1))["leaderboard"]

    assert board["scheme"] == "2026年度考核方案"
    assert [(row["rank"], row["name"]) for row in board["rows"]] == [
        (1, other_department.name),
        (2, department.name),
    ]
    assert board["rows"][0]["score"] == 100.0


def test_clerk_sees_nothing_outside_scope(clerk, month):
    found = screen_data(person=clerk, today=TODAY)

    assert (found["publications"]["today"], found["publications"]["month"]) == (0, 0)


def test_site_points_without_sites(db):
    assert site_points() == []


@pytest.mark.parametrize(("who", "status"), LEADERBOARD.items())
@pytest.mark.parametrize("name", ["screen", "screen_feed", "frequent"])
def test_only_the_office_opens_the_screen(client, people, who, status, name):  # noqa: F811
    response = client_for(client, people[who]).get(reverse(f"backoffice:oversight:{name}"))

    assert response.status_code == status


def test_feed_query_budget(client, office, live_scheme, department, publish, django_assert_max_num_queries):
    today = timezone.localdate()
    publish(department, today)
    client.force_login(office)
    url = reverse("backoffice:oversight:screen_feed")
    client.get(url)  # fills the cache of the slow parts (lights, leaderboard, heat)
    publish(department, today)

    with django_assert_max_num_queries(10):  # the session, the person, memberships, scope, 3 counts, its save
        response = client.get(url)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response.json()["publications"]["today"] == 2


def test_screen_renders_every_table(client, office, live_scheme, month):
    client.force_login(office)

    response = client.get(reverse("backoffice:oversight:screen") + "?refresh=2")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-refresh="2"' in html
    for table in ("table-publications", "table-lights", "table-due", "table-leaders", "table-heat"):
        assert f'id="{table}"' in html
