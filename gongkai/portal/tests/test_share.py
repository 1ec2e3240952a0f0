"""Share cards of record pages: Open Graph tags pointing at a generated image (title, publisher, date, QR code),
drawn once and served from its file; nothing for records that are not public."""

import io
from html import unescape

import pytest
import segno
from django.urls import reverse
from PIL import Image, ImageChops

from gongkai.portal.publishing import share
from gongkai.publishing.models import Record, RecordStatus
from gongkai.publishing.services import publish_record, seed_columns
from gongkai.publishing.tests.factories import draft, force_status


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def record(department, clerk, reviewer):
    seed_columns(organization=department)
    made = force_status(draft(department, clerk, summary="城乡低保标准每月提高到900元。"), RecordStatus.CLEARED)
    return publish_record(record=made, actor=reviewer)


def og(html: str, prop: str) -> str:
    marker = f'<meta property="og:{prop}" content="'
    start = html.index(marker) + len(marker)
    return unescape(html[start : html.index('"', start)])


def test_record_page_carries_share_metadata(client, record):
    html = client.get(record.get_absolute_url()).content.decode()
    assert og(html, "title") == record.title
    assert og(html, "description") == "城乡低保标准每月提高到900元。"
    assert og(html, "url") == f"http://testserver{record.get_absolute_url()}"
    assert og(html, "image") == f"http://testserver{reverse('portal:publishing:share_image', args=[record.pk])}"


def test_share_image_is_drawn_once_with_the_page_qr_code(client, record, private_media):
    url = reverse("portal:publishing:share_image", args=[record.pk])
    response = client.get(url)
    assert (response.status_code, response["Content-Type"]) == (200, "image/png")
    image = Image.open(io.BytesIO(b"".join(response.streaming_content))).convert("RGB")
    assert image.size == (1200, 630)
    assert image.getpixel((5, 5)) == share.RED
    files = list((private_media / "share" / "records").glob(f"{record.pk}-*.png"))
    assert len(files) == 1
    # The QR code in the card encodes the record page's address.
    expected = share.qr_image(f"http://testserver{record.get_absolute_url()}")
    left, top = share.WIDTH - share.MARGIN - share.QR_SIZE, share.HEIGHT - share.MARGIN - share.QR_SIZE - 30
    pasted = image.crop((left, top, left + share.QR_SIZE, top + share.QR_SIZE))
    assert ImageChops.difference(pasted, expected).getbbox() is None
    assert segno.make(f"http://testserver{record.get_absolute_url()}").designator  # a valid QR for that address
    written = files[0].stat().st_mtime_ns
    assert client.get(url).status_code == 200
    assert files[0].stat().st_mtime_ns == written


def test_a_corrected_title_draws_a_new_card(record):
    before = share.share_image_path(record, "http://example/records/1/", "公开")
    Record.objects.filter(pk=record.pk).update(title="关于调整城乡低保标准的通知（更正）")
    record.refresh_from_db()
    assert share.share_image_path(record, "http://example/records/1/", "公开") != before


def test_long_titles_are_wrapped_and_shortened():
    face = share.font(52, bold=True)
    lines = share.wrapped("关于" * 200, face, 700, 4)
    assert len(lines) == 4
    assert lines[-1].endswith("…")
    assert all(face.getlength(line) <= 700 for line in lines)


def test_no_card_for_records_that_are_not_public(client, department, clerk):
    hidden = draft(department, clerk)
    assert client.get(reverse("portal:publishing:share_image", args=[hidden.pk])).status_code == 404
