"""The rules over engagement's data (inquiries, readings, ratings) with exact scores, and the inquiry veto in
self-inspection at its 3-month edge."""

from datetime import date, timedelta
from decimal import Decimal
from itertools import count

import pytest

from gongkai.engagement.deadlines import veto_risk_since
from gongkai.engagement.models import CountedKind, DailyCount, Inquiry, InquiryStatus, Rating
from gongkai.oversight import inspection
from gongkai.oversight.models import Group, Method, NationalIndicator
from gongkai.oversight.rules import get_rule
from gongkai.oversight.scoring import explain, leaderboard

from .conftest import TODAY

serial = count(1)


def inquiry(organization, received_on, status=InquiryStatus.RECEIVED, due_on=None, **fields):
    return Inquiry.objects.create(
        tracking_code=f"ZX{next(serial):08d}",
        channel="online",
        organization=organization,
        subject=fields.pop("subject", "低保申请材料"),
        question="需要哪些材料？",
        asker_name="张三",
        received_on=received_on,
        due_on=due_on or received_on + timedelta(days=7),
        status=status,
        **fields,
    )


def answered(organization, received_on, answered_on, due_on, rating=""):
    return inquiry(
        organization, received_on, InquiryStatus.ANSWERED, due_on=due_on, answered_on=answered_on, rating=rating
    )


def votes(kind, object_id, day=date(2026, 5, 1), **numbers):
    return DailyCount.objects.create(kind=kind, object_id=object_id, day=day, **numbers)


def scores(scheme):
    return {entry.organization.name: entry for entry in leaderboard(scheme, Group.DEPARTMENTS, TODAY)}


def test_engagement_rules_are_registered():
    for code in (
        "engagement.inquiries_veto",
        "engagement.inquiries_answered_on_time",
        "engagement.inquiries_unsatisfied",
        "engagement.records_unread",
        "engagement.rated_not_useful",
    ):
        assert get_rule(code) is not None, code


def test_inquiry_unanswered_three_months_takes_the_whole_weight(scheme, indicator, department, other_department):
    indicator("engagement.inquiries_veto", weight=5, points_each=5)
    edge = veto_risk_since(TODAY)
    assert edge == date(2026, 3, 15)
    old = inquiry(department, edge)  # exactly 3 months: at risk
    inquiry(department, edge + timedelta(days=1))  # one day short
    inquiry(department, date(2026, 1, 10), InquiryStatus.INVALID)  # invalid messages are not counted
    answered(department, date(2026, 1, 5), date(2026, 1, 8), date(2026, 1, 12))
    inquiry(other_department, edge + timedelta(days=1))
    board = scores(scheme)
    assert board["示范区民政局"].score == Decimal(0)
    assert board["示范区民政局"].indicators[0].deductions[0].count == 1
    assert board["示范区财政局"].score == Decimal(5)
    entry = explain(scheme, Group.DEPARTMENTS, department, TODAY)
    assert [item.object_id for item in entry.indicators[0].deductions[0].evidence] == [old.pk]


def test_inquiries_answered_on_time_score_by_ratio(scheme, indicator, department):
    indicator("engagement.inquiries_answered_on_time", method=Method.RATIO, weight=10, points_each=0)
    answered(department, date(2026, 3, 1), date(2026, 3, 5), date(2026, 3, 8))  # on time
    answered(department, date(2026, 3, 1), date(2026, 3, 8), date(2026, 3, 8))  # on the due day: on time
    late = answered(department, date(2026, 4, 1), date(2026, 4, 20), date(2026, 4, 8))
    overdue = inquiry(department, date(2026, 6, 1), due_on=date(2026, 6, 12))
    inquiry(department, date(2026, 6, 10), due_on=date(2026, 6, 17))  # still within its limit: not counted
    inquiry(department, date(2026, 2, 1), InquiryStatus.REDIRECTED)
    answered(department, date(2025, 12, 1), date(2025, 12, 30), date(2025, 12, 8))  # answered last year
    row = scores(scheme)["示范区民政局"].indicators[0]
    assert (row.deductions[0].count, row.deductions[0].total) == (2, 4)
    assert row.score == Decimal("5.00")
    entry = explain(scheme, Group.DEPARTMENTS, department, TODAY)
    assert [item.object_id for item in entry.indicators[0].deductions[0].evidence] == [late.pk, overdue.pk]


