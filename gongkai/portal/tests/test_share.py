"""Share cards of record, service guide and comment call pages: Open Graph tags pointing at a generated image (title,
publisher, date or time limit, QR code of the page), drawn once and served from its file; nothing for what is not
public."""

import io
from html import unescape

import pytest
import segno
from django.urls import reverse
from PIL import Image, ImageChops

from gongkai.engagement import services as engagement_services
from gongkai.engagement.models import CommentCall
from gongkai.engagement.tests.factories import call_data, open_call
from gongkai.portal.publishing import share
from gongkai.publishing.models import Record, RecordStatus
from gongkai.publishing.services import publish_record, seed_columns
from gongkai.publishing.tests.factories import draft, force_status
from gongkai.services.models import GuideStatus
from gongkai.services.tests.factories import GuideFactory


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


# ---- service guides and comment calls (征集) -------------------------------------------------------------------


@pytest.fixture
def guide(department):
    return GuideFactory(organization=department, name="最低生活保障审核确认", scope="本区户籍居民家庭。")


@pytest.fixture
def call(department, clerk, reviewer, office):
    return open_call(clerk=clerk, reviewer=reviewer, office=office, organization=department)


def card_at(client, url: str, private_media, kind: str) -> tuple[Image.Image, list]:
    response = client.get(url)
    assert (response.status_code, response["Content-Type"]) == (200, "image/png")
    assert response["Cache-Control"] == "public, max-age=86400"
    image = Image.open(io.BytesIO(b"".join(response.streaming_content))).convert("RGB")
    return image, list((private_media / "share" / kind).glob("*.png"))


def qr_in(image: Image.Image, page_url: str) -> bool:
    left, top = share.WIDTH - share.MARGIN - share.QR_SIZE, share.HEIGHT - share.MARGIN - share.QR_SIZE - 30
    pasted = image.crop((left, top, left + share.QR_SIZE, top + share.QR_SIZE))
    return ImageChops.difference(pasted, share.qr_image(page_url)).getbbox() is None


def test_guide_page_carries_share_metadata(client, guide):
    html = client.get(guide.get_absolute_url()).content.decode()
    assert og(html, "title") == "最低生活保障审核确认办事指南"
    assert og(html, "description") == "本区户籍居民家庭。"
    assert og(html, "url") == f"http://testserver{guide.get_absolute_url()}"
    assert og(html, "image") == f"http://testserver{reverse('portal:sharing:guide', args=[guide.pk])}"
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_guide_without_scope_or_conditions_gets_a_readable_description(client, department):
    bare = GuideFactory(organization=department, name="临时救助", scope="", conditions="")
    html = client.get(bare.get_absolute_url()).content.decode()
    assert og(html, "description") == "示范区民政局办理临时救助的条件、材料、流程和时限。"


def test_guide_share_card_has_the_page_qr_code_and_is_drawn_once(client, guide, private_media):
    url = reverse("portal:sharing:guide", args=[guide.pk])
    image, files = card_at(client, url, private_media, "guides")
    assert image.size == (1200, 630)
    assert image.getpixel((5, 5)) == share.RED
    assert qr_in(image, f"http://testserver{guide.get_absolute_url()}")
    assert len(files) == 1
    written = files[0].stat().st_mtime_ns
    assert client.get(url).status_code == 200
    assert files[0].stat().st_mtime_ns == written


def test_no_card_for_guides_not_in_force(client, department):
    hidden = GuideFactory(organization=department, status=GuideStatus.DRAFT)
    assert client.get(reverse("portal:sharing:guide", args=[hidden.pk])).status_code == 404


def test_call_page_carries_share_metadata_and_card(client, call, private_media):
    page = reverse("portal:engagement:call", args=[call.pk])
    html = client.get(page).content.decode()
    assert og(html, "title") == call.title
    assert og(html, "description") == "为完善养老服务补贴制度，现公开征求意见。"
    assert og(html, "url") == f"http://testserver{page}"
    image_url = reverse("portal:sharing:call", args=[call.pk])
    assert og(html, "image") == f"http://testserver{image_url}"
    image, files = card_at(client, image_url, private_media, "calls")
    assert image.size == (1200, 630)
    assert qr_in(image, f"http://testserver{page}")
    assert len(files) == 1


def test_a_changed_call_title_draws_a_new_card(client, call, private_media):
    url = reverse("portal:sharing:call", args=[call.pk])
    _image, before = card_at(client, url, private_media, "calls")
    CommentCall.objects.filter(pk=call.pk).update(title="关于《示范区养老服务补贴办法（修订稿）》公开征求意见的公告")
    _image, after = card_at(client, url, private_media, "calls")
    assert len(before) == 1
    assert len(after) == 2


def test_no_card_for_calls_that_are_not_public(client, department, clerk):
    draft_call = engagement_services.create_call(actor=clerk, organization=department, data=call_data())
    assert client.get(reverse("portal:sharing:call", args=[draft_call.pk])).status_code == 404
