"""Case progress: pushes applied once and in order, nothing personal accepted or shown, statistics per service."""

import json
from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse

from gongkai.api.models import TokenScope
from gongkai.api.tests.conftest import bearer
from gongkai.cases.errors import CaseError
from gongkai.cases.models import Case, CaseStep
from gongkai.cases.selectors import case_for_lookup, statistics
from gongkai.cases.services import StepIn, record_case_progress
from gongkai.core.models import AuditEntry
from gongkai.screening.tests.helpers import id_number
from gongkai.services.models import GuideStatus
from gongkai.services.tests.factories import GuideFactory

URL = "/api/v1/inbound/cases/"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def issue(office, department):
    from gongkai.api import tokens

    def make(*scopes):
        issued = tokens.create_token(
            organization=department, name="政务服务网办件系统", scopes=list(scopes), actor=office
        )
        return issued.token, issued.secret

    return make


def progress(department, clerk, number="BJ-2026-0001", steps=None, **fields):
    steps = steps or [StepIn("accepted", date(2026, 9, 1))]
    values = {"service_name": "最低生活保障审核确认", "verification_code": "K7Q2", **fields}
    return record_case_progress(organization=department, number=number, steps=steps, actor=clerk, **values)


def test_a_case_is_created_then_progressed_and_a_repeat_changes_nothing(department, clerk):
    case, created = progress(department, clerk, promised_days=10)
    assert (created, case.stage, case.working_days) == (True, "accepted", None)
    steps = [StepIn("examined", date(2026, 9, 3)), StepIn("decided", date(2026, 9, 8))]
    case, changed = progress(department, clerk, steps=steps, verification_code=None, outcome="granted")
    # 2 to 8 September 2026: Wed 2, Thu 3, Fri 4, Mon 7, Tue 8 are working days after Tue 1.
    assert (changed, case.stage, case.working_days, case.outcome) == (True, "decided", 5, "granted")
    case, changed = progress(department, clerk, steps=steps, verification_code=None, outcome="granted")
    assert changed is False
    assert AuditEntry.objects.filter(action__startswith="cases.case.").count() == 2
    assert list(CaseStep.objects.order_by("on").values_list("stage", flat=True)) == ["accepted", "examined", "decided"]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"service_name": f"身份证{id_number()}的低保申请"}, "service_name"),
        ({"service_name": "联系电话13812345678"}, "service_name"),
        ({"number": "x"}, "number"),
        ({"verification_code": "短"}, "verification_code"),
        ({"steps": [StepIn("decided", date(2026, 9, 1))]}, "steps"),
        ({"steps": [StepIn("accepted", date(2026, 9, 5)), StepIn("examined", date(2026, 9, 1))]}, "steps"),
        ({"steps": [StepIn("accepted", date(2999, 1, 1))]}, "steps"),
        ({"outcome": "granted"}, "outcome"),
    ],
)
def test_bad_progress_is_refused_and_changes_nothing(department, clerk, fields, field):
    with pytest.raises(CaseError) as raised:
        progress(department, clerk, **fields)
    assert raised.value.field == field
    assert not Case.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="cases.").exists()


def test_only_staff_of_the_organization_push(department, other_clerk):
    from gongkai.core.errors import AccessDenied

    with pytest.raises(AccessDenied):
        progress(department, other_clerk)
    assert not Case.objects.exists()


def test_lookup_needs_the_right_code(department, clerk):
    case, _ = progress(department, clerk)
    assert case_for_lookup(number="bj-2026-0001", verification_code="k7q2") == case
    assert case_for_lookup(number="BJ-2026-0001", verification_code="K7Q3") is None
    assert case_for_lookup(number="BJ-2026-0002", verification_code="K7Q2") is None


def test_statistics_per_service(department, clerk):
    september = [StepIn("accepted", date(2026, 9, 1)), StepIn("decided", date(2026, 9, 8))]
    progress(department, clerk, number="BJ-0001", steps=september, promised_days=10)
    late = [StepIn("accepted", date(2026, 9, 1)), StepIn("decided", date(2026, 9, 22))]
    progress(department, clerk, number="BJ-0002", steps=late, promised_days=10)
    progress(department, clerk, number="BJ-0003", promised_days=10)
    progress(department, clerk, number="BJ-0004", service_name="临时救助审批")
    rows = {row.service_name: row for row in statistics(year=2026)}
    low_income = rows["最低生活保障审核确认"]
    assert (low_income.received, low_income.decided, low_income.within_promise) == (3, 2, 1)
    assert low_income.average_days == 10.5  # 5 and 16 working days: Sunday 20 September 2026 is an adjusted workday
    assert low_income.within_share == 50.0
    assert (rows["临时救助审批"].received, rows["临时救助审批"].decided) == (1, 0)
    assert statistics(year=2025) == []


