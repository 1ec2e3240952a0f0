"""The lifecycle services: state checks, roles, the clock on the application, audit entries, fees and transfers."""

from datetime import date
from decimal import Decimal

import pytest

from gongkai.applications import services
from gongkai.applications.errors import ApplicationError, ApplicationErrorCode
from gongkai.applications.models import Application, Event, Fee, Outcome, Status, SubmissionChannel
from gongkai.applications.reporting import report_counts
from gongkai.core.errors import AccessDenied
from gongkai.core.models import AuditEntry
from gongkai.core.services import set_year_schedule
from gongkai.orgs.tests.factories import credit_code_check_char

from .factories import applicant_data, make_application

pytestmark = pytest.mark.django_db


def credit_code(first_17):
    return first_17 + credit_code_check_char(first_17)


def actions(application):
    return list(
        AuditEntry.objects.filter(target_type="applications.application", target_id=str(application.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_registration_applies_the_receipt_rule_and_the_clock(clerk, department):
    application = make_application(actor=clerk, organization=department)
    assert application.received_on == date(2026, 9, 18)
    assert application.due_on == date(2026, 10, 22)
    assert application.correction_notice_due_on == date(2026, 9, 29)
    assert application.status == Status.REGISTERED
    assert application.tracking_code.startswith("2026-")
    assert "当面提交" in application.receipt_rule
    assert actions(application) == ["applications.application.registered"]


@pytest.mark.parametrize(
    ("channel", "dates", "expected"),
    [
        (
            SubmissionChannel.POST,
            {"submitted_on": date(2026, 9, 10), "signed_for_on": date(2026, 9, 14)},
            date(2026, 9, 14),
        ),
        (SubmissionChannel.LETTER, {"confirmed_on": date(2026, 9, 15)}, date(2026, 9, 15)),
        (SubmissionChannel.FAX, {"confirmed_on": date(2026, 9, 16)}, date(2026, 9, 16)),
        (
            SubmissionChannel.EMAIL,
            {"submitted_on": date(2026, 9, 12), "confirmed_on": date(2026, 9, 14)},
            date(2026, 9, 14),
        ),
    ],
)
def test_receipt_date_follows_article_31(channel, dates, expected):
    received, rule = services.receipt_date(channel=channel, **dates)
    assert received == expected
    assert "第三十一条" in rule


def test_post_without_the_signing_date_is_refused(clerk, department):
    with pytest.raises(ApplicationError) as raised:
        services.register_application(
            actor=clerk,
            organization=department,
            data=applicant_data(),
            channel=SubmissionChannel.POST,
            submitted_on=date(2026, 9, 1),
        )
    assert raised.value.code == ApplicationErrorCode.INVALID_RECEIPT
    assert Application.objects.count() == 0


def test_invalid_identity_number_is_refused_and_nothing_is_written(clerk, department):
    with pytest.raises(ApplicationError) as raised:
        make_application(actor=clerk, organization=department, id_number="320402198001011230")
    assert "居民身份证号码" in raised.value.message
    assert Application.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_incomplete_application_names_what_is_missing(clerk, department):
    with pytest.raises(ApplicationError) as raised:
        make_application(actor=clerk, organization=department, description="", phone="", address="")
    assert "所需政府信息" in raised.value.message
    assert "联系方式" in raised.value.message


def test_clerk_of_another_organization_cannot_register(other_clerk, department):
    with pytest.raises(AccessDenied):
        make_application(actor=other_clerk, organization=department)
    assert Application.objects.count() == 0


def test_full_lifecycle_with_correction_consultation_extension(clerk, reviewer, office, department):
    application = make_application(actor=clerk, organization=department)
    services.accept_application(actor=clerk, application=application, on=date(2026, 9, 18))
    services.request_correction(
        actor=clerk,
        application=application,
        items="请明确所需信息的时间范围",
        correction_due_on=date(2026, 9, 30),
        on=date(2026, 9, 21),
    )
    application.refresh_from_db()
    assert application.status == Status.CORRECTION_REQUESTED
    assert application.due_on is None
    services.receive_correction(actor=clerk, application=application, on=date(2026, 9, 30))
    application.refresh_from_db()
    assert application.due_on == date(2026, 11, 3)
    services.start_consultation(actor=clerk, application=application, party="第三方企业", on=date(2026, 10, 12))
    services.end_consultation(actor=clerk, application=application, on=date(2026, 10, 16))
    application.refresh_from_db()
    assert application.due_on == date(2026, 11, 9)
    services.extend_deadline(actor=office, application=application, days=5, reason="需调取档案", on=date(2026, 10, 20))
    application.refresh_from_db()
    assert application.due_on == date(2026, 11, 16)
    assert application.extension_days == 5
    services.decide_application(
        actor=reviewer,
        application=application,
        outcome=Outcome.DISCLOSED,
        legal_basis="条例第三十六条第（二）项",
        reasons="",
        on=date(2026, 11, 2),
    )
    reply = services.generate_reply(actor=clerk, application=application)
    services.deliver_reply(
        actor=clerk, application=application, method="post", on=date(2026, 11, 3), reference="EMS1234567890"
    )
    services.close_application(actor=clerk, application=application, on=date(2026, 11, 4))
    application.refresh_from_db()
    reply.refresh_from_db()
    assert application.status == Status.CLOSED
    assert application.decided_on == date(2026, 11, 2)
    assert application.delivered_on == date(2026, 11, 3)
    assert reply.is_published is True
    assert actions(application) == [
        "applications.application.registered",
        "applications.application.accepted",
        "applications.application.correction_requested",
        "applications.application.correction_received",
        "applications.application.consultation_started",
        "applications.application.consultation_ended",
        "applications.application.extended",
        "applications.application.decided",
        "applications.application.reply_generated",
        "applications.application.delivered",
        "applications.application.closed",
    ]


def test_only_the_office_approves_an_extension(clerk, reviewer, department):
    application = make_application(actor=clerk, organization=department)
    for person in (clerk, reviewer):
        with pytest.raises(AccessDenied):
            services.extend_deadline(actor=person, application=application, days=5, reason="x", on=date(2026, 10, 1))
    application.refresh_from_db()
    assert application.due_on == date(2026, 10, 22)
    assert not application.events.filter(kind=Event.Kind.EXTENDED).exists()


def test_extensions_are_capped_at_20_working_days(clerk, office, department):
    application = make_application(actor=clerk, organization=department)
    services.extend_deadline(actor=office, application=application, days=15, reason="复杂", on=date(2026, 10, 9))
    with pytest.raises(ApplicationError) as raised:
        services.extend_deadline(actor=office, application=application, days=6, reason="再延", on=date(2026, 10, 12))
    assert raised.value.code == ApplicationErrorCode.EXTENSION_TOO_LONG
    application.refresh_from_db()
    assert application.extension_days == 15


def test_clerk_cannot_decide(clerk, department):
    application = make_application(actor=clerk, organization=department)
    with pytest.raises(AccessDenied):
        services.decide_application(
            actor=clerk,
            application=application,
            outcome=Outcome.DISCLOSED,
            legal_basis="x",
            reasons="",
            on=date(2026, 10, 1),
        )
    application.refresh_from_db()
    assert application.outcome == ""


@pytest.mark.parametrize("outcome", [Outcome.OTHER_1, Outcome.OTHER_2, Outcome.UNAVAILABLE_3])
def test_outcomes_that_need_their_own_path_are_refused(clerk, reviewer, department, outcome):
    application = make_application(actor=clerk, organization=department)
    with pytest.raises(ApplicationError) as raised:
        services.decide_application(
            actor=reviewer, application=application, outcome=outcome, legal_basis="x", reasons="y", on=date(2026, 10, 1)
        )
    assert raised.value.code == ApplicationErrorCode.INVALID_OUTCOME


def test_withheld_outcome_needs_reasons(clerk, reviewer, department):
    application = make_application(actor=clerk, organization=department)
    with pytest.raises(ApplicationError) as raised:
        services.decide_application(
            actor=reviewer,
            application=application,
            outcome=Outcome.WITHHELD_6,
            legal_basis="第十六条",
            reasons="",
            on=date(2026, 10, 1),
        )
    assert raised.value.field == "reasons"


def test_correction_deadline_lapse_closes_as_other_1(clerk, department):
    application = make_application(actor=clerk, organization=department)
    services.request_correction(
        actor=clerk,
        application=application,
        items="补充身份证明",
        correction_due_on=date(2026, 10, 9),
        on=date(2026, 9, 22),
    )
    with pytest.raises(ApplicationError) as raised:
        services.lapse_correction(actor=clerk, application=application, on=date(2026, 10, 9))
    assert raised.value.code == ApplicationErrorCode.TOO_EARLY
    services.lapse_correction(actor=clerk, application=application, on=date(2026, 10, 12))
    application.refresh_from_db()
    assert (application.status, application.outcome, application.decided_on) == (
        Status.CLOSED,
        Outcome.OTHER_1,
        date(2026, 10, 12),
    )


def test_second_correction_request_is_refused(clerk, department):
    application = make_application(actor=clerk, organization=department)
    services.request_correction(
        actor=clerk, application=application, items="a", correction_due_on=date(2026, 10, 9), on=date(2026, 9, 22)
    )
    services.receive_correction(actor=clerk, application=application, on=date(2026, 9, 24))
    with pytest.raises(ApplicationError) as raised:
        services.request_correction(
            actor=clerk, application=application, items="b", correction_due_on=date(2026, 10, 20), on=date(2026, 9, 25)
        )
    assert raised.value.code == ApplicationErrorCode.CORRECTION_ONCE


def test_dates_before_the_previous_step_are_refused(clerk, department):
    application = make_application(actor=clerk, organization=department)
    with pytest.raises(ApplicationError) as raised:
        services.start_consultation(actor=clerk, application=application, party="x", on=date(2026, 9, 17))
    assert raised.value.code == ApplicationErrorCode.EVENTS_OUT_OF_ORDER
    application.refresh_from_db()
    assert application.status == Status.REGISTERED


def test_fee_per_item_counts_the_applicants_month_and_pauses_the_clock(clerk, department):
    for _index in range(10):
        make_application(actor=clerk, organization=department, received_on=date(2026, 9, 1))
    application = make_application(actor=clerk, organization=department, received_on=date(2026, 9, 18), item_count=3)
    fee = services.notify_fee(
        actor=clerk, application=application, method=Fee.Method.PER_ITEM, quantity=3, on=date(2026, 9, 21)
    )
    assert fee.prior_items == 10
    assert fee.suggested_amount == Decimal("300")
    assert fee.pay_by == date(2026, 10, 26)
    application.refresh_from_db()
    assert application.status == Status.FEE_NOTIFIED
    assert application.due_on is None
    services.record_fee_payment(actor=clerk, application=application, on=date(2026, 9, 28), receipt_number="001")
    application.refresh_from_db()
    # 9-20, 9-21 used; 18 remain after 9-28.
    assert application.due_on == date(2026, 10, 28)


def test_unpaid_fee_closes_as_other_2(clerk, department):
    application = make_application(actor=clerk, organization=department)
    services.notify_fee(
        actor=clerk, application=application, method=Fee.Method.PER_PAGE, quantity=150, on=date(2026, 9, 21)
    )
    assert application.fee.suggested_amount == Decimal("1700")
    services.lapse_fee(actor=clerk, application=application, on=date(2026, 10, 27))
    application.refresh_from_db()
    assert (application.status, application.outcome) == (Status.CLOSED, Outcome.OTHER_2)


def test_fee_above_the_standard_is_refused(clerk, department):
    application = make_application(actor=clerk, organization=department)
    with pytest.raises(ApplicationError):
        services.notify_fee(
            actor=clerk,
            application=application,
            method=Fee.Method.PER_PAGE,
            quantity=40,
            amount=Decimal("500"),
            on=date(2026, 9, 21),
        )
    assert not Fee.objects.exists()


def test_transfer_counts_only_for_the_receiving_organization(clerk, department, other_department):
    application = make_application(actor=clerk, organization=department)
    copy = services.transfer_application(
        actor=clerk,
        application=application,
        to_organization=other_department,
        reason="职责属财政局",
        on=date(2026, 9, 22),
    )
    application.refresh_from_db()
    assert application.status == Status.TRANSFERRED
    assert application.outcome == ""
    assert copy.organization == other_department
    assert copy.received_on == date(2026, 9, 22)
    assert copy.transferred_from == application
    assert copy.due_on == date(2026, 10, 27)
    assert report_counts(organization_ids=[department.pk], year=2026)["new"]["total"] == 0
    assert report_counts(organization_ids=[other_department.pk], year=2026)["new"]["total"] == 1


def test_schedule_change_recomputes_open_applications(clerk, department, django_capture_on_commit_callbacks):
    application = make_application(actor=clerk, organization=department)
    with django_capture_on_commit_callbacks(execute=True):
        # A hypothetical extra regional holiday-like change: 2026-10-12 becomes a holiday.
        from gongkai.core.models import WorkdayOverride

        national = WorkdayOverride.objects.filter(region=None, on__year=2026)
        holidays = [(row.on, row.name) for row in national if row.kind == "holiday"] + [(date(2026, 10, 12), "测试")]
        workdays = [(row.on, row.name) for row in national if row.kind == "workday"]
        set_year_schedule(year=2026, holidays=holidays, workdays=workdays)
    application.refresh_from_db()
    assert application.due_on == date(2026, 10, 23)
    assert "applications.application.due_recomputed" in actions(application)


def test_report_rows_add_up(clerk, reviewer, department):
    decided = make_application(actor=clerk, organization=department, received_on=date(2025, 12, 22))
    services.decide_application(
        actor=reviewer,
        application=decided,
        outcome=Outcome.WITHHELD_4,
        legal_basis="第十五条",
        reasons="第三方不同意",
        on=date(2026, 1, 8),
    )
    make_application(
        actor=clerk,
        organization=department,
        received_on=date(2026, 3, 2),
        applicant_type="business",
        id_type="credit_code",
        id_number=credit_code("91320402MA1M11111"),
    )
    table = report_counts(organization_ids=[department.pk], year=2026)
    for column in table["total"]:
        assert (
            table["new"][column] + table["carried_in"][column] == table["total"][column] + table["carried_out"][column]
        )
    assert table["carried_in"]["natural_person"] == 1
    assert table[Outcome.WITHHELD_4]["natural_person"] == 1
