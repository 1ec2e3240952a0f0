"""The dynamic record page (the path of a page that has no static file yet, or a URL with a query string) stays
within 8 queries (the goal is 10; the eighth is the footer's site settings) for a full record: attachments, catalog
items, channels, a public correction, its columns. The render time is measured by `python -m bench pages`
(docs/static-pages.md), not here."""

import pytest
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


def test_a_full_record_page_needs_at_most_eight_queries(client, full_record, django_assert_max_num_queries):
    client.get(full_record.get_absolute_url())  # first render: derived files (QR, share card) made once
    with django_assert_max_num_queries(8):
        response = client.get(full_record.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "关于调整城乡低保标准的通知（更正）" in page
    assert "标准表.pdf" in page
    assert f"/records/{full_record.pk}/qr.svg" in page
