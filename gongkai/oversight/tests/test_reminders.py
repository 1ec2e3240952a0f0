"""Reminders: digest contents, preferences, one digest per person and day, SMS gateways never reaching out."""

import json
import threading
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from django.core.management import call_command

from gongkai.core import messaging as sms
from gongkai.core.messaging import SmsError
from gongkai.oversight.errors import OversightError
from gongkai.oversight.models import ReminderLog, UpdateCycle
from gongkai.oversight.services import (
    add_problem,
    create_notice,
    issue_notice,
    register_periodic_item,
    save_preference,
    send_reminders,
)

TODAY = date(2026, 6, 15)


@pytest.fixture
def overdue_problem(office, government, department):
    notice = create_notice(issuer=government, title="督查通报", actor=office)
    add_problem(notice=notice, organization=department, description="空白栏目5个", actor=office, deadline_days=5)
    issue_notice(notice=notice, actor=office, on=date(2026, 6, 1))
    return notice.problems.get()


@pytest.fixture
def red_periodic(catalog_item, department, office):
    return register_periodic_item(
        item=catalog_item("月度财政收支情况"),
        organization=department,
        cycle=UpdateCycle.MONTHLY,
        since=date(2026, 1, 1),
        actor=office,
    )


@pytest.fixture(autouse=True)
def clean_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def test_digest_lists_each_persons_lights_once_a_day(clerk, reviewer, office, overdue_problem, red_periodic):
    clerk.email, reviewer.email, office.email = "clerk@example.cn", "reviewer@example.cn", "office@example.cn"
    for person in (clerk, reviewer, office):
        person.save()
    sent = send_reminders(today=TODAY)
    assert sorted(digest.person.username for digest in sent) == ["clerk", "office", "reviewer"]
    assert len(mail.outbox) == 3
    clerk_mail = next(message for message in mail.outbox if message.to == ["clerk@example.cn"])
    assert clerk_mail.subject == "政务公开预警：红灯 2 项、黄灯 0 项"
    assert "[红灯] 督查整改：空白栏目5个" in clerk_mail.body
    assert "[红灯] 年度必公开项：月度财政收支情况（上一期未发布）" in clerk_mail.body
    assert ReminderLog.objects.count() == 3
    # A second run the same day sends nothing; the next day sends again.
    assert send_reminders(today=TODAY) == []
    assert len(mail.outbox) == 3
    assert len(send_reminders(today=TODAY + timedelta(days=1))) == 3


def test_dry_run_sends_and_logs_nothing(clerk, overdue_problem):
    clerk.email = "clerk@example.cn"
    clerk.save()
    planned = send_reminders(today=TODAY, dry_run=True)
    assert [digest.person for digest in planned] == [clerk]
    assert mail.outbox == []
    assert not ReminderLog.objects.exists()


def test_preferences_choose_channels_kinds_and_red_only(clerk, overdue_problem, red_periodic):
    clerk.email, clerk.phone = "clerk@example.cn", "13900001111"
    clerk.save()
    save_preference(person=clerk, actor=clerk, by_email=False, by_sms=True, red_only=True, kinds=["problems"])
    sent = send_reminders(today=TODAY)
    assert [digest.channels for digest in sent] == [["sms"]]
    assert mail.outbox == []
    assert sms.outbox == [("13900001111", "【政务公开】政务公开预警：红灯 1 项、黄灯 0 项，请登录平台处理。")]
    log = ReminderLog.objects.get()
    assert (log.channel, log.address, log.item_count) == ("sms", "13900001111", 1)


def test_yellow_lights_are_skipped_for_red_only(clerk, office, government, department):
    notice = create_notice(issuer=government, title="督查通报", actor=office)
    add_problem(notice=notice, organization=department, description="链接失效", actor=office, deadline_days=20)
    issue_notice(notice=notice, actor=office, on=date(2026, 6, 1))
    due = notice.problems.get().due_on
    clerk.email = "clerk@example.cn"
    clerk.save()
    assert [light.light for light in send_reminders(today=due - timedelta(days=2), dry_run=True)[0].lights] == [
        "yellow"
    ]
    save_preference(person=clerk, actor=clerk, by_email=True, by_sms=False, red_only=True, kinds=[])
    assert send_reminders(today=due - timedelta(days=2), dry_run=True) == []


def test_preferences_are_checked(clerk, reviewer):
    with pytest.raises(OversightError):
        save_preference(person=clerk, actor=clerk, by_email=True, by_sms=True, red_only=False, kinds=[])
    with pytest.raises(OversightError):
        save_preference(person=clerk, actor=clerk, by_email=True, by_sms=False, red_only=False, kinds=["weather"])
    with pytest.raises(Exception, match="权限"):
        save_preference(person=clerk, actor=reviewer, by_email=False, by_sms=False, red_only=False, kinds=[])


class Platform(BaseHTTPRequestHandler):
    received: list = []
    answer = b'{"code": 0}'

    def do_POST(self):  # noqa: N802 - the http.server API
        length = int(self.headers["Content-Length"])
        Platform.received.append((self.headers["Authorization"], json.loads(self.rfile.read(length))))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(Platform.answer)

    def log_message(self, *args):
        pass


@pytest.fixture
def platform():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Platform)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Platform.received, Platform.answer = [], b'{"code": 0}'
    yield f"http://127.0.0.1:{server.server_address[1]}/sms/send"
    server.shutdown()
    server.server_close()


def test_http_backend_posts_to_the_configured_platform(platform):
    backend = sms.HttpBackend(
        {"url": platform, "account": "gk", "token": "t0ken", "sign": "示范区政务公开", "timeout": 2}
    )
    backend.send("13900001111", "测试短信")
    assert Platform.received == [
        ("Bearer t0ken", {"account": "gk", "sign": "示范区政务公开", "mobile": "13900001111", "content": "测试短信"})
    ]
    Platform.answer = json.dumps({"code": 17, "message": "余额不足"}).encode()
    with pytest.raises(SmsError, match="余额不足"):
        backend.send("13900001111", "测试短信")


