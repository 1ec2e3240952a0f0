"""Back-office pages of case progress (办件公开): staff see the cases of their organizations (the office its region's),
404 outside that scope, filters, the steps and the push history, and never the verification code."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.cases.models import Case
from gongkai.cases.services import StepIn, record_case_progress
from gongkai.orgs.tests.factories import OrganizationFactory, RegionFactory

WHO = ["anonymous", "public_user", "clerk", "reviewer", "other_clerk", "office", "admin_person", "far_office"]


@pytest.fixture
def public_user(make_person):
    return make_person(username="resident")


@pytest.fixture
def far_office(make_person):
    elsewhere = RegionFactory(name="别的区", division_code="320588000000")
    return make_person("office", OrganizationFactory(region=elsewhere, name="别的区政府"), username="far_office")


def push(organization, actor, number, steps, **fields):
    values = {"service_name": "最低生活保障审核确认", "verification_code": "K7Q2", "promised_days": 5} | fields
    return record_case_progress(organization=organization, number=number, steps=steps, actor=actor, **values)[0]


@pytest.fixture
def cases(department, other_department, clerk, other_clerk):
    decided_late = [StepIn("accepted", date(2026, 9, 1)), StepIn("decided", date(2026, 9, 15))]
    late = push(department, clerk, "MZ-2026-0001", decided_late, outcome="granted")
    on_time = push(department, clerk, "MZ-2026-0002", [StepIn("accepted", date(2026, 9, 1))])
    push(department, clerk, "MZ-2026-0002", [StepIn("examined", date(2026, 9, 2)), StepIn("decided", date(2026, 9, 3))],
         verification_code=None)  # fmt: skip
    finance = push(other_department, other_clerk, "CZ-2025-0001", [StepIn("accepted", date(2025, 3, 2))],
                   service_name="政府采购供应商投诉处理")  # fmt: skip
    return {"late": late, "on_time": Case.objects.get(pk=on_time.pk), "finance": finance}


def login(client, request, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))


VISIBLE = {
    "clerk": {"MZ-2026-0001", "MZ-2026-0002"},
    "reviewer": {"MZ-2026-0001", "MZ-2026-0002"},
    "other_clerk": {"CZ-2025-0001"},
    "office": {"MZ-2026-0001", "MZ-2026-0002", "CZ-2025-0001"},
    "admin_person": {"MZ-2026-0001", "MZ-2026-0002", "CZ-2025-0001"},
    "far_office": set(),
}


@pytest.mark.parametrize("who", WHO)
def test_list_and_detail_follow_the_organization_scope(client, request, cases, who):
    login(client, request, who)
    response = client.get(reverse("backoffice:cases:index"))
    if who == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("backoffice:login"))
        return
    if who == "public_user":
        assert response.status_code == 403
        return
    assert response.status_code == 200
    assert {case.number for case in response.context["page"]} == VISIBLE[who]
    for case in cases.values():
        detail = client.get(reverse("backoffice:cases:detail", args=[case.pk]))
        assert detail.status_code == (200 if case.number in VISIBLE[who] else 404)


def test_an_unknown_case_answers_404(client, admin_person):
    client.force_login(admin_person)
    assert client.get(reverse("backoffice:cases:detail", args=[99999])).status_code == 404


@pytest.mark.parametrize(
    ("query", "numbers"),
    [
        ({"late": "on"}, ["MZ-2026-0001"]),
        ({"stage": "accepted"}, ["CZ-2025-0001"]),
        ({"service": "采购"}, ["CZ-2025-0001"]),
        ({"year": "2026"}, ["MZ-2026-0002", "MZ-2026-0001"]),
        ({"year": "abc"}, ["MZ-2026-0002", "MZ-2026-0001", "CZ-2025-0001"]),
    ],
)
def test_filters(client, office, cases, query, numbers):
    client.force_login(office)
    response = client.get(reverse("backoffice:cases:index"), query)
    assert response.status_code == 200
    assert [case.number for case in response.context["page"]] == numbers


def test_filter_by_organization(client, office, cases, other_department):
    client.force_login(office)
    response = client.get(reverse("backoffice:cases:index"), {"organization": other_department.pk})
    assert [case.number for case in response.context["page"]] == ["CZ-2025-0001"]


def test_list_query_count_is_pinned(client, office, cases, department, clerk, django_assert_max_num_queries):
    for number in range(20):
        push(department, clerk, f"MZ-2026-1{number:03d}", [StepIn("accepted", date(2026, 10, 1))])
    client.force_login(office)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("backoffice:cases:index"))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 23


def test_detail_shows_steps_and_push_history_without_the_code(client, clerk, cases):
    client.force_login(clerk)
    case = cases["on_time"]
    response = client.get(reverse("backoffice:cases:detail", args=[case.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert [(row["label"], row["step"].on if row["step"] else None) for row in response.context["steps"]] == [
        ("受理", date(2026, 9, 1)),
        ("审查", date(2026, 9, 2)),
        ("决定", date(2026, 9, 3)),
        ("送达", None),
    ]
    assert [entry.action for entry in response.context["history"]] == ["cases.case.progressed", "cases.case.created"]
    assert "审查 2026-09-02，决定 2026-09-03" in page
    assert "K7Q2" not in page
    assert case.code_hash not in page


def test_navigation_lists_case_progress_for_staff(client, clerk):
    client.force_login(clerk)
    labels = [entry["label"] for entry in client.get(reverse("backoffice:home")).context["navigation"]]
    assert "办件公开" in labels
