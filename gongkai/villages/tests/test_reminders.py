"""Reminder messages to village staff: who hears about what, the channels they chose, once a day, audited."""

from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from gongkai.core import messaging
from gongkai.core.models import AuditEntry
from gongkai.jobs.schedule import entry
from gongkai.oversight.services.reminders import save_preference
from gongkai.villages import services, tasks
from gongkai.villages.models import IssueStep, ReminderMessage
from gongkai.villages.services import reminders

REGISTERED_ON = date(2026, 9, 30)  # a Wednesday; the next working day is 10-08, after the National Day holiday
DUE_DAY = date(2026, 10, 8)
OVERDUE_DAY = date(2026, 10, 9)


@pytest.fixture(autouse=True)
def empty_outbox():
    messaging.outbox.clear()
    yield
    messaging.outbox.clear()


@pytest.fixture
def no_finance(monkeypatch):
    """The test villages have published no finance statement: leave those reminders out where they are not tested."""
    monkeypatch.setattr(reminders, "finance_items", lambda day: [])


@pytest.fixture
def with_addresses(village_clerk, grid_worker, township_reviewer, department_clerk, other_clerk):
    for number, person in enumerate((village_clerk, grid_worker, township_reviewer, department_clerk, other_clerk)):
        person.email = f"{person.username}@example.cn"
        person.phone = f"1390000000{number}"
        person.save(update_fields=["email", "phone"])


@pytest.fixture
def issue(village, grid_worker, monkeypatch):
    monkeypatch.setattr("gongkai.villages.services.issues.today", lambda: REGISTERED_ON)
    return services.register_issue(
        village=village, actor=grid_worker, channel="grid", category="other", title="井盖缺失",
        description="三组路口井盖丢失，很危险。", reporter_name="何先生", reporter_phone="13512345678",
    )  # fmt: skip


def items_of(person, day):
    return [item.key for item in reminders.recipients(day).get(person.pk, [])]


def test_a_due_issue_is_mailed_to_the_villages_workers_once_a_day(
    no_finance, issue, village_clerk, grid_worker, other_clerk, with_addresses
):
    sent = reminders.send_village_reminders(on=DUE_DAY)
    assert sorted(message.person.username for message in sent) == ["grid-worker", "village-clerk"]
    mails = {message.to[0]: message for message in mail.outbox}
    assert sorted(mails) == ["grid-worker@example.cn", "village-clerk@example.cn"]
    body = mails["grid-worker@example.cn"].body
    assert f"[黄灯] 民情诉求 {issue.tracking_code}“井盖缺失”待分派，本环节时限 2026-10-08" in body
    assert "何先生" not in body
    assert "13512345678" not in body
    assert messaging.outbox == []  # SMS only for those who chose it
    log = ReminderMessage.objects.get(person=grid_worker)
    assert (log.channel, log.sent_on, log.items) == ("email", DUE_DAY, [f"issue:{issue.pk}"])
    audit = AuditEntry.objects.get(action="villages.reminder.sent", target_id=str(grid_worker.pk))
    assert audit.data == {"channel": "email", "items": [f"issue:{issue.pk}"]}
    # A second run the same day (a retry, the command after the task) sends nothing more.
    assert reminders.send_village_reminders(on=DUE_DAY) == []
    assert len(mail.outbox) == 2
    assert ReminderMessage.objects.count() == 2


def test_the_recipients_choice_of_channels_is_respected(no_finance, issue, village_clerk, grid_worker, with_addresses):
    save_preference(person=grid_worker, actor=grid_worker, by_email=False, by_sms=True, red_only=False, kinds=[])
    save_preference(person=village_clerk, actor=village_clerk, by_email=False, by_sms=False, red_only=False, kinds=[])
    sent = reminders.send_village_reminders(on=DUE_DAY)
    assert [(message.person.username, message.channels) for message in sent] == [("grid-worker", ["sms"])]
    assert mail.outbox == []
    assert messaging.outbox == [
        (grid_worker.phone, "【政务公开】村（社区）事务提醒：红灯 0 项、黄灯 1 项，请登录平台处理。")
    ]
    assert not ReminderMessage.objects.filter(person=village_clerk).exists()


def test_nobody_without_an_address_is_sent_anything(no_finance, issue, village_clerk, grid_worker):
    assert reminders.send_village_reminders(on=DUE_DAY) == []
    assert (len(mail.outbox), ReminderMessage.objects.count()) == (0, 0)
    assert not AuditEntry.objects.filter(action="villages.reminder.sent").exists()


