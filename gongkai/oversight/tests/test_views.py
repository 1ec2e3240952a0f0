"""Back office, portal and API: the permission matrix, and each page rendering what the services hold."""

import json
import subprocess
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from gongkai.oversight.models import Group, InspectionRun, ManualEntry, Method, PeriodicItem
from gongkai.oversight.services import (
    activate_scheme,
    add_problem,
    answer_problem,
    create_notice,
    issue_notice,
    publish_leaderboard,
)
from gongkai.oversight.tasks import daily_inspection, daily_reminders
from gongkai.publishing.tests.test_attachments import pdf_bytes

PASSWORD = "correct horse 42"


@pytest.fixture
def live_scheme(scheme, indicator, office, department, other_department, publish):
    indicator("publishing.records_late", weight=100, points_each=5)
    publish(department, date(2026, 3, 2), late=True)
    return activate_scheme(scheme=scheme, actor=office)


@pytest.fixture
def people(make_person, department, other_department, government, clerk, reviewer, office, admin_person):
    return {
        "anonymous": None,
        "other_clerk": make_person("clerk", other_department, username="other"),
        "clerk": clerk,
        "reviewer": reviewer,
        "office": office,
        "admin": admin_person,
    }


def client_for(client, person):
    if person is not None:
        client.force_login(person)
    return client


@pytest.fixture
def issued_problem(office, government, department):
    notice = create_notice(issuer=government, title="第三季度督查通报", actor=office)
    add_problem(notice=notice, organization=department, description="政策文件未配套解读", actor=office)
    issue_notice(notice=notice, actor=office, on=date(2026, 9, 21))
    return notice.problems.get()


LEADERBOARD = {"anonymous": 302, "other_clerk": 403, "clerk": 403, "reviewer": 403, "office": 200, "admin": 200}


@pytest.mark.parametrize(("who", "status"), LEADERBOARD.items())
def test_only_the_office_sees_the_back_office_leaderboard(client, people, live_scheme, who, status):
    url = reverse("backoffice:oversight:leaderboard", kwargs={"scheme_id": live_scheme.pk, "group": "departments"})
    response = client_for(client, people[who]).get(url)
    assert response.status_code == status
    if status == 200:
        assert "示范区民政局" in response.content.decode()
        assert "95.00" in response.content.decode()


SCORE = {"anonymous": 302, "other_clerk": 404, "clerk": 200, "reviewer": 200, "office": 200, "admin": 200}


@pytest.mark.parametrize(("who", "status"), SCORE.items())
def test_an_organization_sees_its_own_score_explained(client, people, live_scheme, department, who, status):
    url = reverse("backoffice:oversight:score", kwargs={"scheme_id": live_scheme.pk, "organization_id": department.pk})
    response = client_for(client, people[who]).get(url)
    assert response.status_code == status
    if status == 200:
        body = response.content.decode()
        assert "95.00" in body
        assert "关于做好第" in body  # the late record behind the deduction is named


PROBLEM = {"anonymous": 302, "other_clerk": 404, "clerk": 200, "reviewer": 200, "office": 200, "admin": 200}


@pytest.mark.parametrize(("who", "status"), PROBLEM.items())
def test_an_organization_sees_only_its_own_problems(client, people, issued_problem, who, status):
    url = reverse("backoffice:oversight:problem", kwargs={"problem_id": issued_problem.pk})
    response = client_for(client, people[who]).get(url)
    assert response.status_code == status
    listing = client_for(client, people[who]).get(reverse("backoffice:oversight:problems"))
    if who != "anonymous":
        assert ("政策文件未配套解读" in listing.content.decode()) is (status == 200)


ISSUE = {"other_clerk": 403, "clerk": 403, "reviewer": 403, "office": 302, "admin": 302}


@pytest.mark.parametrize(("who", "status"), ISSUE.items())
def test_only_the_office_drafts_notices(client, people, government, who, status):
    response = client_for(client, people[who]).post(
        reverse("backoffice:oversight:notice_create"), {"issuer": government.pk, "title": "通报"}
    )
    assert response.status_code == status


