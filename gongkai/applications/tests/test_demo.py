"""The demo step: every outcome and state, a consistent 2025 report, and a second run that changes nothing."""

import io

import pytest

from gongkai.applications import demo
from gongkai.applications.models import Application, Event, Outcome, Status
from gongkai.applications.reporting import report_counts
from gongkai.core.demo import DemoContext
from gongkai.orgs import demo as orgs_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def context():
    context = DemoContext(stdout=io.StringIO())
    orgs_demo.build(context)
    return context


def test_demo_covers_every_outcome_and_state_and_is_idempotent(context):
    demo.build(context)
    count = Application.objects.count()
    events = Event.objects.count()
    assert set(Application.objects.exclude(outcome="").values_list("outcome", flat=True)) == set(Outcome.values)
    assert set(Application.objects.values_list("status", flat=True)) == set(Status.values)
    assert set(Application.objects.values_list("applicant_type", flat=True)) == {
        "natural_person",
        "business",
        "research",
        "nonprofit",
        "legal_service",
        "other",
    }
    for kind in ("correction_received", "consultation_ended", "extended", "fee_paid", "transferred"):
        assert Event.objects.filter(kind=kind).exists(), kind
    demo.build(context)
    assert Application.objects.count() == count
    assert Event.objects.count() == events


def test_demo_2025_report_adds_up_with_carry_overs(context):
    demo.build(context)
    ids = list(Application.objects.values_list("organization_id", flat=True).distinct())
    table = report_counts(organization_ids=ids, year=2025)
    assert table["carried_in"]["total"] == 3
    assert table["carried_out"]["total"] == 3
    for column in table["total"]:
        assert (
            table["new"][column] + table["carried_in"][column] == table["total"][column] + table["carried_out"][column]
        )
    assert all(table[outcome]["total"] >= 1 for outcome in Outcome.values)