def test_http_backend_without_url_refuses():
    with pytest.raises(SmsError, match="GONGKAI_SMS_HTTP_URL"):
        sms.HttpBackend({"url": ""}).send("13900001111", "x")


def test_tests_use_the_memory_backend(settings):
    assert settings.GONGKAI_SMS_BACKEND == "gongkai.core.messaging.MemoryBackend"


def test_remind_command_dry_run(clerk, overdue_problem, capsys):
    clerk.email = "clerk@example.cn"
    clerk.save()
    call_command("oversight", "remind", "--dry-run")
    out = capsys.readouterr().out
    assert "clerk: " in out
    assert "将提醒" in out
    assert mail.outbox == []


def test_inquiries_past_their_limit_go_to_their_handler(clerk, reviewer, department):
    from gongkai.engagement.models import Inquiry

    clerk.email, reviewer.email = "clerk@example.cn", "reviewer@example.cn"
    for person in (clerk, reviewer):
        person.save()
    common = {"channel": "online", "organization": department, "question": "问", "asker_name": "张三"}
    Inquiry.objects.create(
        tracking_code="ZX1", subject="低保材料", received_on=date(2026, 6, 1), due_on=date(2026, 6, 8), **common
    )
    Inquiry.objects.create(
        tracking_code="ZX2",
        subject="已办结",
        received_on=date(2026, 6, 1),
        due_on=date(2026, 6, 8),
        status="answered",
        **common,
    )
    Inquiry.objects.create(
        tracking_code="ZX3",
        subject="医保转移",
        received_on=date(2026, 6, 1),
        due_on=date(2026, 6, 8),
        handler=clerk,
        **common,
    )
    sent = {digest.person.username: digest for digest in send_reminders(today=TODAY)}
    assert [light.line() for light in sent["reviewer"].lights] == [
        "[红灯] 咨询留言：ZX1 低保材料（答复期限 2026-06-08）"
    ]
    assert sorted(light.label for light in sent["clerk"].lights) == ["ZX1 低保材料", "ZX3 医保转移"]


def test_digest_marks_deadlines_computed_over_a_provisional_year(clerk, department, overdue_problem):
    from gongkai.applications.tests.factories import make_application
    from gongkai.core.models import ScheduleYear
    from gongkai.publishing.tests.factories import draft

    clerk.email = "clerk@example.cn"
    clerk.save()
    record = draft(department, clerk, written_on=date(2026, 5, 6))
    application = make_application(actor=clerk, organization=department, received_on=date(2026, 5, 6))
    assert ScheduleYear.objects.filter(year=2026).exists()
    body = send_reminders(today=TODAY, dry_run=True)[0].body
    assert f"公开期限 {record.due_on}）" in body
    assert f"答复期限 {application.due_on}）" in body
    assert "暂定" not in body
    ScheduleYear.objects.filter(year=2026).delete()  # as if the office had not loaded 2026
    body = send_reminders(today=TODAY)[0].body
    assert f"公开期限 {record.due_on}（暂定）" in body
    assert f"答复期限 {application.due_on}（暂定）" in body
    assert f"整改期限 {overdue_problem.due_on}（暂定）" in body
    assert "标有“（暂定）”的期限" in body
    assert mail.outbox[-1].body == body


def test_loading_a_years_schedule_moves_open_problems_due_dates(
    office, government, department, django_capture_on_commit_callbacks
):
    from gongkai.core.models import AuditEntry, ScheduleYear
    from gongkai.core.services import parse_schedule_lines, set_year_schedule

    ScheduleYear.objects.filter(year=2027).delete()
    notice = create_notice(issuer=government, title="督查通报", actor=office)
    add_problem(notice=notice, organization=department, description="空白栏目5个", actor=office, deadline_days=4)
    issue_notice(notice=notice, actor=office, on=date(2026, 12, 28))
    problem = notice.problems.get()
    assert problem.due_on == date(2027, 1, 4)  # 12-29, 12-30, 12-31, (元旦), 01-04
    holidays, workdays = parse_schedule_lines("2027-01-01..2027-01-04 元旦\n")
    with django_capture_on_commit_callbacks(execute=True):
        set_year_schedule(year=2027, holidays=holidays, workdays=workdays, notice="国办发明电〔2026〕7号", actor=office)
    problem.refresh_from_db()
    assert problem.due_on == date(2027, 1, 5)
    entry = AuditEntry.objects.get(action="oversight.problem.due_recomputed")
    assert entry.data == {"old_due_on": "2027-01-04", "due_on": "2027-01-05"}


def test_problem_pages_mark_a_deadline_in_a_provisional_year(client, office, government, department):
    from django.urls import reverse

    from gongkai.core.models import ScheduleYear

    ScheduleYear.objects.filter(year=2027).delete()
    notice = create_notice(issuer=government, title="督查通报", actor=office)
    add_problem(notice=notice, organization=department, description="空白栏目5个", actor=office, deadline_days=4)
    issue_notice(notice=notice, actor=office, on=date(2026, 12, 28))
    problem = notice.problems.get()
    client.force_login(office)
    for url in (
        reverse("backoffice:oversight:problems"),
        reverse("backoffice:oversight:notice", kwargs={"notice_id": notice.pk}),
        reverse("backoffice:oversight:problem", kwargs={"problem_id": problem.pk}),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert "2027-01-04（暂定）" in response.content.decode(), url
    assert "2027年的节假日安排尚未录入" in client.get(reverse("backoffice:oversight:problems")).content.decode()
