"""The dynamic record page (the path of a page that has no static file yet, or a URL with a query string) stays
within the goal of 10 queries with nothing cached (the footer's site settings, the related records and the comment
calls linking back included) for a full record: attachments, catalog items, channels, a public correction, its
columns. Once its parts are cached it costs one (test_record_page_cache.py). The render time is measured by
`python -m bench pages` (docs/static-pages.md), not here."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.catalog.tests.factories import catalog_of, make_tree
from gongkai.publishing import services
from gongkai.publishing.models import RecordStatus
from gongkai.publishing.services import seed_columns
from gongkai.publishing.tests.factories import draft, force_status
from gongkai.publishing.tests.test_attachments import pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_record(department, clerk, reviewer, office, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_CACHE_DIR = tmp_path / "cache"
    seed_columns(organization=department)
    _group, guide, review = make_tree(catalog_of(department), office)
    record = draft(department, clerk, title="关于调整城乡低保标准的通知")
    record.items.add(guide, review)
    record.columns.add(*department.columns.filter(slug__in=["notices", "guide"]))
    for name in ("标准表.pdf", "申请表.pdf"):
        services.add_attachment(record=record, upload=SimpleUploadedFile(name, pdf_bytes(name)), actor=clerk)
    record = services.publish_record(record=force_status(record, RecordStatus.CLEARED), actor=reviewer)
    record = services.correct_record(
        record=record, actor=reviewer, change_note="更正标准数额", title=record.title + "（更正）"
    )
    return record


def test_a_full_record_page_needs_at_most_ten_queries(client, full_record, django_assert_max_num_queries):
    client.get(full_record.get_absolute_url())  # first render: derived files (QR, share card) made once
    cache.clear()  # the measured render reads everything again (a warm one costs 1 query, test_record_page_cache.py)
    with django_assert_max_num_queries(10):
        response = client.get(full_record.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "关于调整城乡低保标准的通知（更正）" in page
    assert "标准表.pdf" in page
    assert f"/records/{full_record.pk}/qr.svg" in page


def test_related_records_share_an_item_a_column_or_an_interpreted_document(
    client, full_record, department, clerk, reviewer, other_department, other_clerk, django_assert_max_num_queries
):
    def publish(record):
        return services.publish_record(record=force_status(record, RecordStatus.CLEARED), actor=reviewer)

    same_item = draft(department, clerk, title="低保审核名单公示")
    same_item.items.add(full_record.items.first())
    same_column = draft(department, clerk, title="同栏目的通知")
    same_column.columns.add(full_record.columns.first())
    interpretation = draft(
        department, clerk, title="解读：低保标准调整", genre="interpretation", interprets=full_record
    )
    unrelated = draft(other_department, other_clerk, title="无关的信息")
    unpublished = draft(department, clerk, title="尚未发布的草稿")
    unpublished.items.add(full_record.items.first())
    for record in (same_item, same_column, interpretation):
        publish(record)
    force_status(unrelated, RecordStatus.PUBLISHED)
    client.get(full_record.get_absolute_url())
    cache.clear()

    with django_assert_max_num_queries(10):
        response = client.get(full_record.get_absolute_url())

    assert response.status_code == 200
    page = response.content.decode()
    related = page[page.index('id="related-title"') :]
    for title in ("低保审核名单公示", "同栏目的通知", "解读：低保标准调整"):
        assert title in related
    assert "无关的信息" not in related
    assert "尚未发布的草稿" not in related


def test_a_video_interpretation_page_stays_within_the_same_budget(
    client, full_record, department, clerk, reviewer, django_assert_max_num_queries
):
    from gongkai.publishing.tests.test_interpretation_kinds import MP4_BYTES

    record = draft(
        department,
        clerk,
        title="视频解读：低保标准调整",
        genre="interpretation",
        interprets=full_record,
        interpretation_kind="video",
        transcript="低保标准调整的文字稿。",
    )
    services.add_attachment(record=record, upload=SimpleUploadedFile("解读.mp4", MP4_BYTES), actor=clerk)
    record = services.publish_record(record=force_status(record, RecordStatus.CLEARED), actor=reviewer)
    client.get(record.get_absolute_url())
    client.get(full_record.get_absolute_url())
    cache.clear()

    with django_assert_max_num_queries(10):
        response = client.get(record.get_absolute_url())
    assert response.status_code == 200
    assert '<video controls preload="none"' in response.content.decode()
    assert "低保标准调整的文字稿。" in response.content.decode()

    cache.clear()
    with django_assert_max_num_queries(10):
        response = client.get(full_record.get_absolute_url())
    assert response.status_code == 200
    assert '<span class="badge interpretation-kind">视频解读</span>' in response.content.decode()
