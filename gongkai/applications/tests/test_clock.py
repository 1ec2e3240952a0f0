"""The statutory clock against the 2025 and 2026 schedules: every rule, the holidays, and its explanations."""

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.applications.clock import ClockEvent, compute_clock, parse_clock_input
from gongkai.applications.errors import ApplicationError, ApplicationErrorCode
from gongkai.core.workdays import WorkCalendar

pytestmark = pytest.mark.django_db


def event(kind, day, days=None):
    return ClockEvent(kind, date.fromisoformat(day), days)


def test_due_is_the_20th_working_day_across_mid_autumn_and_national_day():
    result = compute_clock(date(2026, 9, 18), [])
    # 9-20 (Sunday) and 10-10 (Saturday) are adjusted working days; 9-25..27 and 10-01..07 are holidays.
    assert result.due == date(2026, 10, 22)
    assert result.correction_notice_due == date(2026, 9, 29)
    assert result.warnings == []
    assert "中秋节 2026-09-25至2026-09-27" in result.steps[0].text
    assert "国庆节 2026-10-01至2026-10-07" in result.steps[0].text
    assert "2026-09-20（周日）" in result.steps[0].text
    assert "2026-10-10（周六）" in result.steps[0].text


def test_spring_festival_and_its_adjusted_saturdays():
    result = compute_clock(date(2026, 2, 13), [])
    assert result.due == date(2026, 3, 19)
    assert result.correction_notice_due == date(2026, 3, 2)


def test_2025_national_day_merged_with_mid_autumn():
    # 2025-09-30 + 20: 10-09, 10-10, 10-11 (Saturday, adjusted) …
    result = compute_clock(date(2025, 9, 30), [])
    assert result.due == date(2025, 11, 4)


def test_correction_restarts_the_clock_from_the_day_it_arrives():
    result = compute_clock(
        date(2026, 9, 18),
        [event("correction_requested", "2026-09-21"), event("correction_received", "2026-09-30")],
    )
    assert result.due == date(2026, 11, 3)
    assert result.correction_notice_due == date(2026, 9, 29)
    assert [step.event for step in result.steps] == [
        "received",
        "correction_notice_due",
        "correction_requested",
        "correction_received",
    ]
    assert result.steps[2].due is None


def test_waiting_for_a_correction_has_no_due_date():
    result = compute_clock(date(2026, 9, 18), [event("correction_requested", "2026-09-21")])
    assert result.due is None
    assert result.awaiting_correction is True
    assert result.steps[-1].event == "waiting"


def test_late_correction_notice_is_a_warning():
    result = compute_clock(date(2026, 9, 18), [event("correction_requested", "2026-09-30")])
    assert any("晚于法定告知期限 2026-09-29" in warning for warning in result.warnings)


def test_consultation_pauses_the_clock_and_resumes_with_the_remaining_days():
    result = compute_clock(
        date(2026, 3, 2),
        [event("consultation_started", "2026-03-06"), event("consultation_ended", "2026-03-13")],
    )
    # 3-03..3-06 use 4 days; 16 remain after 3-13; Qingming 4-04..4-06 is skipped.
    assert result.steps[2].used_days == 4
    assert result.steps[2].remaining_days == 16
    assert result.due == date(2026, 4, 7)


def test_open_consultation_leaves_the_due_date_open():
    result = compute_clock(date(2026, 3, 2), [event("consultation_started", "2026-03-06")])
    assert result.due is None
    assert result.paused is True


def test_two_consultations_add_up_the_used_days():
    result = compute_clock(
        date(2026, 3, 2),
        [
            event("consultation_started", "2026-03-06"),
            event("consultation_ended", "2026-03-13"),
            event("consultation_started", "2026-03-18"),
            event("consultation_ended", "2026-03-20"),
        ],
    )
    # 4 days before the first, 3 (3-16..3-18) before the second: 13 remain after 3-20.
    assert result.steps[-1].used_days == 7
    assert result.due == date(2026, 4, 9)


def test_extension_moves_the_due_date_n_working_days():
    result = compute_clock(date(2026, 9, 18), [event("extended", "2026-10-15", 10)])
    assert result.due == date(2026, 11, 5)
    assert result.extension_days == 10


def test_extension_during_consultation_counts_after_resuming():
    result = compute_clock(
        date(2026, 3, 2),
        [
            event("consultation_started", "2026-03-06"),
            event("extended", "2026-03-10", 5),
            event("consultation_ended", "2026-03-13"),
        ],
    )
    assert result.due == date(2026, 4, 14)


def test_fee_notice_to_payment_is_not_counted():
    result = compute_clock(
        date(2026, 3, 2),
        [event("fee_notified", "2026-03-06"), event("fee_paid", "2026-03-13")],
    )
    assert result.due == date(2026, 4, 7)