def test_api_push_needs_the_cases_scope_and_is_idempotent(client, issue, department):
    _token, records_only = issue(TokenScope.RECORDS_WRITE)
    _token, secret = issue(TokenScope.CASES_WRITE)
    body = {
        "number": "BJ-2026-0009",
        "verification_code": "Z9X8",
        "service_name": "最低生活保障审核确认",
        "promised_days": 10,
        "steps": [{"stage": "accepted", "date": "2026-09-01"}],
    }
    refused = client.post(URL, json.dumps(body), content_type="application/json", **bearer(records_only))
    assert (refused.status_code, refused.json()["code"]) == (403, "api.token_scope")
    first = client.post(URL, json.dumps(body), content_type="application/json", **bearer(secret))
    again = client.post(URL, json.dumps(body), content_type="application/json", **bearer(secret))
    assert (first.status_code, first.json()["changed"], again.json()["changed"]) == (200, True, False)
    assert Case.objects.get().organization == department


def test_portal_lookup_shows_progress_and_nothing_personal(client, department, clerk):
    progress(department, clerk, steps=[StepIn("accepted", date(2026, 9, 1)), StepIn("examined", date(2026, 9, 2))])
    response = client.post(reverse("portal:cases:lookup"), {"number": "BJ-2026-0001", "verification_code": "K7Q2"})
    html = response.content.decode()
    assert response.status_code == 200
    for shown in ("最低生活保障审核确认", "2026年9月2日", "尚未办理"):
        assert shown in html
    for private in ("K7Q2", clerk.username, str(clerk), Case.objects.get().code_hash):
        assert private not in html
    wrong = client.post(reverse("portal:cases:lookup"), {"number": "BJ-2026-0001", "verification_code": "AAAA"})
    assert "未找到对应的办件" in wrong.content.decode()
    assert "最低生活保障审核确认" not in wrong.content.decode()


def test_portal_lookup_stops_guessing_a_number(client, department, clerk):
    progress(department, clerk)
    for attempt in range(5):
        client.post(reverse("portal:cases:lookup"), {"number": "BJ-2026-0001", "verification_code": f"AAA{attempt}"})
    response = client.post(reverse("portal:cases:lookup"), {"number": "BJ-2026-0001", "verification_code": "K7Q2"})
    assert response.status_code == 429
    assert "最低生活保障审核确认" not in response.content.decode()


def test_portal_statistics_page(client, department, clerk, django_assert_max_num_queries):
    progress(department, clerk, steps=[StepIn("accepted", date(2026, 9, 1)), StepIn("decided", date(2026, 9, 8))])
    with django_assert_max_num_queries(6):
        response = client.get(reverse("portal:cases:statistics"), {"year": "2026"})
    assert response.status_code == 200
    assert "最低生活保障审核确认" in response.content.decode()
    api = client.get("/api/v1/cases/statistics/", {"year": 2026}).json()
    assert [(row["service_name"], row["received"], row["average_days"]) for row in api["results"]] == [
        ("最低生活保障审核确认", 1, 5.0)
    ]


def test_api_push_names_its_service_by_the_guide_code(client, issue, department):
    guide = GuideFactory(organization=department, code="MZ-DB-01", name="最低生活保障审核确认", promised_days=12)
    _token, secret = issue("cases:write")
    body = {"number": "BJ-2026-0100", "verification_code": "K7Q2", "guide_code": "MZ-DB-01",
            "steps": [{"stage": "accepted", "date": "2026-09-01"}]}  # fmt: skip
    response = client.post(URL, json.dumps(body), content_type="application/json", **bearer(secret))
    assert response.status_code == 200
    case = Case.objects.get(number="BJ-2026-0100")
    assert (case.service_name, case.promised_days, case.item) == (guide.name, 12, None)
    # Explicit values win over the guide's.
    body |= {"service_name": "最低生活保障审核确认（续办）", "promised_days": 10}
    client.post(URL, json.dumps(body), content_type="application/json", **bearer(secret))
    case.refresh_from_db()
    assert (case.service_name, case.promised_days) == ("最低生活保障审核确认（续办）", 10)


@pytest.mark.parametrize(
    ("fields", "code", "field"),
    [
        ({"guide_code": "NOPE"}, "api.unknown_guide", "guide_code"),
        ({"guide_code": "MZ-DB-01"}, "api.unknown_guide", "guide_code"),  # a draft, not in force
        ({}, "cases.invalid", "service_name"),
    ],
)
def test_api_push_without_a_known_service_is_refused(client, issue, department, fields, code, field):
    GuideFactory(organization=department, code="MZ-DB-01", status=GuideStatus.DRAFT)
    _token, secret = issue("cases:write")
    body = {"number": "BJ-2026-0101", "verification_code": "K7Q2",
            "steps": [{"stage": "accepted", "date": "2026-09-01"}], **fields}  # fmt: skip
    response = client.post(URL, json.dumps(body), content_type="application/json", **bearer(secret))
    assert response.status_code == 400
    assert (response.json()["code"], response.json()["field"]) == (code, field)
    assert not Case.objects.exists()