def test_a_failed_sms_leaves_no_claim_so_the_next_run_tries_again(issue, grid_worker, with_addresses, monkeypatch):
    save_preference(person=grid_worker, actor=grid_worker, by_email=False, by_sms=True, red_only=False, kinds=[])

    def refuse(mobile, text):
        raise messaging.SmsError("短信平台拒绝发送：余额不足")

    monkeypatch.setattr(reminders, "send_sms", refuse)
    reminders.send_village_reminders(on=DUE_DAY)
    assert not ReminderMessage.objects.filter(person=grid_worker, channel="sms").exists()
    monkeypatch.undo()
    reminders.send_village_reminders(on=DUE_DAY)
    assert ReminderMessage.objects.filter(person=grid_worker, channel="sms").exists()


def test_each_step_reminds_whoever_acts_next_and_an_overdue_one_the_township_too(
    no_finance, issue, village, department, village_clerk, grid_worker, township_reviewer, department_clerk, monkeypatch
):
    key = f"issue:{issue.pk}"
    assert key in items_of(village_clerk, DUE_DAY)
    assert key not in items_of(township_reviewer, DUE_DAY)  # due today: the village's business
    assert key in items_of(township_reviewer, OVERDUE_DAY)  # overdue: the township supervises
    services.assign_issue(issue=issue, assignee=department, actor=grid_worker)
    assert key in items_of(department_clerk, DUE_DAY)
    assert key not in items_of(village_clerk, DUE_DAY)
    services.accept_issue(issue=issue, actor=department_clerk)  # 5 working days to handle it: green on 10-08
    assert key not in items_of(department_clerk, DUE_DAY)
    assert key not in items_of(village_clerk, DUE_DAY)


def test_objections_waiting_and_ended_notices_without_a_result_are_reminded(
    no_finance, village, village_clerk, township_reviewer, grid_worker, other_clerk
):
    from gongkai.publishing.tests.factories import force_status

    publicity = services.create_publicity(
        organization=village, actor=village_clerk, title="低保公示", kind="subsistence", body="<p>公示。</p>",
        entries=[{"name": "周建华", "detail": "3人"}],
    )  # fmt: skip
    force_status(publicity.record, "published")
    publicity = services.start_publicity(record_id=publicity.record_id)
    objection = services.submit_objection(
        publicity=publicity, text="家中有车辆。", name="李四", phone="13812345678", on=publicity.starts_on
    )
    during, after = publicity.starts_on, date.fromordinal(publicity.ends_on.toordinal() + 1)
    assert f"objection:{objection.pk}" in items_of(township_reviewer, during)
    assert f"objection:{objection.pk}" in items_of(village_clerk, during)
    assert f"publicity:{publicity.pk}" not in items_of(village_clerk, during)
    assert f"publicity:{publicity.pk}" in items_of(village_clerk, after)
    assert f"publicity:{publicity.pk}" not in items_of(other_clerk, after)


def test_an_overdue_finance_statement_is_reminded_to_the_villages_clerk(
    village, village_clerk, grid_worker, other_clerk
):
    keys = items_of(village_clerk, DUE_DAY)
    assert f"finance:{village.pk}:2026:quarter:2" in keys  # Q2 was due in July and is not published
    assert items_of(grid_worker, DUE_DAY) == []  # grid workers do not report statements
    assert not [key for key in items_of(other_clerk, DUE_DAY) if key.startswith(f"finance:{village.pk}:")]


def test_the_scheduler_runs_the_daily_task_which_reminds_and_sends(no_finance, issue, grid_worker, with_addresses):
    scheduled = entry("villages.daily")
    assert scheduled.task_path == "gongkai.villages.tasks.daily"
    assert scheduled.at is not None
    result = tasks.daily.call(day=DUE_DAY.isoformat())
    assert result == {"reminded": 1, "closed": 0, "messages": 2}
    assert IssueStep.objects.filter(issue=issue, action="reminded").count() == 1
    assert tasks.daily.call(day=DUE_DAY.isoformat()) == {"reminded": 0, "closed": 0, "messages": 0}
    assert len(mail.outbox) == 2


def test_the_command_dry_run_lists_messages_and_sends_nothing(no_finance, issue, grid_worker, with_addresses):
    out = StringIO()
    call_command("villages", "daily", "--date", DUE_DAY.isoformat(), "--dry-run", stdout=out)
    assert f"{grid_worker} (email): 村（社区）事务提醒：红灯 0 项、黄灯 1 项" in out.getvalue()
    assert (len(mail.outbox), ReminderMessage.objects.count(), IssueStep.objects.filter(action="reminded").count()) == (
        0,
        0,
        0,
    )
