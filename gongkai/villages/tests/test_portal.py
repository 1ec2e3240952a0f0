"""Public village pages: masked lists, objections (CSRF, captcha, rate limit), issue intake and tracking, the
statistics, the finance chart with its table, the electronic screen."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.publishing.models import RecordStatus
from gongkai.publishing.tests.factories import force_status
from gongkai.villages import services
from gongkai.villages.models import Objection, ResidentIssue


@pytest.fixture
def notice(village, village_clerk):
    publicity = services.create_publicity(
        organization=village,
        actor=village_clerk,
        title="东风社区低保对象审核公示",
        kind="subsistence",
        body="<p>现予公示。</p>",
        entries=[{"name": "王建国", "id_number": "11010519491231002X", "detail": "保障2人"}],
        working_days=60,
    )
    force_status(publicity.record, RecordStatus.PUBLISHED, published_at=timezone.now())
    publicity = services.start_publicity(record_id=publicity.record_id)
    # Whatever day the suite runs on (a Sunday starts the period on Monday), the window is open today.
    publicity.starts_on, publicity.ends_on = date.today() - timedelta(days=1), date.today() + timedelta(days=30)
    publicity.save()
    return publicity


def captcha_answer(client) -> str:
    client.get("/apply/captcha.svg")
    return client.session["applications_captcha"]["answer"]


def test_the_record_page_shows_the_masked_list_and_the_period(client, notice):
    page = client.get(f"/records/{notice.record_id}/").content.decode()
    assert "王*国" in page
    assert "11*************02X" in page
    assert "王建国" not in page
    assert "11010519491231002X" not in page
    assert "公示期：" in page
    assert f"/villages/notices/{notice.record_id}/objection/" in page


def test_an_objection_needs_csrf(notice):
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/villages/notices/{notice.record_id}/objection/", {"text": "有异议的内容"})
    assert response.status_code == 403
    assert not Objection.objects.exists()


def test_an_objection_with_the_captcha_is_kept_private(client, notice):
    client.get(f"/villages/notices/{notice.record_id}/objection/")
    data = {"text": "王建国家有经营性车辆。", "name": "张三", "phone": "13912345678"}
    response = client.post(f"/villages/notices/{notice.record_id}/objection/", data | {"captcha": "0"})
    assert "验证码不正确" in response.content.decode()
    assert not Objection.objects.exists()
    answer = client.session["applications_captcha"]["answer"]
    response = client.post(f"/villages/notices/{notice.record_id}/objection/", data | {"captcha": answer})
    assert "您的异议已提交" in response.content.decode()
    assert Objection.objects.get().phone == "13912345678"
    assert "张三" not in client.get(f"/records/{notice.record_id}/").content.decode()


def test_objections_are_rate_limited(client, notice, settings):
    settings.GONGKAI_PUBLIC_FORM_RATE = 1
    url = f"/villages/notices/{notice.record_id}/objection/"
    client.get(url)
    client.post(url, {"text": "第一次提交的异议", "captcha": "0"})
    response = client.post(url, {"text": "第二次提交的异议", "captcha": "0"})
    assert response.status_code == 429
    assert not Objection.objects.exists()


def test_a_resident_reports_tracks_and_rates_an_issue(client, village, grid_worker, township_reviewer, department):
    client.get("/villages/issues/new/")
    answer = client.session["applications_captcha"]["answer"]
    response = client.post(
        "/villages/issues/new/",
        {
            "village": village.pk,
            "category": "water",
            "title": "自来水发黄",
            "description": "幸福路一带这两天自来水发黄，烧开后有沉淀。",
            "reporter_name": "吴阿姨",
            "reporter_phone": "13511112222",
            "captcha": answer,
        },
    )
    issue = ResidentIssue.objects.get()
    assert issue.tracking_code in response.content.decode()
    assert issue.channel == "portal"
    wrong = client.get("/villages/issues/track/", {"code": issue.tracking_code, "phone_tail": "0000"})
    assert "查询码或电话后4位不对" in wrong.content.decode()
    services.assign_issue(issue=issue, assignee=village, actor=grid_worker)
    services.accept_issue(issue=issue, actor=grid_worker)
    services.handle_issue(issue=issue, actor=grid_worker, result="已联系水务公司冲洗管网。")
    services.review_issue(issue=issue, actor=township_reviewer, approve=True)
    services.feed_back_issue(issue=issue, actor=grid_worker, feedback="已冲洗管网，水质恢复。")
    page = client.get("/villages/issues/track/", {"code": issue.tracking_code, "phone_tail": "2222"}).content.decode()
    assert "已冲洗管网，水质恢复。" in page
    assert "吴阿姨" not in page
    client.post(
        "/villages/issues/track/", {"code": issue.tracking_code, "phone_tail": "2222", "rating": "4", "comment": "还行"}
    )
    issue.refresh_from_db()
    assert (issue.status, issue.rating) == ("closed", 4)


def test_the_statistics_page_has_a_table_beside_the_chart(client, village, grid_worker):
    services.register_issue(
        village=village,
        actor=grid_worker,
        channel="phone",
        category="safety",
        title="电线杆倾斜",
        description="村口电线杆向路面倾斜，下雨天有危险。",
        reporter_name="郑先生",
        reporter_phone="13800001234",
    )
    page = client.get("/villages/issues/").content.decode()
    assert "<td>安全隐患</td><td>1</td>" in page
    assert 'id="issue-chart"' in page
    assert "郑先生" not in page
    assert "13800001234" not in page


def test_a_published_finance_statement_shows_its_table_and_chart(client, village, village_clerk):
    statement = services.create_statement(
        organization=village,
        actor=village_clerk,
        period_kind="quarter",
        year=2026,
        period=1,
        opening_balance="1000",
        lines=[{"direction": "income", "subject": "补助", "amount": "500"}],
        declared={"closing_balance": "1500"},
    )
    force_status(statement.record, RecordStatus.PUBLISHED)
    page = client.get(f"/records/{statement.record_id}/").content.decode()
    assert 'id="finance-chart"' in page
    assert "<td>补助</td>" in page
    assert "1500.00" in page


def test_the_screen_rotates_the_latest_notices_and_refreshes_itself(client, notice, village, street_office):
    page = client.get(f"/villages/screen/{village.pk}/").content.decode()
    assert '<meta http-equiv="refresh" content="300">' in page
    assert "东风社区低保对象审核公示" in page
    assert "@keyframes show" in page
    assert "<script" not in page
    township_page = client.get(f"/villages/screen/{street_office.pk}/").content.decode()
    assert "东风社区低保对象审核公示" in township_page


def test_the_screen_of_a_department_does_not_exist(client, department):
    assert client.get(f"/villages/screen/{department.pk}/").status_code == 404


def test_an_objection_after_the_period_is_refused(client, notice):
    notice.ends_on = date.today() - timedelta(days=1)
    notice.save()
    page = client.get(f"/villages/notices/{notice.record_id}/objection/").content.decode()
    assert "不在公示期内" in page or "公示期满" in page
