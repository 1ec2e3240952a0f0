"""The engagement API (public data only) and `gongkai engagement remind`."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from gongkai.core.models import AuditEntry
from gongkai.engagement import services

from .factories import answered, build_survey, open_call, question, register, submit

pytestmark = pytest.mark.django_db


def test_published_answers_without_personal_data(
    client, department, clerk, reviewer, office, django_assert_max_num_queries
):
    for _index in range(3):
        inquiry = answered(submit(department), handler=clerk, reviewer=reviewer)
        services.publish_inquiry(actor=office, inquiry=inquiry, as_faq=True)
    submit(department, subject="未公开")
    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/engagement/answers/?faq=true")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 3
    text = response.content.decode("unicode_escape")
    for secret in ("张三丰", "13812345678", "zhang@example.com", "asker"):
        assert secret not in text
    assert client.get(f"/api/v1/engagement/answers/{inquiry.pk}/").json()["id"] == inquiry.pk
    assert client.get("/api/v1/engagement/answers/999999/").json()["code"] == "api.not_found"


def test_open_calls(client, department, clerk, reviewer, office):
    call = open_call(clerk=clerk, reviewer=reviewer, office=office, organization=department)
    services.submit_comment(call=call, body="意见", author_name="赵六")
    data = client.get("/api/v1/engagement/calls/?open=true").json()
    assert [row["id"] for row in data["results"]] == [call.pk]
    assert data["results"][0]["is_open"] is True
    assert "赵六" not in client.get(f"/api/v1/engagement/calls/{call.pk}/").content.decode("unicode_escape")


def test_survey_summaries_only_when_published(client, office, government):
    survey, overall, rating, *_rest = build_survey(office, government)
    services.open_survey(actor=office, survey=survey)
    services.submit_online_response(
        survey=survey, values={overall.pk: overall.options.first().pk, rating.pk: 5}, session_key="a"
    )
    services.set_issued(actor=office, survey=survey, channel="online", issued=2)
    assert client.get("/api/v1/engagement/surveys/").json()["results"] == []
    services.close_survey(actor=office, survey=survey)
    services.publish_results(actor=office, survey=survey, summary="满意。")
    listed = client.get("/api/v1/engagement/surveys/", {"ordering": "published_at"}).json()
    assert (listed["count"], [row["id"] for row in listed["results"]]) == (1, [survey.pk])
    data = client.get(f"/api/v1/engagement/surveys/{survey.pk}/").json()
    assert data["total"]["valid"] == 1
    assert data["total"]["valid_rate"] == "50.0"
    assert [kind["kind"] for kind in data["questions"]] == ["single", "rating", "multiple"]
    assert data["questions"][0]["by_channel"] == [
        {"channel": "online", "label": "网上问卷", "counts": [1, 0, 0], "answered": 1, "satisfaction_rate": "100.0"}
    ]


def test_remind_lists_yellow_and_red_and_sends_only_without_dry_run(department, make_person, office, capsys):
    clerk = make_person("clerk", department, email="clerk@example.gov.cn")
    office.email = "office@example.gov.cn"
    office.save()
    today = timezone.localdate()
    overdue = register(clerk, department, received_on=today - timedelta(days=40))
    mailbox = services.save_mailbox(actor=office, organization=department, name="民政局信箱", answer_days=60)
    green = submit(mailbox=mailbox)
    call_command("engagement", "remind", "--dry-run")
    output = capsys.readouterr().out
    assert overdue.tracking_code in output
    assert green.tracking_code not in output
    assert "将提醒 2 人" in output
    assert mail.outbox == []
    call_command("engagement", "remind")
    assert sorted(message.to[0] for message in mail.outbox) == ["clerk@example.gov.cn", "office@example.gov.cn"]
    assert AuditEntry.objects.filter(action="engagement.reminder.sent").count() == 2


def test_reminders_are_on_the_scheduler_and_sent_once_a_day(department, make_person):
    from gongkai.engagement import tasks
    from gongkai.jobs.schedule import entry
    from gongkai.jobs.scheduling import enqueue_due

    clerk = make_person("clerk", department, email="clerk@example.gov.cn")
    overdue = register(clerk, department, received_on=timezone.localdate() - timedelta(days=40))
    scheduled = entry("engagement.remind")
    assert scheduled.task_path == "gongkai.engagement.tasks.send_reminders"
    morning = timezone.make_aware(timezone.datetime(2026, 12, 7, 8, 30))
    assert [name for name, _id in enqueue_due(now=morning, schedule=[scheduled])] == ["engagement.remind"]
    assert enqueue_due(now=morning + timedelta(hours=3), schedule=[scheduled]) == []
    assert [message.to for message in mail.outbox] == [["clerk@example.gov.cn"]]
    assert overdue.tracking_code in mail.outbox[0].body
    today = timezone.localdate().isoformat()
    assert tasks.send_reminders.enqueue(today).return_value == {"day": today, "sent": 0, "skipped": True}
    assert len(mail.outbox) == 1


def test_reminder_emails_mark_a_deadline_computed_over_a_provisional_year(department, make_person):
    from gongkai.core.models import ScheduleYear

    clerk = make_person("clerk", department, email="clerk@example.gov.cn")
    received = timezone.localdate() - timedelta(days=40)
    overdue = register(clerk, department, received_on=received)
    for year in range(received.year, overdue.due_on.year + 1):
        ScheduleYear.objects.get_or_create(year=year, defaults={"source": ScheduleYear.Source.OFFICE})
    services.send_reminders()
    assert f"期限 {overdue.due_on} " in mail.outbox[-1].body
    assert "暂定" not in mail.outbox[-1].body
    ScheduleYear.objects.filter(year=overdue.due_on.year).delete()
    services.send_reminders()
    assert f"期限 {overdue.due_on}（暂定）" in mail.outbox[-1].body
    assert f"{overdue.due_on.year}年的节假日安排尚未录入" in mail.outbox[-1].body


def test_loading_a_years_schedule_moves_open_inquiries_due_dates(
    department, clerk, office, django_capture_on_commit_callbacks
):
    from datetime import date

    from gongkai.core.models import ScheduleYear
    from gongkai.core.services import parse_schedule_lines, set_year_schedule

    ScheduleYear.objects.filter(year=2027).delete()
    mailbox = services.save_mailbox(actor=office, organization=department, name="民政局信箱", answer_days=20)
    inquiry = services.register_inquiry(
        actor=clerk,
        organization=department,
        channel="phone",
        received_on=date(2026, 12, 4),
        data=question(),
        mailbox=mailbox,
    )
    assert inquiry.due_on == date(2027, 1, 4)  # the 20th working day: 12-31 is the 19th, 元旦 skipped
    assert any("2027年的节假日安排尚未录入" in step for step in inquiry.due_steps)
    holidays, workdays = parse_schedule_lines("2027-01-01..2027-01-04 元旦\n")
    with django_capture_on_commit_callbacks(execute=True):
        set_year_schedule(year=2027, holidays=holidays, workdays=workdays, notice="国办发明电〔2026〕7号", actor=office)
    inquiry.refresh_from_db()
    assert inquiry.due_on == date(2027, 1, 5)
    assert not any("尚未录入" in step for step in inquiry.due_steps)
    assert inquiry.due_steps[-1] == "2027年节假日安排已更新：答复期限由 2027-01-04 调整为 2027-01-05。"
    entry = AuditEntry.objects.get(action="engagement.inquiry.due_recomputed")
    assert entry.data["old_due_on"] == "2027-01-04"
    assert services.recompute_due_dates() == 0  # nothing moves twice


def test_an_inquiry_due_in_a_provisional_year_says_so_on_its_pages(client, department, clerk, office):
    """The tracking page (public) and the inquiry page (staff) mark a deadline computed over a year whose State
    Council schedule is not loaded, with the year's warning for the public."""
    from datetime import date

    from django.urls import reverse

    from gongkai.core.models import ScheduleYear

    ScheduleYear.objects.filter(year=2027).delete()
    mailbox = services.save_mailbox(actor=office, organization=department, name="民政局信箱", answer_days=20)
    inquiry = services.register_inquiry(
        actor=clerk,
        organization=department,
        channel="phone",
        received_on=date(2026, 12, 4),
        data=question(),
        mailbox=mailbox,
    )
    response = client.post(reverse("portal:engagement:track"), {"tracking_code": inquiry.tracking_code})
    assert response.status_code == 200
    page = response.content.decode()
    assert "2027-01-04（暂定）" in page
    assert "2027年的节假日安排尚未录入" in page
    client.force_login(clerk)
    staff_page = client.get(reverse("backoffice:engagement:inquiry", args=[inquiry.pk])).content.decode()
    assert "2027-01-04（暂定）" in staff_page
    ScheduleYear.objects.create(year=2027, source=ScheduleYear.Source.OFFICE)
    assert "（暂定）" not in client.get(reverse("backoffice:engagement:inquiry", args=[inquiry.pk])).content.decode()
