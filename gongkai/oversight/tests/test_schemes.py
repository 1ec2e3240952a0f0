"""The scheme editor's validation, activation, manual deductions, freezing and the default scheme."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core.errors import AccessDenied
from gongkai.core.models import AuditEntry
from gongkai.oversight.errors import OversightError
from gongkai.oversight.models import FrozenScore, Group, Indicator, ManualEntry, Method, Scheme
from gongkai.oversight.scoring import explain, leaderboard
from gongkai.oversight.services import (
    activate_scheme,
    add_manual_entry,
    create_scheme,
    freeze_scheme,
    install_default_scheme,
    publish_leaderboard,
    revoke_manual_entry,
    save_indicator,
    validate_scheme,
)
from gongkai.publishing.tests.test_attachments import pdf_bytes

from .conftest import TODAY


def evidence_file(content=None, name="督查记录.pdf"):
    return SimpleUploadedFile(name, content or pdf_bytes("inspection record"), content_type="application/pdf")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"group": "cities"}, "group"),
        ({"code": "记录"}, "code"),
        ({"code": ""}, "code"),
        ({"name": "  "}, "name"),
        ({"rule": "engagement.inquiries_on_time"}, "rule"),
        ({"method": "average"}, "method"),
        ({"weight": "abc"}, "weight"),
        ({"weight": "101"}, "weight"),
        ({"weight": "-1"}, "weight"),
        ({"points_each": "0"}, "points_each"),
    ],
)
def test_indicator_editor_refuses_bad_input_and_changes_nothing(scheme, office, changes, field):
    data = {
        "group": "departments",
        "code": "records-late",
        "name": "信息按时发布",
        "rule": "publishing.records_late",
        "method": "per_item",
        "weight": "10",
        "points_each": "1",
    } | changes
    with pytest.raises(OversightError) as error:
        save_indicator(scheme=scheme, actor=office, **data)
    assert error.value.field == field
    assert error.value.message
    assert not Indicator.objects.exists()
    assert not AuditEntry.objects.filter(action="oversight.indicator.saved").exists()


def test_a_group_must_weigh_exactly_100_points_to_activate(scheme, indicator, office):
    indicator("publishing.records_late", weight=60)
    indicator("screening.blocking_open", weight="39.5", points_each=2)
    assert validate_scheme(scheme) == ["“区（县）部门”组各指标分值合计为99.5分，应为100分。"]
    with pytest.raises(OversightError):
        activate_scheme(scheme=scheme, actor=office)
    scheme.refresh_from_db()
    assert scheme.is_active is False
    indicator("screening.blocking_open", weight="40", points_each=2)  # same code: the indicator is updated
    assert validate_scheme(scheme) == []
    assert activate_scheme(scheme=scheme, actor=office).is_active is True
    assert Indicator.objects.count() == 2


def test_an_empty_scheme_cannot_be_activated(scheme):
    assert validate_scheme(scheme) == ["方案还没有任何指标。"]


def test_one_scheme_per_region_and_year(scheme, office, county):
    with pytest.raises(OversightError):
        create_scheme(region=county, year=2026, name="重复方案", actor=office)
    assert Scheme.objects.count() == 1


def test_leaderboard_is_published_only_for_an_active_scheme(scheme, office):
    with pytest.raises(OversightError):
        publish_leaderboard(scheme=scheme, actor=office)
    scheme.refresh_from_db()
    assert scheme.leaderboard_published is False


def test_default_scheme_weighs_100_in_every_group_and_is_idempotent(office, county):
    scheme = install_default_scheme(region=county, year=2026, actor=office)
    assert scheme.is_active
    for group in Group:
        weights = scheme.indicators.filter(group=group).values_list("weight", flat=True)
        assert sum(weights) == Decimal(100)
    count = Indicator.objects.count()
    assert install_default_scheme(region=county, year=2026, actor=office) == scheme
    assert Indicator.objects.count() == count


def test_manual_entry_needs_reason_and_real_evidence(scheme, indicator, office, department):
    manual = indicator("oversight.manual", method=Method.POINTS, weight=5, points_each=0)
    common = {"indicator": manual, "organization": department, "points": "2", "actor": office}
    with pytest.raises(OversightError):
        add_manual_entry(**common, reason="", occurred_on=TODAY, evidence=evidence_file())
    with pytest.raises(OversightError):
        add_manual_entry(**common, reason="群众监督员发现链接错误", occurred_on=TODAY, evidence=None)
    with pytest.raises(Exception, match="只接受"):
        add_manual_entry(
            **common, reason="群众监督员发现", occurred_on=TODAY, evidence=evidence_file(b"MZ\x90\x00", "x.pdf")
        )
    assert not ManualEntry.objects.exists()


def test_manual_entries_deduct_their_points_capped_by_weight_and_can_be_revoked(scheme, indicator, office, department):
    manual = indicator("oversight.manual", method=Method.POINTS, weight=5, points_each=0)
    first = add_manual_entry(
        indicator=manual,
        organization=department,
        points="2.5",
        reason="第三方评估：政策解读缺少图解",
        occurred_on=date(2026, 4, 1),
        evidence=evidence_file(),
        actor=office,
    )
    add_manual_entry(
        indicator=manual,
        organization=department,
        points="1",
        reason="义务监督员发现联系电话错误",
        occurred_on=date(2026, 5, 1),
        evidence=evidence_file(),
        actor=office,
    )
    entry = explain(scheme, Group.DEPARTMENTS, department, TODAY)
    assert entry.score == Decimal("1.50")
    assert [item.points for item in entry.indicators[0].deductions[0].evidence] == [Decimal("1.00"), Decimal("2.50")]
    revoke_manual_entry(entry=first, reason="复核后认定不属实", actor=office)
    assert explain(scheme, Group.DEPARTMENTS, department, TODAY).score == Decimal(4)


def test_only_the_office_enters_manual_deductions(scheme, indicator, clerk, department):
    manual = indicator("oversight.manual", method=Method.POINTS, weight=5, points_each=0)
    with pytest.raises(AccessDenied):
        add_manual_entry(
            indicator=manual,
            organization=department,
            points="1",
            reason="理由",
            occurred_on=TODAY,
            evidence=evidence_file(),
            actor=clerk,
        )
    assert not ManualEntry.objects.exists()


def test_freezing_keeps_the_scores_of_that_day(scheme, indicator, office, publish, department):
    indicator("publishing.records_late", weight=100, points_each=10)
    activate_scheme(scheme=scheme, actor=office)
    publish(department, date(2026, 3, 1), late=True)
    freeze_scheme(scheme=scheme, on=date(2026, 6, 30), actor=office)
    publish(department, date(2026, 5, 1), late=True)  # after freezing: the frozen result does not change
    scheme.refresh_from_db()
    board = {entry.organization.pk: entry for entry in leaderboard(scheme, Group.DEPARTMENTS, date(2026, 12, 31))}
    assert board[department.pk].score == Decimal(90)
    assert FrozenScore.objects.filter(scheme=scheme).count() == 1
    with pytest.raises(OversightError):
        save_indicator(
            scheme=scheme,
            actor=office,
            group="departments",
            code="x",
            name="x",
            rule="publishing.records_late",
            method="per_item",
            weight=1,
            points_each=1,
        )
    with pytest.raises(OversightError):
        freeze_scheme(scheme=scheme, on=date(2026, 12, 31), actor=office)
