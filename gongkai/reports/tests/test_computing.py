"""Every cell of the three tables computed from constructed data, with exact expected numbers."""

from decimal import Decimal

from gongkai.reports import tables as t
from gongkai.reports.checks import check
from gongkai.reports.computing import compute, scope_for
from gongkai.reports.models import Scope

from .scenario import (
    DISCLOSED_ROW,
    PARTIAL_ROW,
    UNAVAILABLE,
    YEAR,
    active,
    expected_department,
    leaf,
    request,
    review,
)


def test_every_cell_of_a_department_report(data, django_assert_max_num_queries):
    with django_assert_max_num_queries(9):
        computation = compute(organization=data, year=YEAR)
    assert computation.values == expected_department()
    assert computation.breakdown == []
    assert check(computation.values) == []


def test_partially_disclosed_application_decided_next_year_counts_as_carried_over(data):
    values = compute(organization=data, year=2026).values
    # Received 2025-12-25 (still open) and 2025-12-30 (decided 2026-01-05) come in as 上年结转.
    assert values[request(t.CARRIED_IN, "商业企业")] == 2
    assert values[request(PARTIAL_ROW, "商业企业")] == 1
    assert values[request(t.CARRIED_OUT, "商业企业")] == 1
    # The research institute's application is still open: carried in again, carried out again.
    assert values[request(t.CARRIED_IN, "科研机构")] == 1
    assert values[request(t.CARRIED_OUT, "科研机构")] == 1
    assert values[request(t.NEW, "自然人")] == 1
    assert check(values) == []


def test_transferred_application_counts_only_at_the_receiving_organization(data, other_department):
    values = compute(organization=other_department, year=YEAR).values
    assert values[request(t.NEW, "自然人")] == 1
    assert values[request(leaf(UNAVAILABLE, 1), "自然人")] == 1
    assert values[active(t.ARTICLE_20_1, t.REGULATION, t.MADE)] == 1
    assert values[active(t.ARTICLE_20_8, t.FEE, t.FEE_AMOUNT)] == Decimal("2")


def test_county_government_report_aggregates_departments_with_a_breakdown(
    data, government, other_department, street_office, django_assert_max_num_queries
):
    assert scope_for(government) == Scope.REGION
    with django_assert_max_num_queries(10):
        computation = compute(organization=government, year=YEAR)
    values = computation.values
    assert values[active(t.ARTICLE_20_1, t.REGULATION, t.MADE)] == 3
    assert values[active(t.ARTICLE_20_8, t.FEE, t.FEE_AMOUNT)] == Decimal("3.2550")
    assert values[request(t.NEW, t.TOTAL)] == 7
    assert values[request(t.RESULT_TOTAL_ROW, t.TOTAL)] == 6
    # The government registered the co-defendant case as review body: counted once, at the department.
    assert values[review(t.REVIEW_GROUPS[2], t.TOTAL)] == 1
    assert check(values) == []
    names = [entry["name"] for entry in computation.breakdown]
    assert names[0] == government.name
    assert set(names) == {government.name, data.name, other_department.name, street_office.name}
    by_name = {entry["name"]: entry["values"] for entry in computation.breakdown}
    assert by_name[data.name][request(t.NEW, t.TOTAL)] == 6
    assert by_name[other_department.name][request(t.NEW, t.TOTAL)] == 1
    assert by_name[street_office.name] == {}


def test_department_and_township_report_for_themselves(department, street_office):
    assert scope_for(department) == Scope.ORGANIZATION
    assert scope_for(street_office) == Scope.ORGANIZATION


def test_checks_pass_on_zeroes_and_name_each_failing_cell():
    values = t.empty_values()
    assert check(values) == []
    values[request(t.NEW, "自然人")] = 1
    values[request(t.NEW, t.TOTAL)] = 1
    failures = check(values)
    assert [(failure.rule, failure.cell) for failure in failures] == [
        ("balance", request(t.RESULT_TOTAL_ROW, "自然人")),
        ("balance", request(t.RESULT_TOTAL_ROW, t.TOTAL)),
    ]
    assert "第一项（1）加第二项（0）之和为1" in failures[0].message
    assert failures[0].label == "表三“（七）总计”行“自然人”列"


