"""The villages API: public reads are masked and anonymized; staff endpoints check scope (404 outside it)."""

import pytest
from django.utils import timezone

from gongkai.publishing.models import RecordStatus
from gongkai.publishing.tests.factories import force_status
from gongkai.villages import services
from gongkai.villages.models import IssueStatus, ResidentIssue


@pytest.fixture
def issue(village, grid_worker):
    return services.register_issue(
        village=village,
        actor=grid_worker,
        channel="phone",
        category="water",
        title="自来水停水",
        description="二组从昨天晚上开始停水，没有通知。",
        reporter_name="冯先生",
        reporter_phone="13311112222",
    )


def test_villages_and_their_columns(client, village):
    villages = client.get("/api/v1/villages/").json()["results"]
    assert villages == [{"id": village.pk, "name": "东风社区居民委员会", "township": village.parent.display_name}]
    page = client.get(f"/api/v1/villages/{village.pk}/columns/", {"page_size": 2, "page": 2}).json()
    assert (page["count"], [column["name"] for column in page["results"]]) == (5, ["财务公开", "居务公开"])
    columns = client.get(f"/api/v1/villages/{village.pk}/columns/").json()["results"]
    assert [column["name"] for column in columns] == ["党务公开", "政务公开", "财务公开", "居务公开", "服务公开"]
    assert len(columns[2]["children"]) == 3


def test_a_notice_is_masked(client, village, village_clerk):
    publicity = services.create_publicity(
        organization=village,
        actor=village_clerk,
        title="公示",
        kind="housing",
        body="<p>公示。</p>",
        entries=[{"name": "欧阳娜娜", "detail": "电话13812345678"}],
    )
    assert client.get(f"/api/v1/villages/notices/{publicity.record_id}/").status_code == 404  # still a draft
    force_status(publicity.record, RecordStatus.PUBLISHED, published_at=timezone.now())
    services.start_publicity(record_id=publicity.record_id)
    data = client.get(f"/api/v1/villages/notices/{publicity.record_id}/").json()
    assert data["entries"] == [{"name": "欧**娜", "id_number": "", "address": "", "detail": "电话138****5678"}]


def test_statistics_are_anonymous(client, issue):
    data = client.get("/api/v1/villages/issues/statistics/").json()
    assert data["total"] == 1
    assert "冯先生" not in str(data)


@pytest.mark.parametrize(("who", "status"), [("grid_worker", 200), ("other_clerk", 404), ("department_clerk", 404)])
def test_staff_issue_actions_check_scope(client, request, issue, department, who, status):
    client.force_login(request.getfixturevalue(who))
    response = client.post(
        f"/api/v1/villages/staff/issues/{issue.pk}/assign/",
        {"assignee_id": department.pk},
        content_type="application/json",
    )
    assert response.status_code == status
    expected = IssueStatus.ASSIGNED if status == 200 else IssueStatus.REGISTERED
    assert ResidentIssue.objects.get(pk=issue.pk).status == expected
    if status == 200:
        assert response.json()["status"] == "assigned"


def test_staff_endpoints_need_a_login(client, issue):
    assert client.get("/api/v1/villages/staff/issues/").status_code == 401


def test_staff_issues_and_finance_lights_are_paged(client, issue, grid_worker, django_assert_max_num_queries):
    client.force_login(grid_worker)
    with django_assert_max_num_queries(12):
        response = client.get("/api/v1/villages/staff/issues/", {"ordering": "-created_at"})
    assert response.status_code == 200
    data = response.json()
    assert (data["count"], [row["id"] for row in data["results"]]) == (1, [issue.pk])
    assert client.get("/api/v1/villages/staff/issues/", {"status": "closed"}).json()["count"] == 0
    lights = client.get("/api/v1/villages/staff/finance-lights/", {"year": 2026, "page_size": 1}).json()
    assert set(lights) == {"count", "page", "pages", "page_size", "results"}
    assert len(lights["results"]) <= 1
    assert client.get("/api/v1/villages/staff/finance-lights/", {"year": 99999}).json()["field"] == "year"


def test_an_illegal_transition_answers_with_a_code(client, issue, township_reviewer):
    client.force_login(township_reviewer)
    response = client.post(f"/api/v1/villages/staff/issues/{issue.pk}/review/", {}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "villages.illegal_transition"
    assert ResidentIssue.objects.get(pk=issue.pk).status == IssueStatus.REGISTERED
