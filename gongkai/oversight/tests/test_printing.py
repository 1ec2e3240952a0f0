"""The 督查通报 in the national document format (GB/T 9704-2012): red head, number, table, signature, 版记."""

import io
import re
import subprocess
from datetime import date

import pytest
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from gongkai.core.documents import geometry as g
from gongkai.orgs.services import update_organization
from gongkai.oversight import printing
from gongkai.oversight.services import add_problem, create_notice, issue_notice


@pytest.fixture
def notice(office, government, department, other_department):
    notice = create_notice(
        issuer=government,
        title="关于2026年第三季度政务公开督查情况的通报",
        actor=office,
    )
    notice.doc_number = "示政办〔2026〕7号"
    notice.body = "一、总体情况\n本季度共检查单位2家。\n二、整改要求\n请于期限内反馈。"
    notice.save(update_fields=["doc_number", "body"])
    add_problem(notice=notice, organization=department, description="政策文件未配套解读", actor=office)
    add_problem(notice=notice, organization=other_department, description="栏目长期未更新", actor=office)
    issue_notice(notice=notice, actor=office, on=date(2026, 9, 21))
    notice.refresh_from_db()
    return notice


def pdf_text(content: bytes, tmp_path, *options: str) -> str:
    path = tmp_path / "notice.pdf"
    path.write_bytes(content)
    return subprocess.run(  # noqa: S603
        ["pdftotext", *options, str(path), "-"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_the_notice_is_a_document_with_red_head_number_addressees_signature_and_imprint(notice, government):
    document = printing.notice_document(notice)
    assert (document.head.style, document.head.issuer_mark, document.head.doc_number) == (
        "document",
        f"{government.name}文件",
        "示政办〔2026〕7号",
    )
    assert document.addressee == "示范区民政局、示范区财政局"
    assert (document.signature.issuer, document.signature.date_text) == (government.name, "2026年9月21日")
    assert (document.imprint.printed_by, document.imprint.printed_on) == (government.name, date(2026, 9, 21))
    table = document.blocks[-1]
    assert [cell.text for cell in table.rows[0]] == ["序号", "整改单位", "问题", "整改期限", "原因及整改结果", "验收"]
    assert table.header_rows == 1
    assert [row[2].text for row in table.rows[1:]] == ["政策文件未配套解读", "栏目长期未更新"]


def test_the_organizations_document_settings_are_used(notice, government, admin_person):
    update_organization(
        organization=government,
        actor=admin_person,
        issuer_mark="示范区人民政府办公室文件",
        seal_mode="unstamped",
        printed_by="示范区政务公开办",
    )
    notice.refresh_from_db()
    document = printing.notice_document(notice)
    assert document.head.issuer_mark == "示范区人民政府办公室文件"
    assert document.signature.seal == "unstamped"
    assert document.imprint.printed_by == "示范区政务公开办"


def test_a_draft_prints_without_a_date(office, government, department):
    draft = create_notice(issuer=government, title="草稿通报", actor=office)
    document = printing.notice_document(draft)
    assert document.signature.date_text == "（未印发）"
    assert document.imprint.printed_on is None


def test_the_pdf_is_a4_in_the_document_format_with_embedded_fonts(notice, tmp_path, government):
    content = printing.notice_pdf(notice)
    page = PdfReader(io.BytesIO(content)).pages[0]
    assert (
        round(float(page.mediabox.width) * g.MM_PER_POINT),
        round(float(page.mediabox.height) * g.MM_PER_POINT),
    ) == (
        210,
        297,
    )
    path = tmp_path / "fonts.pdf"
    path.write_bytes(content)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout  # noqa: S603,S607
    names = {line.split()[0].split("+", 1)[-1] for line in fonts.splitlines()[2:]}
    assert {"FandolSong-Bold", "FandolFang", "FandolHei"} <= names, fonts
    assert all(" yes yes yes " in line for line in fonts.splitlines()[2:]), fonts
    text = re.sub(r"\s+", "", pdf_text(content, tmp_path))
    order = [
        f"{government.name}文件",
        "示政办〔2026〕7号",
        "关于2026年第三季度政务公开督查情况的通报",
        "示范区民政局、示范区财政局：",
        "一、总体情况",
        "问题清单及整改情况",
        "政策文件未配套解读",
        f"{government.name}2026年9月21日",
        "2026年9月21日印发",
    ]
    positions = [text.find(part) for part in order]
    assert -1 not in positions, text
    assert positions == sorted(positions)
    # The red 发文机关标志 stands 35 mm below the top of the type area [7.2.4].
    boxes = pdf_text(content, tmp_path, "-bbox", "-f", "1", "-l", "1")
    first = re.search(r'<word xMin="[\d.]+" yMin="([\d.]+)"', boxes)
    assert float(first.group(1)) * g.MM_PER_POINT == pytest.approx(g.TOP_MM + g.ISSUER_MARK_TOP_MM, abs=3)


def test_the_word_file_has_the_red_mark_and_a_repeating_table_header(client, office, notice):
    client.force_login(office)
    response = client.get(reverse("backoffice:oversight:notice_docx", kwargs={"notice_id": notice.pk}))
    assert response.status_code == 200
    word = Document(io.BytesIO(response.content))
    mark = next(paragraph for paragraph in word.paragraphs if paragraph.text.endswith("文件"))
    assert str(mark.runs[0].font.color.rgb) == g.RED
    assert mark.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    header = word.tables[0].rows[0]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert any(paragraph.text.endswith("2026年9月21日印发") for paragraph in word.paragraphs)


def test_a_clerk_outside_the_notice_cannot_download_the_word_file(client, make_person, street_office, notice):
    client.force_login(make_person("clerk", street_office, username="street_clerk"))
    response = client.get(reverse("backoffice:oversight:notice_docx", kwargs={"notice_id": notice.pk}))
    assert response.status_code == 404
