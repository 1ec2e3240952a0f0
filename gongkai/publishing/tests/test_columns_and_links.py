"""Columns, interpretations, catalog links and HTML cleaning."""

from datetime import date

import pytest

from gongkai.catalog.tests.factories import catalog_of, make_tree
from gongkai.publishing import services
from gongkai.publishing.errors import PublishingError, PublishingErrorCode
from gongkai.publishing.models import Column, RecordStatus
from gongkai.publishing.sanitizing import clean_html, html_to_text
from gongkai.publishing.selectors import policies_lacking_interpretation

from .factories import draft, force_status

S = RecordStatus


def publish(record, reviewer):
    return services.publish_record(record=force_status(record, S.CLEARED), actor=reviewer)


def test_standard_tree_has_the_platform_columns_and_the_article_20_sub_columns(columns):
    roots = list(Column.objects.filter(organization=columns, parent=None).values_list("slug", flat=True))
    assert roots == ["guide", "rules", "statutory", "annual-reports", "five-disclosures", "domains"]
    statutory = Column.objects.get(organization=columns, slug="statutory")
    assert statutory.name == "法定主动公开内容"
    assert {"policies", "licensing", "penalties", "budgets", "fees", "interpretations"} <= set(
        statutory.children.values_list("slug", flat=True)
    )
    stages = Column.objects.filter(organization=columns, parent__slug="five-disclosures").values_list(
        "stage", flat=True
    )
    assert list(stages) == ["decision", "execution", "management", "service", "result"]
    assert Column.objects.filter(organization=columns, parent__slug="domains").count() >= 26
    assert services.seed_columns(organization=columns) == 0


def test_records_go_to_the_column_of_their_genre_and_may_sit_in_several(columns, clerk):
    record = draft(columns, clerk, genre="normative")
    assert list(record.columns.values_list("slug", flat=True)) == ["policies"]
    both = Column.objects.filter(organization=columns, slug__in=["notices", "livelihood"])
    record = services.update_record(record=record, actor=clerk, columns=list(both))
    assert sorted(record.columns.values_list("slug", flat=True)) == ["livelihood", "notices"]


def test_columns_of_another_organization_are_refused(columns, other_department, clerk, office):
    services.seed_columns(organization=other_department)
    foreign = Column.objects.get(organization=other_department, slug="notices")
    with pytest.raises(PublishingError) as caught:
        draft(columns, clerk, columns=[foreign])
    assert caught.value.code == PublishingErrorCode.COLUMN_ORGANIZATION


def test_policies_lacking_an_interpretation_are_listed_until_one_is_published(columns, clerk, reviewer):
    policy = publish(draft(columns, clerk, genre="policy"), reviewer)
    notice = publish(draft(columns, clerk, genre="notice"), reviewer)
    assert list(policies_lacking_interpretation()) == [policy]
    reading = draft(columns, clerk, genre="interpretation", interprets=policy)
    assert list(policies_lacking_interpretation()) == [policy]
    publish(reading, reviewer)
    assert list(policies_lacking_interpretation()) == []
    assert notice.needs_interpretation is False


def test_only_interpretations_interpret_and_never_themselves(columns, clerk, reviewer):
    policy = publish(draft(columns, clerk, genre="policy"), reviewer)
    with pytest.raises(PublishingError):
        draft(columns, clerk, genre="notice", interprets=policy)
    reading = draft(columns, clerk, genre="interpretation", interprets=policy)
    with pytest.raises(PublishingError) as caught:
        draft(columns, clerk, genre="interpretation", interprets=reading)
    assert caught.value.code == PublishingErrorCode.INTERPRETATION_TARGET


def test_catalog_item_page_shows_its_published_records(client, columns, clerk, reviewer, office):
    catalog = catalog_of(columns)
    _group, guide, _review = make_tree(catalog, office)
    public = publish(draft(columns, clerk, items=[guide], title="最低生活保障办事指南"), reviewer)
    draft(columns, clerk, items=[guide], title="尚未发布的办事指南")
    response = client.get(guide.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert public.get_absolute_url() in content
    assert "尚未发布的办事指南" not in content


def test_a_changed_item_time_limit_moves_open_deadlines(columns, clerk, office, django_capture_on_commit_callbacks):
    from gongkai.catalog.services import update_item
    from gongkai.catalog.tests.factories import item_data

    catalog = catalog_of(columns)
    _group, guide, _review = make_tree(catalog, office)
    record = draft(columns, clerk, items=[guide], written_on=date(2025, 9, 26))
    assert record.due_on == date(2025, 10, 16)
    with django_capture_on_commit_callbacks(execute=True):
        update_item(
            item=guide,
            actor=office,
            data=item_data(parent=guide.parent.code, time_limit="制定或获取信息之日起5个工作日内"),
        )
    record.refresh_from_db()
    # 5th working day after Fri 2025-09-26: 09-28 (调休), 09-29, 09-30, 10-09, 10-10.
    assert record.due_on == date(2025, 10, 10)


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p onclick='x()'>文字</p>", "<p>文字</p>"),
        ("<script>alert(1)</script><p>正文</p>", "<p>正文</p>"),
        ('<a href="javascript:alert(1)">链接</a>', '<a rel="noopener noreferrer">链接</a>'),
        (
            '<a href="https://www.gov.cn/">政府网</a>',
            '<a href="https://www.gov.cn/" rel="noopener noreferrer">政府网</a>',
        ),
        (
            "<style>p{}</style><table><tr><td colspan='2'>表</td></tr></table>",
            '<table><tbody><tr><td colspan="2">表</td></tr></tbody></table>',
        ),
    ],
)
def test_bodies_are_sanitized(dirty, clean):
    assert clean_html(dirty) == clean


def test_plain_text_of_a_body_keeps_paragraphs():
    assert html_to_text("<p>第一段</p><p>第二&amp;段</p>") == "第一段\n第二&段"