def test_facts_for_the_narrative_count_published_records_columns_channels_fees_and_late_replies(department, clerk):
    from datetime import date

    from gongkai.applications.models import Fee
    from gongkai.catalog.models import Channel
    from gongkai.publishing.models import Column
    from gongkai.reports.narrative import draft_other_matters, draft_overview

    from .factories import make_application, make_record

    column = Column.objects.create(organization=department, slug="notices", name="通知公告")
    website, _ = Channel.objects.get_or_create(name="政府网站", defaults={"is_standard": True})
    board, _ = Channel.objects.get_or_create(name="公开查阅点", defaults={"is_standard": True})
    for month in (3, 4):
        record = make_record(organization=department, author=clerk, genre="notice", written_on=date(2025, month, 1))
        record.columns.add(column)
        record.channels.add(website)
    make_record(
        organization=department, author=clerk, genre="interpretation", written_on=date(2025, 5, 1)
    ).channels.add(board)
    make_record(organization=department, author=clerk, genre="notice", written_on=date(2024, 5, 1))
    late = make_application(
        organization=department,
        applicant_type="natural_person",
        received_on=date(2025, 3, 1),
        due_on=date(2025, 3, 28),
        outcome="disclosed",
        decided_on=date(2025, 4, 2),
    )
    Fee.objects.create(
        application=late,
        method=Fee.Method.PER_ITEM,
        quantity=11,
        suggested_amount=100,
        amount=100,
        notified_on=date(2025, 3, 5),
        pay_by=date(2025, 3, 30),
        state=Fee.State.PAID,
        paid_on=date(2025, 3, 10),
    )
    computation = compute(organization=department, year=YEAR)
    facts = computation.facts
    assert facts["records_published"] == 3
    assert facts["interpretations_published"] == 1
    assert facts["columns"] == [{"name": "通知公告", "count": 2}]
    assert facts["channels"] == [{"name": "政府网站", "count": 2}, {"name": "公开查阅点", "count": 1}]
    assert (facts["fees_paid_count"], facts["fees_paid_amount"]) == (1, "100.00")
    assert facts["late_replies"] == 1
    overview = draft_overview(
        organization_name=department.name, year=YEAR, values=computation.values, facts=facts, aggregate=False
    )
    assert "全年通过政府信息公开平台主动公开政府信息3条，其中政策文件0件、政策解读1篇。" in overview
    assert "公开较多的栏目为：“通知公告”2条。主要公开渠道：政府网站（2条）、公开查阅点（1条）。" in overview
    assert draft_other_matters(facts=facts) == "本年共收取信息处理费1笔，金额100.00元。无其他需要报告的事项。"


def test_aggregate_uses_what_members_typed_into_their_own_reports(data, government, clerk, office):
    from gongkai.reports.services import create_report, set_override

    own = create_report(organization=data, year=YEAR, actor=clerk)
    set_override(report=own, actor=clerk, cell=request(t.NEW, "自然人"), value="3", reason="含纸质申请2件")
    set_override(report=own, actor=clerk, cell=request(DISCLOSED_ROW, "自然人"), value="3", reason="含纸质申请2件")
    computation = compute(organization=government, year=YEAR)
    assert computation.values[request(t.NEW, t.TOTAL)] == 9
    assert computation.values[request(t.RESULT_TOTAL_ROW, t.TOTAL)] == 8
    assert check(computation.values) == []
    entry = next(entry for entry in computation.breakdown if entry["organization_id"] == data.pk)
    assert entry["overridden"] == sorted([request(t.NEW, "自然人"), request(DISCLOSED_ROW, "自然人")])
    assert entry["values"][request(t.NEW, t.TOTAL)] == 8
    # The department's own report is unaffected by the county's computation.
    assert compute(organization=data, year=YEAR).values[request(t.NEW, t.TOTAL)] == 6
