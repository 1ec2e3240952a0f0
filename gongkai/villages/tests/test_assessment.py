"""The villages' assessment rules: what counts in oversight's scores for villages, townships and departments."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from gongkai.core.assessment import Period
from gongkai.oversight.rules.registry import get_rule
from gongkai.villages import services
from gongkai.villages.models import ResidentIssue

YEAR = Period(date(2026, 1, 1), date(2026, 10, 8))
SHANGHAI = ZoneInfo("Asia/Shanghai")


def make_issue(village, grid_worker, title, **fields):
    issue = services.register_issue(
        village=village, actor=grid_worker, channel="grid", category="other", title=title,
        description="三组路口井盖丢失，很危险，请尽快处理。", reporter_name="何先生", reporter_phone="13512345678",
    )  # fmt: skip
    ResidentIssue.objects.filter(pk=issue.pk).update(**fields)
    return issue


def test_oversight_finds_the_villages_rules():
    assert get_rule("villages.issues_late").name == "民情诉求超时办理"
    assert get_rule("villages.finance_late").name == "村级财务未按期公开"


def test_issues_count_for_the_village_and_the_assignee(village, grid_worker, department, other_village):
    closed = datetime(2026, 6, 1, 10, tzinfo=SHANGHAI)
    late = make_issue(
        village, grid_worker, "井盖缺失", status="closed", closed_at=closed, assignee=department, late_steps=2
    )
    make_issue(village, grid_worker, "路灯不亮", status="closed", closed_at=closed, assignee=department, late_steps=0)
    make_issue(village, grid_worker, "垃圾满溢", status="accepted", assignee=department, step_due_on=date(2026, 9, 1))
    make_issue(village, grid_worker, "去年的事", status="closed", closed_at=datetime(2025, 6, 1, tzinfo=SHANGHAI))
    rule = get_rule("villages.issues_late")
    tallies = rule.tally([village.pk, department.pk, other_village.pk], YEAR)
    assert {key: (tally.count, tally.total) for key, tally in tallies.items()} == {
        village.pk: (2, 3),
        department.pk: (2, 3),
    }
    evidence = rule.evidence(department.pk, YEAR)
    assert len(evidence) == 2
    assert f"/backoffice/villages/issues/{late.pk}/" in [item.url for item in evidence]


def test_a_finance_statement_never_published_counts_as_late(village, department):
    rule = get_rule("villages.finance_late")
    tallies = rule.tally([village.pk, department.pk], YEAR)
    # 2025 Q4, 2026 Q1 and Q2 fell due in the year up to 10-08 (10 working days after each quarter), unpublished;
    # 2026 Q3 falls due after 10-08 and does not count yet.
    assert {key: (tally.count, tally.total) for key, tally in tallies.items()} == {village.pk: (3, 3)}
    labels = [item.label for item in rule.evidence(village.pk, YEAR)]
    assert labels == ["2025年第4期", "2026年第1期", "2026年第2期"]
