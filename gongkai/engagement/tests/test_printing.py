"""The adoption report in the national document format (GB/T 9704-2012), and where it can be downloaded."""

import io
import re
import subprocess
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from gongkai.core.documents import geometry as g
from gongkai.engagement import printing, services
from gongkai.engagement.models import CommentCall

from .factories import open_call

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
TITLE = "关于《示范区养老服务补贴办法（征求意见稿）》公开征求意见采纳情况的说明"


def reviewed_call(*, clerk, reviewer, office, organization, publish=True):
    call = open_call(clerk=clerk, reviewer=reviewer, office=office, organization=organization)
    first = services.submit_comment(call=call, body="建议把补贴标准提高到每月200元。", author_name="赵六")
    services.submit_comment(call=call, body="建议简化申请材料。", author_name="钱七")
    CommentCall.objects.filter(pk=call.pk).update(ends_on=TODAY - timedelta(days=1))
    call.refresh_from_db()
    services.close_call(actor=clerk, call=call)
    items = [
        {
            "topic": "补贴标准",
            "gist": "提高补贴标准",
            "decision": "partly",
            "reason": "财力所限。",
            "comment_ids": [first.pk],
        },
        {"topic": "申请材料", "gist": "简化材料", "decision": "adopted", "reason": ""},
    ]
    services.save_adoption_report(actor=clerk, call=call, overview="各方意见已逐条研究。", items=items)
    if publish:
        services.submit_adoption_report(actor=clerk, call=call)
        services.publish_feedback(actor=reviewer, call=call)
    call.refresh_from_db()
    return call


@pytest.fixture
def call(department, clerk, reviewer, office):
    return reviewed_call(clerk=clerk, reviewer=reviewer, office=office, organization=department)


def test_the_report_is_a_plain_document_signed_by_the_organization(call, department):
    document = printing.adoption_document(call.adoption_report)
    assert document.title == TITLE
    assert (document.head.style, document.addressee, document.imprint) == ("plain", "", None)
    headings = [block.text for block in document.blocks if hasattr(block, "level")]
    assert headings == ["一、总体情况", "二、意见采纳情况"]
    assert document.blocks[1].text.endswith("共收到意见2条。")
    table = document.blocks[-1]
    assert [cell.text for cell in table.rows[0]] == ["序号", "意见归类", "意见摘要", "采纳情况", "理由说明", "意见数"]
    assert [[cell.text for cell in row] for row in table.rows[1:]] == [
        ["1", "补贴标准", "提高补贴标准", "部分采纳", "财力所限。", "1"],
        ["2", "申请材料", "简化材料", "采纳", "—", "0"],
    ]
    published = timezone.localdate(call.adoption_report.published_at)
    assert (document.signature.issuer, document.signature.date, document.signature.seal) == (
        department.name,
        published,
        "stamped",
    )


def test_a_title_without_the_usual_ending_is_quoted():
    assert printing.report_title(CommentCall(title="养老补贴意见征集")) == "关于“养老补贴意见征集”意见采纳情况的说明"


def test_the_public_pdf_is_a4_with_embedded_fonts_in_reading_order(client, call, department, tmp_path):
    response = client.get(reverse("portal:engagement:adoption_report_pdf", args=[call.pk]))
    assert response.status_code == 200
    page = PdfReader(io.BytesIO(response.content)).pages[0]
    assert (
        round(float(page.mediabox.width) * g.MM_PER_POINT),
        round(float(page.mediabox.height) * g.MM_PER_POINT),
    ) == (
        210,
        297,
    )
    path = tmp_path / "report.pdf"
    path.write_bytes(response.content)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout  # noqa: S603,S607
    names = {line.split()[0].split("+", 1)[-1] for line in fonts.splitlines()[2:]}
    assert {"FandolSong-Bold", "FandolFang", "FandolHei"} <= names, fonts
    assert all(" yes yes yes " in line for line in fonts.splitlines()[2:]), fonts
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout  # noqa: S603,S607
    text = re.sub(r"\s+", "", text)
    order = [TITLE, "一、总体情况", "各方意见已逐条研究。", "二、意见采纳情况", "部分采纳", department.name]
    positions = [text.find(part) for part in order]
    assert -1 not in positions, text
    assert positions == sorted(positions)
    assert "赵六" not in text  # who commented is never printed


def test_an_unpublished_report_is_not_public_but_staff_can_print_the_draft(
    client, department, clerk, reviewer, office, make_person, street_office
):
    call = reviewed_call(clerk=clerk, reviewer=reviewer, office=office, organization=department, publish=False)
    assert client.get(reverse("portal:engagement:adoption_report_pdf", args=[call.pk])).status_code == 404
    client.force_login(clerk)
    response = client.get(reverse("backoffice:engagement:report_document", args=[call.pk, "docx"]))
    assert response.status_code == 200
    word = Document(io.BytesIO(response.content))
    title = next(paragraph for paragraph in word.paragraphs if paragraph.text == TITLE)
    assert title.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert word.tables[0].rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert any(paragraph.text == "（未公开）" for paragraph in word.paragraphs)
    assert client.get(reverse("backoffice:engagement:report_document", args=[call.pk, "pdf"])).status_code == 200
    assert client.get(reverse("backoffice:engagement:report_document", args=[call.pk, "odt"])).status_code == 404
    client.force_login(make_person("clerk", street_office, username="street_clerk"))
    assert client.get(reverse("backoffice:engagement:report_document", args=[call.pk, "pdf"])).status_code == 404