@pytest.mark.parametrize(
    ("events", "code"),
    [
        ([event("extended", "2026-10-01", 21)], ApplicationErrorCode.EXTENSION_TOO_LONG),
        (
            [event("extended", "2026-10-09", 15), event("extended", "2026-10-12", 6)],
            ApplicationErrorCode.EXTENSION_TOO_LONG,
        ),
        ([event("extended", "2026-10-09", 0)], ApplicationErrorCode.INVALID_CLOCK_INPUT),
        ([event("correction_received", "2026-09-21")], ApplicationErrorCode.EVENTS_OUT_OF_ORDER),
        ([event("consultation_ended", "2026-09-21")], ApplicationErrorCode.EVENTS_OUT_OF_ORDER),
        ([event("consultation_started", "2026-09-17")], ApplicationErrorCode.EVENTS_OUT_OF_ORDER),
        (
            [event("consultation_started", "2026-09-24"), event("consultation_ended", "2026-09-22")],
            ApplicationErrorCode.EVENTS_OUT_OF_ORDER,
        ),
        (
            [event("consultation_started", "2026-09-22"), event("consultation_started", "2026-09-24")],
            ApplicationErrorCode.EVENTS_OUT_OF_ORDER,
        ),
        (
            [event("correction_requested", "2026-09-21"), event("consultation_started", "2026-09-22")],
            ApplicationErrorCode.EVENTS_OUT_OF_ORDER,
        ),
        (
            [
                event("correction_requested", "2026-09-21"),
                event("correction_received", "2026-09-22"),
                event("correction_requested", "2026-09-23"),
            ],
            ApplicationErrorCode.CORRECTION_ONCE,
        ),
        (
            [event("consultation_started", "2026-09-21"), event("fee_paid", "2026-09-22")],
            ApplicationErrorCode.EVENTS_OUT_OF_ORDER,
        ),
        ([event("postponed", "2026-09-21")], ApplicationErrorCode.INVALID_CLOCK_INPUT),
    ],
)
def test_impossible_input_is_refused(events, code):
    with pytest.raises(ApplicationError) as raised:
        compute_clock(date(2026, 9, 18), events)
    assert raised.value.code == code
    assert raised.value.message


def test_year_without_a_schedule_is_flagged():
    result = compute_clock(date(2026, 12, 20), [])
    assert result.due == date(2027, 1, 18)  # 2027-01-01 (元旦) is a statutory holiday even without the schedule
    assert any("2027年的节假日安排尚未录入" in warning for warning in result.warnings)


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"events": []},
        {"received": "2026-9-18"},
        {"received": "2026-02-30"},
        {"received": "2026-09-18", "events": {}},
        {"received": "2026-09-18", "events": ["x"]},
        {"received": "2026-09-18", "events": [{"type": "extended", "date": "2026-10-01", "days": "5"}]},
        {"received": "2026-09-18", "events": [{"type": "extended", "date": "2026-10-01", "days": True}]},
        {"received": "2026-09-18", "events": [{"type": "extended"}]},
    ],
)
def test_malformed_input_is_refused(data):
    with pytest.raises(ApplicationError) as raised:
        parse_clock_input(data)
    assert raised.value.code == ApplicationErrorCode.INVALID_CLOCK_INPUT


# Property tests over the loaded years (2025–2026), with one calendar for all examples.
DAYS = st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 10, 31))
CALENDAR_SPAN = (date(2025, 1, 1), date(2027, 12, 31))
PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def calendar(db):
    return WorkCalendar.load(*CALENDAR_SPAN)


@PROPERTY_SETTINGS
@given(received=DAYS)
def test_property_due_is_a_working_day_exactly_20_working_days_later(calendar, received):
    result = compute_clock(received, [], calendar=calendar)
    assert calendar.is_workday(result.due)
    assert calendar.between(received, result.due).count == 20
    assert calendar.between(received, result.due - timedelta(days=1)).count == 19
    assert calendar.between(received, result.correction_notice_due).count == 7


@PROPERTY_SETTINGS
@given(received=DAYS, start_after=st.integers(0, 40), length=st.integers(0, 40))
def test_property_consultation_days_are_not_counted(calendar, received, start_after, length):
    start = received + timedelta(days=start_after)
    end = start + timedelta(days=length)
    plain = compute_clock(received, [], calendar=calendar)
    result = compute_clock(
        received,
        [ClockEvent("consultation_started", start), ClockEvent("consultation_ended", end)],
        calendar=calendar,
    )
    if start < plain.due:
        assert calendar.between(received, start).count + calendar.between(end, result.due).count == 20
        assert result.due >= plain.due
    else:
        assert result.due == plain.due


@PROPERTY_SETTINGS
@given(received=DAYS, days=st.integers(1, 20), after=st.integers(0, 25))
def test_property_extension_adds_exactly_its_working_days(calendar, received, days, after):
    plain = compute_clock(received, [], calendar=calendar)
    on = min(received + timedelta(days=after), plain.due)
    result = compute_clock(received, [ClockEvent("extended", on, days)], calendar=calendar)
    assert calendar.between(plain.due, result.due).count == days
    assert calendar.between(received, result.due).count == 20 + days


@PROPERTY_SETTINGS
@given(first=DAYS, gap=st.integers(0, 60))
def test_property_later_receipt_never_gives_an_earlier_due_date(calendar, first, gap):
    later = first + timedelta(days=gap)
    assert compute_clock(later, [], calendar=calendar).due >= compute_clock(first, [], calendar=calendar).due