def test_unsatisfied_ratings_score_by_ratio(scheme, indicator, department):
    indicator("engagement.inquiries_unsatisfied", method=Method.RATIO, weight=6, points_each=0)
    answered(department, date(2026, 3, 1), date(2026, 3, 5), date(2026, 3, 8), Rating.UNSATISFIED)
    answered(department, date(2026, 3, 1), date(2026, 3, 5), date(2026, 3, 8), Rating.SATISFIED)
    answered(department, date(2026, 3, 1), date(2026, 3, 5), date(2026, 3, 8), Rating.BASICALLY)
    answered(department, date(2026, 3, 1), date(2026, 3, 5), date(2026, 3, 8))  # not rated
    assert scores(scheme)["示范区民政局"].score == Decimal("4.00")


def test_records_nobody_read_deduct_per_item(scheme, indicator, publish, department, other_department):
    indicator("engagement.records_unread", weight=10, points_each=1)
    read = publish(department, date(2026, 3, 1))
    rated_only = publish(department, date(2026, 3, 2))
    unread = publish(department, date(2026, 3, 3))
    publish(department, date(2025, 12, 3))  # published last year: not counted
    votes(CountedKind.RECORD, read.pk, views=4)
    votes(CountedKind.RECORD, rated_only.pk, useful=1)
    votes(CountedKind.RECORD, unread.pk, day=TODAY + timedelta(days=1), views=9)  # after the assessed day
    read_elsewhere = publish(other_department, date(2026, 3, 1))
    votes(CountedKind.RECORD, read_elsewhere.pk, views=1)
    board = scores(scheme)
    assert board["示范区民政局"].score == Decimal(8)
    assert board["示范区财政局"].score == Decimal(10)
    evidence = explain(scheme, Group.DEPARTMENTS, department, TODAY).indicators[0].deductions[0].evidence
    assert [item.object_id for item in evidence] == [rated_only.pk, unread.pk]


def test_not_useful_votes_on_records_and_answers_score_by_ratio(
    scheme, indicator, publish, department, other_department
):
    indicator("engagement.rated_not_useful", method=Method.RATIO, weight=10, points_each=0)
    record = publish(department, date(2026, 3, 1))
    answer = answered(department, date(2026, 3, 1), date(2026, 3, 5), date(2026, 3, 8))
    votes(CountedKind.RECORD, record.pk, useful=2, not_useful=1)
    votes(CountedKind.RECORD, record.pk, day=date(2026, 5, 2), useful=1)
    votes(CountedKind.ANSWER, answer.pk, not_useful=4, views=10)
    votes(CountedKind.RECORD, record.pk, day=date(2025, 12, 31), not_useful=9)  # last year
    elsewhere = publish(other_department, date(2026, 3, 1))
    votes(CountedKind.RECORD, elsewhere.pk, not_useful=5)
    board = scores(scheme)
    row = board["示范区民政局"].indicators[0]
    assert (row.deductions[0].count, row.deductions[0].total) == (5, 8)
    assert row.score == Decimal("3.75")
    assert board["示范区财政局"].score == Decimal(0)
    evidence = explain(scheme, Group.DEPARTMENTS, department, TODAY).indicators[0].deductions[0].evidence
    assert [(item.kind, item.object_id) for item in evidence] == [("record", record.pk), ("answer", answer.pk)]
    assert evidence[0].detail == "有用 3 票，没用 1 票，阅读 0 次"


@pytest.mark.parametrize(("offset", "vetoed"), [(0, True), (1, False)])
def test_self_inspection_vetoes_a_message_unanswered_for_three_months(department, offset, vetoed):
    old = inquiry(department, veto_risk_since(TODAY) + timedelta(days=offset))
    inquiry(department, date(2026, 1, 2), InquiryStatus.ANSWERED, answered_on=date(2026, 1, 5))
    rows = [row for row in inspection.inspect([department.pk], TODAY, external=False)]
    rows = [row for row in rows if row.indicator == NationalIndicator.INTERACTION]
    assert [(row.key, row.veto) for row in rows] == ([(f"inquiry:{old.pk}", True)] if vetoed else [])
