"""Each built-in rule with exact expected scores, counted for several organizations at once."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType

from gongkai.applications.models import Application, Event
from gongkai.applications.models import Status as ApplicationStatus
from gongkai.applications.tests.factories import make_application
from gongkai.oversight.models import Group, Method, UpdateCycle
from gongkai.oversight.scoring import explain, leaderboard
from gongkai.oversight.services import register_periodic_item
from gongkai.publishing.models import Genre, Record
from gongkai.screening.models import Finding as ScreeningFinding

from .conftest import TODAY


def board(scheme, as_of=TODAY, group=Group.DEPARTMENTS):
    return {entry.organization.name: entry for entry in leaderboard(scheme, group, as_of)}


def test_records_published_late_deduct_per_item_with_ranks(scheme, indicator, publish, department, other_department):
    indicator("publishing.records_late", weight=15, points_each="0.5")
    for day in (date(2026, 2, 1), date(2026, 3, 1), date(2026, 4, 1)):
        publish(department, day, late=True)
    publish(department, date(2026, 5, 1))
    publish(department, date(2025, 12, 30), late=True)  # before the assessment year: not counted
    publish(other_department, date(2026, 5, 2))
    scores = board(scheme)
    ours = scores["示范区民政局"]
    assert ours.score == Decimal("13.50")
    assert ours.rank == 2
    assert ours.indicators[0].deductions[0].count == 3
    assert ours.indicators[0].deductions[0].total == 4
    assert scores["示范区财政局"].score == Decimal(15)
    assert scores["示范区财政局"].rank == 1


def test_per_item_deduction_never_exceeds_the_weight(scheme, indicator, publish, department):
    indicator("publishing.records_late", weight=2, points_each=1)
    for month in (1, 2, 3):
        publish(department, date(2026, month, 5), late=True)
    assert board(scheme)["示范区民政局"].score == Decimal(0)


def test_equal_scores_share_a_rank(scheme, indicator, department, other_department):
    indicator("publishing.records_late", weight=15, points_each=1)
    ranks = {entry.rank for entry in leaderboard(scheme, Group.DEPARTMENTS, TODAY)}
    assert ranks == {1}


def test_policy_without_published_interpretation_is_deducted(scheme, indicator, publish, department):
    indicator("publishing.interpretation_missing", weight=10, points_each=2)
    first = publish(department, date(2026, 3, 2), genre=Genre.NORMATIVE)
    second = publish(department, date(2026, 3, 3), genre=Genre.NORMATIVE)
    Record.objects.filter(pk__in=[first.pk, second.pk]).update(needs_interpretation=True)
    publish(department, date(2026, 3, 4), genre=Genre.INTERPRETATION, interprets=first)
    entry = explain(scheme, Group.DEPARTMENTS, department, TODAY)
    assert entry.score == Decimal(8)
    evidence = entry.indicators[0].deductions[0].evidence
    assert [item.object_id for item in evidence] == [second.pk]
    assert evidence[0].url == f"/backoffice/publishing/records/{second.pk}/"


def test_applications_answered_on_time_score_by_ratio(scheme, indicator, department, admin_person):
    indicator("applications.answered_on_time", method=Method.RATIO, weight=15, points_each=0)
    applications = [make_application(actor=admin_person, organization=department) for _ in range(4)]
    decided = [
        (applications[0], date(2026, 3, 10), date(2026, 3, 9)),  # on time
        (applications[1], date(2026, 3, 10), date(2026, 3, 12)),  # late
        (applications[2], date(2026, 4, 10), date(2026, 4, 1)),  # on time
    ]
    for application, due_on, decided_on in decided:
        Application.objects.filter(pk=application.pk).update(
            status=ApplicationStatus.DECIDED, outcome="disclosed", due_on=due_on, decided_on=decided_on
        )
    # still open and past due on the assessed day: late too
    Application.objects.filter(pk=applications[3].pk).update(due_on=date(2026, 6, 1))
    entry = explain(scheme, Group.DEPARTMENTS, department, TODAY)
    assert entry.score == Decimal("7.50")  # 15 × (1 − 2/4)
    assert {item.object_id for item in entry.indicators[0].deductions[0].evidence} == {
        applications[1].pk,
        applications[3].pk,
    }


def test_no_applications_means_full_marks_for_a_ratio(scheme, indicator, department):
    indicator("applications.answered_on_time", method=Method.RATIO, weight=15, points_each=0)
    assert board(scheme)["示范区民政局"].score == Decimal(15)


def test_reply_not_delivered_ten_days_after_decision(scheme, indicator, department, admin_person):
    indicator("applications.reply_undelivered", weight=5, points_each=1)
    old, recent, delivered = (make_application(actor=admin_person, organization=department) for _ in range(3))
    Application.objects.filter(pk=old.pk).update(status="decided", outcome="disclosed", decided_on=date(2026, 6, 4))
    Application.objects.filter(pk=recent.pk).update(status="decided", outcome="disclosed", decided_on=date(2026, 6, 5))
    Application.objects.filter(pk=delivered.pk).update(
        status="delivered", outcome="disclosed", decided_on=date(2026, 5, 1), delivered_on=date(2026, 5, 3)
    )
    # 15 June − 10 days = 5 June: decided on 4 June is overdue, on 5 June not yet
    assert board(scheme)["示范区民政局"].score == Decimal(4)


def test_open_blocking_screening_findings_count(scheme, indicator, department, publish):
    indicator("screening.blocking_open", weight=5, points_each=2)
    record = publish(department, date(2026, 5, 1))
    record_type = ContentType.objects.get_for_model(Record)
    common = {"content_type": record_type, "object_id": str(record.pk), "organization": department}
    common |= {"location": "body", "start": 0, "end": 18, "text": "320402198001011234", "kind": "id_card"}
    ScreeningFinding.objects.create(**common, severity="block")
    ScreeningFinding.objects.create(**common, severity="block", status="fixed")
    ScreeningFinding.objects.create(**common, severity="warn")
    assert board(scheme)["示范区民政局"].score == Decimal(3)


def test_periodic_item_missing_and_late_months(scheme, indicator, catalog_item, department, office, publish):
    indicator("catalog.periodic_missing", weight=20, points_each=2, code="missing")
    indicator("catalog.periodic_late", weight=10, points_each=1, code="late")
    item = catalog_item()
    register_periodic_item(
        item=item, organization=department, cycle=UpdateCycle.MONTHLY, since=date(2026, 1, 1), actor=office
    )
    # Jan on time (due 10 Feb), Feb late (published 20 Mar), Mar–Apr missing, May due 10 Jun: missing; Jun pending.
    for day in (date(2026, 2, 3), date(2026, 3, 20)):
        record = publish(department, day)
        record.items.add(item)
    entry = explain(scheme, Group.DEPARTMENTS, department, TODAY)
    missing, late = entry.indicators
    assert missing.deductions[0].count == 3
    assert missing.score == Decimal(14)
    assert late.score == Decimal(9)
    details = [item.detail for item in late.deductions[0].evidence]
    assert details == ["2026年2月：应于 2026-03-10 前发布，2026-03-20 才发布"]
    assert entry.score == Decimal(23)


def test_yearly_periodic_item_is_missing_only_after_its_date(scheme, indicator, catalog_item, department, office):
    indicator("catalog.periodic_missing", weight=20, points_each=5)
    register_periodic_item(
        item=catalog_item(),
        organization=department,
        cycle=UpdateCycle.YEARLY,
        due_month=6,
        due_day=15,
        since=date(2026, 1, 1),
        actor=office,
    )
    assert board(scheme, date(2026, 6, 15))["示范区民政局"].score == Decimal(20)
    assert board(scheme, date(2026, 6, 16))["示范区民政局"].score == Decimal(15)


def test_unknown_group_members_are_ranked_separately(scheme, indicator, street_office, department):
    indicator("publishing.records_late", weight=100, points_each=1, group=Group.TOWNS)
    towns = leaderboard(scheme, Group.TOWNS, TODAY)
    assert [entry.organization for entry in towns] == [street_office]
    assert towns[0].score == Decimal(100)


@pytest.mark.parametrize("as_of", [date(2026, 12, 31), date(2027, 3, 1)])
def test_period_stops_at_the_end_of_the_year(scheme, indicator, publish, department, as_of):
    indicator("publishing.records_late", weight=10, points_each=1)
    publish(department, date(2027, 1, 5), late=True)
    assert board(scheme, as_of)["示范区民政局"].score == Decimal(10)


def test_correction_notices_after_seven_working_days_are_late(scheme, indicator, department, admin_person):
    indicator("applications.correction_late", weight=5, points_each=1)
    on_time, late = (make_application(actor=admin_person, organization=department) for _ in range(2))
    for application, sent_on in ((on_time, date(2026, 3, 10)), (late, date(2026, 3, 12))):
        Application.objects.filter(pk=application.pk).update(correction_notice_due_on=date(2026, 3, 11))
        Event.objects.create(application=application, kind=Event.Kind.CORRECTION_REQUESTED, on=sent_on)
    entry = explain(scheme, Group.DEPARTMENTS, department, TODAY)
    assert entry.score == Decimal(4)
    assert [item.object_id for item in entry.indicators[0].deductions[0].evidence] == [late.pk]
