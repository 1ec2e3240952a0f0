"""Published records reach the index through publishing's signals and leave it when withdrawn; drafts never do."""

import pytest
from django.utils import timezone

from gongkai.publishing import services as publishing
from gongkai.publishing.services import seed_columns
from gongkai.publishing.tests.factories import draft
from gongkai.search import selectors
from gongkai.search.documents import SearchFilters
from gongkai.search.services import reindex
from gongkai.search.sources import absolute_url


@pytest.fixture
def publish(clerk, reviewer, confidentiality_officer, django_capture_on_commit_callbacks):
    def run(record):
        with django_capture_on_commit_callbacks(execute=True):
            publishing.submit_record(record=record, actor=clerk)
            publishing.approve_record(record=record, actor=reviewer)
            publishing.clear_record(record=record, actor=confidentiality_officer)
            return publishing.publish_record(record=record, actor=reviewer)

    return run


def keys(page):
    return [hit.key for hit in page.hits]


def test_published_record_is_found_and_withdrawn_record_leaves_at_once(
    backend, department, clerk, reviewer, publish, django_capture_on_commit_callbacks
):
    record = publish(
        draft(
            department,
            clerk,
            title="关于调整城乡居民最低生活保障标准的通知",
            doc_number="青民发〔2025〕7号",
            keywords="低保、救助",
            body="<p>自2025年7月1日起，城乡低保标准提高到每人每月<b>900元</b>。</p>",
        )
    )

    page = selectors.search("最低生活保障标准")
    assert keys(page) == [f"record:{record.pk}"]
    hit = page.hits[0]
    assert hit.url == absolute_url(record)
    assert hit.fields["doc_number"] == "青民发〔2025〕7号"
    assert hit.fields["index_number"] == record.index_number
    assert keys(selectors.search("青民发[2025]7号"))[0] == f"record:{record.pk}"
    assert keys(selectors.search(record.index_number)) == [f"record:{record.pk}"]
    assert keys(selectors.search("900元")) == [f"record:{record.pk}"]
    assert keys(selectors.search("救助")) == [f"record:{record.pk}"]  # a keyword
    assert str(selectors.search("900元").hits[0].snippet) == (
        "自2025年7月1日起，城乡低保标准提高到每人每月<mark>900元</mark>。"
    )
    assert keys(selectors.search("低保", SearchFilters(organization=str(department.pk)))) == [f"record:{record.pk}"]

    with django_capture_on_commit_callbacks(execute=True):
        publishing.withdraw_record(record=record, actor=reviewer, reason="内容有误，已重新发布。")

    assert not backend.contains(f"record:{record.pk}")
    assert keys(selectors.search("最低生活保障标准")) == []


def test_drafts_and_records_in_review_are_never_indexed(backend, department, clerk, reviewer, publish):
    published = publish(draft(department, clerk, title="关于老旧小区改造计划的公示"))
    waiting = draft(department, clerk, title="关于老旧小区改造资金的请示")
    publishing.submit_record(record=waiting, actor=clerk)
    draft(department, clerk, title="关于老旧小区改造的内部讨论稿")

    reindex()

    assert backend.document_count() == 1
    assert keys(selectors.search("老旧小区改造")) == [f"record:{published.pk}"]


def test_correction_updates_the_indexed_text(
    backend, department, clerk, reviewer, publish, django_capture_on_commit_callbacks
):
    record = publish(draft(department, clerk, title="关于春季森林防火的通告"))
    assert keys(selectors.search("森林防火")) == [f"record:{record.pk}"]

    with django_capture_on_commit_callbacks(execute=True):
        publishing.correct_record(
            record=record, actor=reviewer, change_note="更正标题。", title="关于春季防汛抗旱的通告"
        )

    assert keys(selectors.search("森林防火")) == []
    assert keys(selectors.search("防汛抗旱")) == [f"record:{record.pk}"]


def test_column_filter_includes_the_columns_above(backend, department, clerk, publish):
    seed_columns(organization=department)
    record = publish(draft(department, clerk, title="关于开展防汛应急演练的通知", genre="policy"))
    column = record.columns.select_related("parent").get()
    assert column.parent is not None

    for slug in (column.slug, column.parent.slug):
        assert keys(selectors.search("防汛", SearchFilters(column=slug))) == [f"record:{record.pk}"], slug
    assert keys(selectors.search("防汛", SearchFilters(column="no-such-column"))) == []


def test_results_show_validity_and_put_documents_in_force_first(
    backend, department, clerk, reviewer, publish, client, django_capture_on_commit_callbacks
):
    old = publish(draft(department, clerk, title="城乡低保实施办法（2020年）"))
    repealed = publish(draft(department, clerk, title="城乡低保实施办法（2015年）"))
    new = publish(draft(department, clerk, title="关于城乡低保实施办法的说明", body="<p>城乡低保实施办法</p>"))
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        publishing.change_validity(record=old, actor=reviewer, validity="lapsed", on=today, replaced_by=new)
        publishing.change_validity(record=repealed, actor=reviewer, validity="repealed", on=today)

    page = selectors.search("城乡低保实施办法")

    assert keys(page)[0] == f"record:{new.pk}"
    labels = {hit.key: hit.standing_label for hit in page.hits}
    assert labels == {
        f"record:{new.pk}": "现行有效",
        f"record:{old.pk}": "已被替代",
        f"record:{repealed.pk}": "已废止",
    }
    response = client.get("/search/", {"q": "城乡低保实施办法"})
    assert response.status_code == 200
    assert "已被替代" in response.content.decode()
