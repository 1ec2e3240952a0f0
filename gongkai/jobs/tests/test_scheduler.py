"""`gongkai scheduler`: each entry enqueued when due, once, and the cron jobs as idempotent tasks."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command

from gongkai.jobs.models import ScheduledRun
from gongkai.jobs.schedule import SCHEDULE, Entry
from gongkai.jobs.scheduling import enqueue_due

from . import tasks_for_tests

SHANGHAI = ZoneInfo("Asia/Shanghai")
EVERY = Entry("test.every", "gongkai.jobs.tests.tasks_for_tests.flaky", every=timedelta(minutes=5))
DAILY = Entry("test.daily", "gongkai.jobs.tests.tasks_for_tests.flaky", at=time(8, 0))


def at(hour, minute=0, day=7):
    return datetime(2026, 12, day, hour, minute, tzinfo=SHANGHAI)


def test_interval_entry_is_due_after_its_interval():
    assert EVERY.is_due(None, at(9))
    assert not EVERY.is_due(at(9), at(9, 4))
    assert EVERY.is_due(at(9), at(9, 5))


def test_daily_entry_is_due_once_a_day_after_its_time():
    assert not DAILY.is_due(None, at(7, 59))
    assert DAILY.is_due(None, at(8))
    assert not DAILY.is_due(at(8), at(23))
    assert DAILY.is_due(at(8), at(8, day=8))
    assert not DAILY.is_due(at(8), at(7, day=8))


@pytest.mark.django_db
def test_due_entries_are_enqueued_once():
    tasks_for_tests.TICKS.clear()
    entry = Entry("test.counting", "gongkai.jobs.tests.tasks_for_tests.tick", every=timedelta(minutes=5))
    first = enqueue_due(now=at(9), schedule=[entry])
    assert [name for name, _id in first] == ["test.counting"]
    assert enqueue_due(now=at(9, 3), schedule=[entry]) == []
    assert len(enqueue_due(now=at(9, 5), schedule=[entry])) == 1
    assert tasks_for_tests.TICKS == [1, 1]
    assert ScheduledRun.objects.get(name="test.counting").last_enqueued_at == at(9, 5)


def test_every_scheduled_task_exists():
    from django.utils.module_loading import import_string

    for entry in SCHEDULE:
        assert hasattr(import_string(entry.task_path), "enqueue"), entry.task_path


@pytest.mark.django_db
def test_scheduler_once_runs_publish_due_and_lists_the_schedule(capsys):
    call_command("scheduler", "--once")
    names = set(ScheduledRun.objects.values_list("name", flat=True))
    assert "publishing.publish_due" in names
    call_command("scheduler", "--list")
    assert "publishing.publish_due" in capsys.readouterr().out


@pytest.mark.django_db
def test_reminders_task_sends_one_digest_per_day(monkeypatch):
    from gongkai.applications import tasks

    sent = []
    monkeypatch.setattr("gongkai.applications.services.send_reminders", lambda: sent.append(1) or [("a@b.c", 1)])
    assert tasks.send_reminders.enqueue("2026-12-07").return_value == {"day": "2026-12-07", "sent": 1, "skipped": False}
    assert tasks.send_reminders.enqueue("2026-12-07").return_value["skipped"] is True
    assert tasks.send_reminders.enqueue("2026-12-08").return_value["skipped"] is False
    assert sent == [1, 1]
    assert mail.outbox == []
