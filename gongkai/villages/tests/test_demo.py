"""The villages demo step: a village's five columns, grid worker, a dozen records, issues in every state; twice
changes nothing."""

import io

import pytest

from gongkai.core.demo import DemoContext
from gongkai.orgs import demo as orgs_demo
from gongkai.publishing.models import Record, RecordStatus
from gongkai.villages import demo
from gongkai.villages.models import FinanceStatement, IssueStatus, Objection, Publicity, ResidentIssue

pytestmark = pytest.mark.django_db


def test_the_demo_step_builds_a_village_and_is_idempotent():
    context = DemoContext(stdout=io.StringIO())
    orgs_demo.build(context)
    village = context.objects["villages"][0]
    context.objects["villages"] = [village]
    demo.build(context)
    records = Record.objects.filter(organization=village)
    assert records.count() == 12
    assert set(records.values_list("status", flat=True)) == {RecordStatus.PUBLISHED}
    assert FinanceStatement.objects.filter(organization=village).count() == 4
    publicity = Publicity.objects.get(record__organization=village)
    assert publicity.result.startswith("公示期满，收到异议1件")
    assert Objection.objects.get().answered_at is not None
    assert set(ResidentIssue.objects.values_list("status", flat=True)) == set(IssueStatus.values)
    assert ResidentIssue.objects.count() == 40
    assert village.memberships.filter(role="grid_worker").count() == 1
    demo.build(context)
    assert Record.objects.filter(organization=village).count() == 12
    assert ResidentIssue.objects.count() == 40