@pytest.mark.parametrize(("who", "accepted"), [("clerk", False), ("reviewer", False), ("office", True)])
def test_only_the_office_accepts_answers(client, people, issued_problem, clerk, who, accepted):
    answer_problem(problem=issued_problem, cause="原因", rectification="已整改", actor=clerk)
    url = reverse("backoffice:oversight:problem_act", kwargs={"problem_id": issued_problem.pk, "action": "accept"})
    client_for(client, people[who]).post(url, {"comment": "同意"})
    issued_problem.refresh_from_db()
    assert (issued_problem.status == "accepted") is accepted


def test_clerk_answers_through_the_page(client, clerk, issued_problem):
    client.force_login(clerk)
    url = reverse("backoffice:oversight:problem_act", kwargs={"problem_id": issued_problem.pk, "action": "answer"})
    response = client.post(url, {"cause": "信息员调岗", "rectification": "已补发解读"})
    assert response.status_code == 302
    issued_problem.refresh_from_db()
    assert issued_problem.status == "answered"


def test_notice_pdf_embeds_the_document_fonts(client, office, issued_problem, tmp_path):
    client.force_login(office)
    response = client.get(reverse("backoffice:oversight:notice_pdf", kwargs={"notice_id": issued_problem.notice_id}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "notice.pdf"
    path.write_bytes(response.content)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout  # noqa: S603,S607
    assert "FandolFang" in fonts  # the national document format's 仿宋 (test_printing.py checks the layout)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout  # noqa: S603,S607
    assert "第三季度督查通报" in text
    assert "政策文件未配套解读" in text


def test_workbench_shows_the_oversight_panels(client, clerk, issued_problem):
    client.force_login(clerk)
    body = client.get(reverse("backoffice:home")).content.decode()
    assert "年度必公开项预警" in body
    assert "政策文件未配套解读" in body


def test_scheme_page_and_inspection_page_render_for_the_office(client, office, live_scheme):
    client.force_login(office)
    assert client.get(reverse("backoffice:oversight:scheme", kwargs={"scheme_id": live_scheme.pk})).status_code == 200
    assert client.get(reverse("backoffice:oversight:inspection")).status_code == 200
    assert client.get(reverse("backoffice:oversight:periodic")).status_code == 200
    assert client.get(reverse("backoffice:oversight:index")).status_code == 200


def test_portal_leaderboard_only_once_published(client, office, live_scheme):
    url = reverse("portal:oversight:leaderboard")
    assert "排行榜尚未公开" in client.get(url).content.decode()
    publish_leaderboard(scheme=live_scheme, actor=office)
    body = client.get(url + "?year=2026&group=departments").content.decode()
    assert "示范区民政局" in body
    assert "各单位每月末得分" in body


def test_api_leaderboard_for_the_office_only(client, office, clerk, live_scheme, django_assert_max_num_queries):
    url = "/api/v1/oversight/leaderboard?year=2026&group=departments"
    assert client.get(url).status_code == 401
    client.force_login(clerk)
    assert client.get(url).status_code == 403
    client.force_login(office)
    with django_assert_max_num_queries(11):
        data = client.get(url).json()
    rows = data["results"]
    assert (data["count"], data["pages"]) == (2, 1)
    assert [row["organization"] for row in rows] == ["示范区财政局", "示范区民政局"]
    assert rows[1]["score"] == 95.0
    assert rows[1]["indicators"][0]["deductions"][0]["count"] == 1


def test_api_score_names_the_records(client, clerk, department, other_department, live_scheme):
    client.force_login(clerk)
    data = client.get(f"/api/v1/oversight/scores/{department.pk}?year=2026").json()
    records = data["indicators"][0]["deductions"][0]["records"]
    assert len(records) == 1
    assert records[0]["kind"] == "record"
    assert client.get(f"/api/v1/oversight/scores/{other_department.pk}?year=2026").status_code == 404


def test_api_public_leaderboard_needs_publication(client, office, live_scheme, django_assert_max_num_queries):
    url = "/api/v1/oversight/public/leaderboard?year=2026"
    assert client.get(url).status_code == 404
    publish_leaderboard(scheme=live_scheme, actor=office)
    with django_assert_max_num_queries(5):
        assert [row["rank"] for row in client.get(url).json()["results"]] == [1, 2]
    second = client.get(f"{url}&page_size=1&page=2").json()
    assert (second["count"], [row["rank"] for row in second["results"]]) == (2, [2])


def test_score_command_prints_the_contract(live_scheme, capsys):
    call_command("oversight", "score", "--year", "2026", "--group", "departments", "--as-of", "2026-06-15", "--json")
    rows = json.loads(capsys.readouterr().out)
    assert [set(row) for row in rows] == [{"organization", "credit_code", "score", "rank", "indicators"}] * 2
    assert rows[1]["score"] == 95.0
    assert set(rows[1]["indicators"][0]) == {"code", "name", "weight", "score", "deductions"}


def test_score_command_without_a_scheme_fails_clearly(db):
    with pytest.raises(CommandError, match="还没有考核方案"):
        call_command("oversight", "score", "--year", "2031", "--json")


def test_group_constants_are_the_contracts_values():
    assert Group.values == ["departments", "towns", "villages"]
    assert Method.RATIO == "ratio"


def test_office_enters_a_manual_deduction_through_the_page(client, office, scheme, indicator, department):
    manual = indicator("oversight.manual", method=Method.POINTS, weight=5, points_each=0)
    client.force_login(office)
    url = reverse("backoffice:oversight:manual", kwargs={"scheme_id": scheme.pk})
    assert client.get(url).status_code == 200
    upload = SimpleUploadedFile("记录.pdf", pdf_bytes("evidence"), content_type="application/pdf")
    data = {"indicator": manual.pk, "organization": department.pk, "points": "1.5", "reason": "督查发现"}
    response = client.post(url, {**data, "occurred_on": "2026-05-01", "evidence": upload})
    assert response.status_code == 302
    entry = ManualEntry.objects.get()
    assert entry.points == Decimal("1.50")
    download = client.get(reverse("backoffice:oversight:evidence", kwargs={"entry_id": entry.pk}))
    assert download.status_code == 200


def test_a_deduction_becomes_a_problem_from_the_score_page(client, office, live_scheme, department, government):
    notice = create_notice(issuer=government, title="考核问题通报", actor=office)
    client.force_login(office)
    page = client.get(
        reverse("backoffice:oversight:score", kwargs={"scheme_id": live_scheme.pk, "organization_id": department.pk})
    )
    assert "考核问题通报" in page.content.decode()
    url = reverse(
        "backoffice:oversight:score_problem", kwargs={"scheme_id": live_scheme.pk, "organization_id": department.pk}
    )
    response = client.post(url, {"notice": notice.pk, "indicator": "publishing-records-late"})
    assert response.status_code == 302
    problem = notice.problems.get()
    assert problem.source == "score"
    assert problem.description == "【考核扣分·指标 publishing.records_late】信息超期发布：1 项，扣 5.00 分。"


def test_daily_tasks_run_inline(department, office):
    daily_inspection.enqueue()
    daily_reminders.enqueue()
    assert InspectionRun.objects.count() == 1


def test_office_registers_a_periodic_item_through_the_page(client, office, clerk, catalog_item, department):
    item = catalog_item()
    data = {"organization": department.pk, "item_code": item.code, "cycle": "quarterly", "since": "2026-01-01"}
    client.force_login(clerk)
    client.post(reverse("backoffice:oversight:periodic"), data)
    assert not PeriodicItem.objects.exists()
    client.force_login(office)
    response = client.post(reverse("backoffice:oversight:periodic"), data)
    assert response.status_code == 302
    entry = PeriodicItem.objects.get()
    assert (entry.item, entry.organization, entry.cycle) == (item, department, "quarterly")
    page = client.get(reverse("backoffice:oversight:periodic")).content.decode()
    assert item.name in page


def manual_deduction(client, office, scheme, indicator, department):
    manual = indicator("oversight.manual", method=Method.POINTS, weight=5, points_each=0)
    client.force_login(office)
    upload = SimpleUploadedFile("记录.pdf", pdf_bytes("evidence"), content_type="application/pdf")
    data = {"indicator": manual.pk, "organization": department.pk, "points": "2", "reason": "督查发现"}
    client.post(
        reverse("backoffice:oversight:manual", kwargs={"scheme_id": scheme.pk}),
        {**data, "occurred_on": "2026-05-01", "evidence": upload},
    )
    return ManualEntry.objects.get()


def department_score(scheme, department):
    from gongkai.oversight.scoring import leaderboard

    entries = leaderboard(scheme, Group.DEPARTMENTS, date(2026, 6, 15))
    return next(entry.score for entry in entries if entry.organization == department)


def test_office_revokes_a_manual_deduction_with_a_reason(client, office, scheme, indicator, department):
    from gongkai.core.models import AuditEntry

    entry = manual_deduction(client, office, scheme, indicator, department)
    assert department_score(scheme, department) == Decimal(3)
    url = reverse("backoffice:oversight:manual_revoke", kwargs={"entry_id": entry.pk})
    client.post(url, {"reason": "  "})
    entry.refresh_from_db()
    assert entry.is_active is True
    assert not AuditEntry.objects.filter(action="oversight.manual_entry.revoked").exists()
    response = client.post(url, {"reason": "复核后认定不属实"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.is_active, entry.revoked_reason) == (False, "复核后认定不属实")
    audit = AuditEntry.objects.get(action="oversight.manual_entry.revoked")
    assert audit.data["reason"] == "复核后认定不属实"
    assert department_score(scheme, department) == Decimal(5)
    page = client.get(reverse("backoffice:oversight:manual", kwargs={"scheme_id": scheme.pk})).content.decode()
    assert "已撤销：复核后认定不属实" in page


@pytest.mark.parametrize("who", ["clerk", "reviewer", "other_clerk"])
def test_only_the_office_over_the_organization_revokes(client, office, scheme, indicator, department, who, people):
    entry = manual_deduction(client, office, scheme, indicator, department)
    client.force_login(people[who])
    response = client.post(
        reverse("backoffice:oversight:manual_revoke", kwargs={"entry_id": entry.pk}), {"reason": "不属实"}
    )
    assert response.status_code in (403, 404)
    entry.refresh_from_db()
    assert entry.is_active is True


def test_office_retires_a_periodic_item_from_a_date(client, office, clerk, catalog_item, department):
    from gongkai.core.models import AuditEntry
    from gongkai.oversight.services import register_periodic_item

    entry = register_periodic_item(
        item=catalog_item(), organization=department, cycle="monthly", since=date(2026, 1, 1), actor=office
    )
    url = reverse("backoffice:oversight:periodic_retire", kwargs={"entry_id": entry.pk})
    client.force_login(clerk)
    assert client.post(url, {"on": "2026-07-01", "reason": "机构调整"}).status_code in (403, 404)
    client.force_login(office)
    client.post(url, {"on": "2025-12-01", "reason": "机构调整"})  # before the entry was registered
    client.post(url, {"on": "2026-07-01", "reason": ""})
    entry.refresh_from_db()
    assert entry.retired_on is None
    assert not AuditEntry.objects.filter(action="oversight.periodic_item.retired").exists()
    response = client.post(url, {"on": "2026-07-01", "reason": "机构调整，职能划转"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.retired_on, entry.note) == (date(2026, 7, 1), "机构调整，职能划转")
    assert AuditEntry.objects.get(action="oversight.periodic_item.retired").data["on"] == "2026-07-01"
    assert PeriodicItem.objects.count() == 1
    page = client.get(reverse("backoffice:oversight:periodic")).content.decode()
    assert "自2026-07-01起停止计算：机构调整，职能划转" in page
