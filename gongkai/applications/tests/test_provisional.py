"""Deadlines that run into a year without a loaded State Council schedule: never on a statutory holiday, flagged as
provisional wherever a person reads them, recomputed (and shown on the timeline) when the schedule is loaded."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.applications.models import Event
from gongkai.core.services import parse_schedule_lines, set_year_schedule
from gongkai.portal.applications.views import ACK_SESSION_KEY

from .factories import make_application

pytestmark = pytest.mark.django_db
WARNING = "2027年的节假日安排尚未录入"


@pytest.fixture
def december(clerk, department):
    return make_application(actor=clerk, organization=department, received_on=date(2026, 12, 6))


def test_due_date_never_falls_on_new_years_day(december):
    assert december.due_on == date(2027, 1, 4)  # not 2027-01-01 (元旦)
    assert WARNING in december.calendar_warnings()[0]


def test_public_acknowledgement_and_tracking_carry_the_warning(client, december):
    session = client.session
    session[ACK_SESSION_KEY] = december.pk
    session.save()
    body = client.get(reverse("portal:applications:acknowledgement")).content.decode()
    assert "2027年1月4日（暂定）" in body
    assert WARNING in body
    body = client.post(
        reverse("portal:applications:track"), {"tracking_code": december.tracking_code, "phone_last4": "5678"}
    ).content.decode()
    assert "2027年1月4日（暂定）" in body
    assert WARNING in body


def test_back_office_clock_acknowledgement_and_workbench_carry_the_warning(client, clerk, december):
    client.force_login(clerk)
    detail = client.get(reverse("backoffice:applications:detail", args=[december.pk])).content.decode()
    assert "2027-01-04（暂定）" in detail
    assert WARNING in detail
    receipt = client.get(reverse("backoffice:applications:acknowledgement", args=[december.pk])).content.decode()
    assert WARNING in receipt
    home = client.get(reverse("backoffice:home")).content.decode()
    assert WARNING in home


def test_loading_the_schedule_recomputes_and_shows_the_change_on_the_timeline(
    client, clerk, office, december, django_capture_on_commit_callbacks
):
    # The official 2027 schedule (hypothetical here) joins 1-1..1-3 and adds no working weekend in January; it
    # also closes 2027-01-04 for the test's sake, moving the deadline one working day.
    holidays, workdays = parse_schedule_lines("2027-01-01..2027-01-04 元旦\n")
    with django_capture_on_commit_callbacks(execute=True):
        set_year_schedule(year=2027, holidays=holidays, workdays=workdays, notice="国办发明电〔2026〕7号", actor=office)
    december.refresh_from_db()
    assert december.due_on == date(2027, 1, 5)
    assert december.calendar_warnings() == []
    event = december.events.get(kind=Event.Kind.DUE_RECOMPUTED)
    assert "2027-01-04" in event.note
    assert "2027-01-05" in event.note
    client.force_login(clerk)
    detail = client.get(reverse("backoffice:applications:detail", args=[december.pk])).content.decode()
    assert "节假日安排调整，重新计算期限" in detail
    assert WARNING not in detail


def test_light_counts_on_the_organizations_regional_calendar(clerk, department, county):
    from gongkai.applications import selectors
    from gongkai.core.services import add_regional_holiday

    add_regional_holiday(region=county, on=date(2026, 9, 3), name="地方节日")
    application = make_application(actor=clerk, organization=department, received_on=date(2026, 8, 25))
    assert application.due_on == date(2026, 9, 22)  # the regional holiday 9-03 is skipped (national: 9-21)
    # From 9-01 the national calendar would count 16 working days; the light counts on the same regional calendar
    # that computed the due date.
    assert selectors.workdays_left(application, date(2026, 9, 1)) == 15
    assert selectors.light_of(application, date(2026, 9, 15)) == selectors.Light.GREEN  # 6 left
    assert selectors.light_of(application, date(2026, 9, 16)) == selectors.Light.YELLOW  # 5 left
    staff_view = selectors.applications_for_staff(person=clerk)
    assert list(selectors.filter_by_light(staff_view, selectors.Light.YELLOW, date(2026, 9, 16))) == [application]
    assert list(selectors.filter_by_light(staff_view, selectors.Light.GREEN, date(2026, 9, 15))) == [application]
    assert list(selectors.filter_by_light(staff_view, selectors.Light.RED, date(2026, 9, 23))) == [application]


def test_reminder_emails_mark_a_deadline_computed_over_a_provisional_year(clerk, department):
    from datetime import timedelta

    from django.core import mail
    from django.utils import timezone

    from gongkai.applications import services
    from gongkai.core.models import ScheduleYear

    clerk.email = "clerk@example.cn"
    clerk.save()
    received = timezone.localdate() - timedelta(days=90)
    overdue = make_application(actor=clerk, organization=department, received_on=received)
    services.accept_application(actor=clerk, application=overdue, on=received)
    years = range(received.year, overdue.due_on.year + 1)
    for year in years:  # every year loaded: a plain date
        ScheduleYear.objects.get_or_create(year=year, defaults={"source": ScheduleYear.Source.OFFICE})
    services.send_reminders()
    assert f"期限 {overdue.due_on}\n" in mail.outbox[-1].body + "\n"
    assert "暂定" not in mail.outbox[-1].body
    ScheduleYear.objects.filter(year=overdue.due_on.year).delete()
    services.send_reminders()
    body = mail.outbox[-1].body
    assert f"期限 {overdue.due_on}（暂定）" in body
    assert f"{overdue.due_on.year}年的节假日安排尚未录入" in body
