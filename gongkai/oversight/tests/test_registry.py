"""The rule registry other apps plug into, the periodic lights, and the leaderboard's bounded query count."""

import sys
import types
from datetime import date
from decimal import Decimal

from gongkai.core.assessment import Evidence, Rule, Tally
from gongkai.oversight import periodic
from gongkai.oversight.models import Group, UpdateCycle
from gongkai.oversight.rules import all_rules, discover, get_rule
from gongkai.oversight.rules.registry import _RULES
from gongkai.oversight.scoring import explain, leaderboard
from gongkai.oversight.services import register_periodic_item

from .conftest import TODAY


class InquiriesLate(Rule):
    code = "engagement.inquiries_late"
    name = "咨询超期未答复"
    description = "测试规则"

    def tally(self, organization_ids, period):
        return {organization_id: Tally(count=2, total=4) for organization_id in organization_ids}

    def evidence(self, organization_id, period, limit=200):
        return [Evidence(label="咨询 Z-1", detail="超期3天", kind="inquiry", object_id=1)]


def test_an_app_adds_rules_through_its_assessment_module(monkeypatch, scheme, indicator, department):
    module = types.ModuleType("gongkai.engagement.assessment")
    module.RULES = [InquiriesLate()]
    monkeypatch.setitem(sys.modules, "gongkai.engagement.assessment", module)
    try:
        discover()
        assert get_rule("engagement.inquiries_late") is module.RULES[0]
        assert "engagement.inquiries_late" in [rule.code for rule in all_rules()]
        indicator("engagement.inquiries_late", method="ratio", weight=10, points_each=0)
        entry = explain(scheme, Group.DEPARTMENTS, department, TODAY)
        assert entry.score == Decimal(5)
        assert entry.indicators[0].deductions[0].evidence[0].label == "咨询 Z-1"
    finally:
        _RULES.pop("engagement.inquiries_late", None)


def test_every_builtin_rule_is_registered():
    codes = {rule.code for rule in all_rules()}
    assert {
        "catalog.periodic_missing",
        "catalog.periodic_late",
        "publishing.records_late",
        "publishing.interpretation_missing",
        "applications.answered_on_time",
        "applications.reply_undelivered",
        "screening.blocking_open",
        "oversight.inspection_open",
        "oversight.rectification_overdue",
        "oversight.manual",
    } <= codes


def test_leaderboard_queries_do_not_grow_with_organizations(
    scheme, indicator, make_person, county, government, django_assert_max_num_queries
):
    from gongkai.orgs.tests.factories import OrganizationFactory

    for rule in ("publishing.records_late", "applications.answered_on_time", "catalog.periodic_missing"):
        indicator(rule, weight=10, points_each=1)
    for number in range(12):
        OrganizationFactory(region=county, kind="department", parent=government, name=f"第{number}局")
    with django_assert_max_num_queries(8):
        board = leaderboard(scheme, Group.DEPARTMENTS, TODAY)
    assert len(board) == 12


def monthly(catalog_item, department, office):
    return register_periodic_item(
        item=catalog_item(), organization=department, cycle=UpdateCycle.MONTHLY, since=date(2026, 1, 1), actor=office
    )


def light_on(entry, day):
    return periodic.statuses([entry], periodic.current_period(day))[0].light


def test_periodic_light_turns_yellow_a_week_before_and_red_after_the_due_date(
    catalog_item, department, office, publish
):
    entry = monthly(catalog_item, department, office)
    # Put every month up to May on time, so only June (due 10 July) matters.
    for month in range(1, 6):
        record = publish(department, date(2026, month + 1, 2))
        record.items.add(entry.item)
    assert light_on(entry, date(2026, 7, 2)) == "green"  # 8 days before 10 July
    assert light_on(entry, date(2026, 7, 3)) == "yellow"  # 7 days before
    assert light_on(entry, date(2026, 7, 10)) == "yellow"  # the due date itself
    assert light_on(entry, date(2026, 7, 11)) == "red"


def test_since_and_event_items_are_not_counted(catalog_item, department, office):
    entry = register_periodic_item(
        item=catalog_item(), organization=department, cycle=UpdateCycle.MONTHLY, since=date(2026, 5, 1), actor=office
    )
    results = periodic.statuses([entry], periodic.current_period(TODAY))[0].periods
    assert [result.window.label for result in results] == ["2026年5月", "2026年6月"]
    event = register_periodic_item(
        item=catalog_item("突发事件信息"),
        organization=department,
        cycle=UpdateCycle.EVENT,
        since=date(2026, 1, 1),
        actor=office,
    )
    status = periodic.statuses([event], periodic.current_period(TODAY))[0]
    assert (status.periods, status.light) == ([], "green")
