"""The 公示栏 notice in the national document format: plain head, masked list, signature, QR code, A4 and A3."""

import io
import re
import subprocess
from datetime import date

import pytest
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from gongkai.core.documents import geometry as g
from gongkai.publishing.models import Record
from gongkai.publishing.tests.factories import force_status
from gongkai.villages import boards, services

URL = "https://example.gov.cn/records/1/"


@pytest.fixture
def publicity(village, village_clerk):
    publicity = services.create_publicity(
        organization=village,
        actor=village_clerk,
        title="2026年度东风社区低保对象公示",
        kind="subsistence",
        body="<p>经入户调查和民主评议，拟将以下家庭纳入低保。</p>",
        entries=[{"name": "周建华", "id_number": "11010519491231002X", "detail": "3人"}],
    )
    force_status(publicity.record, "published")
    services.start_publicity(record_id=publicity.record_id)
    return publicity


def record_of(publicity) -> Record:
    return Record.objects.select_related("organization").get(pk=publicity.record_id)


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "board.pdf"
    path.write_bytes(content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout  # noqa: S603,S607
    return re.sub(r"\s+", "", text)


def test_the_board_is_a_plain_public_notice_with_the_period_masked_list_signature_and_qr(publicity, village):
    document = boards.notice_document(record_of(publicity), url=URL)
    assert document.head.style == "plain"  # no red head, no 主送机关, no 版记: a notice posted for everyone
    assert (document.addressee, document.imprint) == ("", None)
    period, body, table = document.blocks
    assert period.text.startswith("公示期：")
    assert period.runs[0].bold
    assert body.text == "经入户调查和民主评议，拟将以下家庭纳入低保。"
    assert [cell.text for cell in table.rows[1]] == ["1", "周*华", "11*************02X", "", "3人"]
    published = timezone.localdate(record_of(publicity).published_at)
    assert (document.signature.issuer, document.signature.date) == (village.name, published)
    assert document.signature.seal == "stamped"
    (qr,) = document.postscript
    assert qr.png.startswith(b"\x89PNG")
    assert qr.width_mm == boards.QR_WIDTH_MM
    assert "扫码查看网上原文" in qr.caption


def test_an_ended_notice_prints_its_outcome(publicity):
    publicity.ends_on = date(2026, 1, 9)
    publicity.save(update_fields=["ends_on"])
    document = boards.notice_document(record_of(publicity), url=URL)
    assert document.blocks[-1].text == "公示期满，无异议。"


@pytest.mark.parametrize(("size", "width", "height"), [("A4", 210, 297), ("A3", 297, 420)])
def test_the_pdf_is_a4_or_a3_with_embedded_fonts_and_the_masked_list(publicity, village, tmp_path, size, width, height):
    content = boards.notice_pdf(record_of(publicity), url=URL, size=size)
    page = PdfReader(io.BytesIO(content)).pages[0]
    measured = (round(float(page.mediabox.width) * g.MM_PER_POINT), round(float(page.mediabox.height) * g.MM_PER_POINT))
    assert measured == (width, height)
    path = tmp_path / "fonts.pdf"
    path.write_bytes(content)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout  # noqa: S603,S607
    names = {line.split()[0].split("+", 1)[-1] for line in fonts.splitlines()[2:]}
    assert {"FandolSong-Bold", "FandolFang", "FandolHei"} <= names, fonts
    assert all(" yes yes yes " in line for line in fonts.splitlines()[2:]), fonts
    images = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True).stdout  # noqa: S603,S607
    assert len(images.splitlines()) == 3  # header lines and the QR code
    text = pdf_text(content, tmp_path)
    order = [
        "2026年度东风社区低保对象公示",
        "公示期：",
        "周*华",
        "11*************02X",
        village.name,
        "扫码查看网上原文",
    ]
    positions = [text.find(part) for part in order]
    assert -1 not in positions, text
    assert positions == sorted(positions)
    assert "11010519491231002X" not in text
    assert "周建华" not in text


def test_the_word_file_names_the_office_fonts(publicity):
    word = Document(io.BytesIO(boards.notice_docx(record_of(publicity), url=URL)))
    title = next(paragraph for paragraph in word.paragraphs if paragraph.text == "2026年度东风社区低保对象公示")
    assert title.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert word.inline_shapes[0].width.mm == pytest.approx(boards.QR_WIDTH_MM, abs=0.1)
    assert "周*华" in [cell.text for cell in word.tables[0].rows[1].cells]
