"""The public statistics against a hand-counted world (statistics_data.py), and their cache."""

import pytest
from django.core.cache import cache

from gongkai.publishing.models import RecordStatus
from gongkai.publishing.services import publish_record, withdraw_record
from gongkai.publishing.tests.factories import draft, force_status
from gongkai.reports import statistics
from gongkai.reports.statistics import compute, public_statistics

from .statistics_data import build


@pytest.fixture
def world(department, street_office, clerk):
    cache.clear()
    yield build(department=department, street_office=street_office, clerk=clerk)
    cache.clear()


@pytest.fixture
def tables(world, county):
    found = compute(region=county, year=world["year"])
    return {table.key: table for table in found.tables}


def rows(table) -> dict:
    return {row[0]: row[1:] for row in table.rows}


def test_records_by_month_count_beijing_months_and_leave_out_withdrawn_drafts_other_years_and_regions(tables):
    counted = {label: values[0] for label, values in rows(tables["records-by-month"]).items()}
    assert counted == {
        "1月": 0, "2月": 1, "3月": 3, "4月": 0, "5月": 2, "6月": 1, "7月": 0, "8月": 0,
        "9月": 0, "10月": 0, "11月": 0, "12月": 0, "合计": 7,
    }  # fmt: skip


def test_records_by_organization_level_and_stage(tables):
    assert tables["records-by-organization"].rows == (("示范区民政局", 5), ("东风街道办事处", 2))
    assert tables["records-by-level"].rows == (("县级", 5), ("乡级", 2), ("村级", 0))
    assert rows(tables["records-by-stage"]) == {
        "决策公开": (2,), "执行公开": (0,), "管理公开": (0,), "服务公开": (0,), "结果公开": (0,), "未标注环节": (5,),
    }  # fmt: skip


def test_records_by_domain_count_a_record_once_per_domain_and_list_unlinked_ones(tables):
    assert tables["records-by-domain"].rows == (("社会救助", 2), ("未关联公开事项", 5))


def test_applications_by_outcome_group_and_timeliness(tables):
    outcome = rows(tables["applications-by-outcome"])
    assert outcome["（一）予以公开"] == (2, 50.0)
    assert outcome["（三）不予公开"] == (1, 25.0)
    assert outcome["（六）其他处理"] == (1, 25.0)
    assert outcome["（二）部分公开"] == (0, 0.0)
    assert outcome["合计"] == (4, 100.0)
    assert tables["applications-timeliness"].rows == (
        ("在法定期限内答复", 2, 50.0),
        ("超过法定期限答复", 1, 25.0),
        ("无答复期限记录（历史导入）", 1, 25.0),
        ("合计", 4, 100.0),
    )


def test_inquiries_answered_and_their_time(tables):
    assert [row[1] for row in tables["inquiries"].rows] == [4, 3, 2, 1, 66.7, 5.0, 4.0]


def test_guides_promised_against_statutory_time_in_the_region(tables):
    assert tables["guide-time-limits"].rows == (("示范区民政局", 2, 30, 20, 10, 33.3), ("合计", 2, 30, 20, 10, 33.3))


def test_survey_table_without_published_surveys_is_only_an_empty_total(tables):
    assert tables["survey-satisfaction"].rows == (("合计", 0, 0, 0, None),)
    assert tables["survey-satisfaction"].chart_data()["labels"] == []


def test_chart_data_leaves_out_the_total_row(tables):
    chart = tables["records-by-month"].chart_data()
    assert chart["kind"] == "line"
    assert len(chart["labels"]) == 12
    assert chart["series"][0]["values"][:6] == [0, 1, 3, 0, 2, 1]


def test_figures_are_cached_until_a_record_is_published(
    world, county, department, clerk, reviewer, monkeypatch, django_capture_on_commit_callbacks
):
    year = world["year"]
    first = public_statistics(year=year)
    assert first.region == county.name
    with monkeypatch.context() as patch:
        patch.setattr(statistics, "compute", lambda **kwargs: pytest.fail("computed again"))
        assert public_statistics(year=year) is first or public_statistics(year=year) == first

    record = force_status(draft(department, clerk), RecordStatus.CLEARED)
    with django_capture_on_commit_callbacks(execute=True):
        publish_record(record=record, actor=reviewer)
    assert rows(public_statistics(year=year).table("records-by-month"))["合计"] == (8,)


def test_withdrawing_a_record_invalidates_the_figures(world, county, office, django_capture_on_commit_callbacks):
    year = world["year"]
    assert rows(public_statistics(year=year).table("records-by-month"))["合计"] == (7,)
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_record(record=world["march"][2], actor=office, reason="内容有误，撤回更正。")
    assert rows(public_statistics(year=year).table("records-by-month"))["合计"] == (6,)


def test_invalidate_survives_an_evicted_version_key():
    cache.delete(statistics.VERSION_KEY)
    statistics.invalidate()
    assert cache.get(statistics.VERSION_KEY) == 2
