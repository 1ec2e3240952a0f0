"""The national document layout (GB/T 9704-2012): Word files read back, PDFs measured, the rules' arithmetic."""

import datetime
import io
import re
import shutil
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from pypdf import PdfReader

from gongkai.core import documents
from gongkai.core.documents import geometry as g
from gongkai.core.documents.docx import signature_indents
from gongkai.core.documents.html import blocks_from_text
from gongkai.core.documents.model import heading_level

DAY = datetime.date(2026, 12, 6)


def sample(style=documents.HeadStyle.DOCUMENT, seal=documents.SealMode.STAMPED, rows=3):
    table = documents.Table(
        3,
        [
            [documents.TableCell("项目", rowspan=2, header=True), documents.TableCell("数量", colspan=2, header=True)],
            [documents.TableCell("本年", header=True), documents.TableCell("上年", header=True)],
            *[
                [documents.TableCell(f"事项{i}"), documents.TableCell(str(i)), documents.TableCell("0")]
                for i in range(rows)
            ],
        ],
        header_rows=2,
    )
    mark = "青溪区民政局文件" if style == documents.HeadStyle.DOCUMENT else "青溪区民政局"
    return documents.OfficialDocument(
        title="青溪区民政局关于开展2026年度政务公开工作考核的通知",
        head=documents.Head(style, mark, "青民发〔2026〕12号"),
        addressee="各街道办事处、区各有关部门",
        blocks=[
            *blocks_from_text("一、总体情况\n全年主动公开政府信息1234条。\n（一）主动公开\n1.政策解读\n（1）图解"),
            table,
        ],
        attachments=["考核指标", "评分细则"],
        signature=documents.Signature("青溪区民政局", DAY, seal),
        notes="联系人：张三，电话：0519-88888888",
        imprint=documents.Imprint(["区委办公室", "区政府办公室"], "青溪区民政局办公室", DAY),
    )


def read_docx(document) -> Document:
    return Document(io.BytesIO(documents.render_docx(document)))


def east_asian_font(run) -> str:
    return run._element.rPr.rFonts.get(qn("w:eastAsia"))


# The rules' arithmetic ------------------------------------------------------------------------------------------------


def test_the_type_area_holds_22_lines_of_28_characters():
    assert (g.RIGHT_MM, g.BOTTOM_MM) == (26, 35)
    assert round(g.LINE_PITCH_PT, 2) == 28.99  # 225 mm / 22
    assert round(g.CHARACTER_PITCH_PT * g.CHARACTERS_PER_LINE * g.MM_PER_POINT) == 156


def test_dates_are_written_in_full_without_leading_zeros():
    assert documents.official_date(datetime.date(2026, 1, 5)) == "2026年1月5日"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("一、总体情况", 1),
        ("十二、其他", 1),
        ("（一）主动公开", 2),
        ("(三)依申请公开", 2),
        ("1.政策解读", 3),
        ("12．图解", 3),
        ("（1）图解", 4),
        ("1.5万元", None),
        ("全年公开1234条", None),
    ],
)
def test_heading_levels_are_recognised_by_their_ordinals(text, level):
    assert heading_level(text) == level


def test_a_stamped_signature_is_centred_over_a_date_four_characters_from_the_right():
    name, date = signature_indents("青溪区民政局", "2026年12月6日", documents.SealMode.STAMPED)
    assert date == 4
    # 6 characters centred over a date 7 characters wide (2026/12/6: seven half-width digits, three CJK).
    assert name == 4 + (g.text_width("2026年12月6日") - 6) / 2


def test_an_unstamped_signature_is_two_characters_from_the_right_with_the_date_starting_two_characters_in():
    name, date = signature_indents("青溪区人民政府办公室", "2026年12月6日", documents.SealMode.UNSTAMPED)
    assert name == 2
    assert (name + g.text_width("青溪区人民政府办公室")) - (date + g.text_width("2026年12月6日")) == 2
    # A date longer than the name keeps two characters on its right and pushes the name left.
    name, date = signature_indents("民政局", "2026年12月16日", documents.SealMode.UNSTAMPED)
    assert date == 2
    assert (name + 3) - (date + g.text_width("2026年12月16日")) == 2


def test_a_long_issuer_mark_shrinks_to_fit_one_line():
    assert g.issuer_mark_size("青溪区民政局文件") == g.SIZE["小初"]
    long_mark = "中共青溪区委办公室青溪区人民政府办公室联合文件"
    assert g.issuer_mark_size(long_mark) * len(long_mark) * g.MM_PER_POINT <= g.TYPE_WIDTH_MM


def test_html_becomes_blocks_with_headings_signature_and_tables():
    blocks = documents.blocks_from_html(
        '<p class="salutation">张三：</p><p>一、答复如下</p><p>本机关<strong>决定</strong>公开。</p>'
        '<table><tr><th colspan="2">表</th></tr><tr><td>a</td><td rowspan="x">b</td></tr></table>'
        '<p class="signature">青溪区民政局</p>'
    )
    salutation, heading, body, table, signature = blocks
    assert (salutation.align, salutation.indent) == ("left", False)
    assert heading == documents.Heading(1, "一、答复如下")
    assert [run.bold for run in body.runs] == [False, True, False]
    assert (table.columns, table.header_rows, table.rows[1][1].rowspan) == (2, 1, 1)
    assert signature.align == "right"


# Word -----------------------------------------------------------------------------------------------------------------


def test_word_page_margins_grid_and_body_face():
    word = read_docx(sample())
    section = word.sections[0]
    measures = ("page_width", "page_height", "top_margin", "left_margin", "right_margin", "bottom_margin")
    assert [round(getattr(section, name).mm, 1) for name in measures] == [210, 297, 37, 28, 26, 35]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    assert grid.get(qn("w:linePitch")) == "580"  # twentieths of 28.99 pt
    normal = word.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_word_head_title_headings_and_signature():
    word = read_docx(sample())
    paragraphs = [paragraph for paragraph in word.paragraphs if paragraph.text.strip()]
    mark, number, title, addressee = paragraphs[:4]
    assert east_asian_font(mark.runs[0]) == "方正小标宋简体"
    assert str(mark.runs[0].font.color.rgb) == g.RED
    assert number.text == "青民发〔2026〕12号"
    assert number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:color")) == g.RED
    assert (east_asian_font(title.runs[0]), title.runs[0].font.size) == ("方正小标宋简体", Pt(22))
    assert addressee.text == "各街道办事处、区各有关部门："
    faces = {paragraph.text: east_asian_font(paragraph.runs[0]) for paragraph in paragraphs}
    assert faces["一、总体情况"] == "黑体"
    assert faces["（一）主动公开"] == "楷体_GB2312"
    assert faces["1.政策解读"] == faces["（1）图解"] == "仿宋_GB2312"
    assert faces["全年主动公开政府信息1234条。"] == "仿宋_GB2312"
    texts = [paragraph.text for paragraph in paragraphs]
    assert texts[texts.index("青溪区民政局") + 1] == "2026年12月6日"
    assert "附件：1．考核指标" in texts
    assert "（联系人：张三，电话：0519-88888888）" in texts
    assert "抄送：区委办公室，区政府办公室。" in texts
    assert "青溪区民政局办公室\t2026年12月6日印发" in texts


def test_word_page_numbers_sit_on_the_outer_side_in_4hao_songti():
    word = read_docx(sample())
    assert word.settings.odd_and_even_pages_header_footer
    section = word.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert (odd.alignment, even.alignment) == (2, 0)  # right, left
    for footer in (odd, even):
        assert footer._p.find(qn("w:fldSimple")).get(qn("w:instr")) == "PAGE"
        assert (footer.runs[0].text, footer.runs[-1].text) == ("— ", " —")
        assert (east_asian_font(footer.runs[0]), footer.runs[0].font.size) == ("宋体", Pt(14))


def test_word_tables_keep_merged_headers_and_repeat_them_on_every_page():
    word = read_docx(sample(rows=60))
    table = word.tables[0]
    assert table.cell(0, 0)._tc is table.cell(1, 0)._tc  # 项目 spans two rows
    assert table.cell(0, 1)._tc is table.cell(0, 2)._tc  # 数量 spans two columns
    repeated = [row._tr.trPr.find(qn("w:tblHeader")) is not None for row in table.rows]
    assert repeated[:3] == [True, True, False]


def test_word_letter_format_puts_the_issuer_in_a_first_page_header():
    word = read_docx(sample(documents.HeadStyle.LETTER, documents.SealMode.UNSTAMPED))
    section = word.sections[0]
    assert section.different_first_page_header_footer
    head = section.first_page_header.paragraphs[0]
    assert head.text == "青溪区民政局"
    assert head._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:val")) == "thickThinSmallGap"
    assert round(section.header_distance.mm, 1) == 30
    assert not any(paragraph.text == "青溪区民政局文件" for paragraph in word.paragraphs)


# PDF ------------------------------------------------------------------------------------------------------------------


def pdf_words(content: bytes, tmp_path) -> list[tuple[float, float, float, float, str]]:
    path = tmp_path / "document.pdf"
    path.write_bytes(content)
    html = subprocess.run(  # noqa: S603
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    return [(float(a), float(b), float(c), float(d), text) for a, b, c, d, text in re.findall(pattern, html)]


@pytest.fixture
def poppler():
    if not shutil.which("pdffonts") or not shutil.which("pdftotext"):
        pytest.fail("poppler-utils (pdffonts, pdftotext) must be installed: run scripts/system-deps")


def test_pdf_is_a4_with_the_text_inside_the_type_area(poppler, tmp_path):
    content = documents.render_pdf(sample())
    page = PdfReader(io.BytesIO(content)).pages[0]
    assert (
        round(float(page.mediabox.width) * g.MM_PER_POINT),
        round(float(page.mediabox.height) * g.MM_PER_POINT),
    ) == (
        210,
        297,
    )
    words = [word for word in pdf_words(content, tmp_path) if not word[4].startswith("—")]
    left, right = g.LEFT_MM / g.MM_PER_POINT, (g.LEFT_MM + g.TYPE_WIDTH_MM) / g.MM_PER_POINT
    assert min(word[0] for word in words) == pytest.approx(left, abs=1.5)
    assert max(word[2] for word in words) <= right + 1.5
    top = min(word[1] for word in words)  # the top of the issuer mark: 35 mm below the type area's top
    assert top * g.MM_PER_POINT == pytest.approx(g.TOP_MM + g.ISSUER_MARK_TOP_MM, abs=3)


def test_pdf_embeds_free_fonts_of_each_face(poppler, tmp_path):
    path = tmp_path / "document.pdf"
    path.write_bytes(documents.render_pdf(sample()))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
    names = {line.split()[0].split("+", 1)[-1] for line in fonts.splitlines()[2:]}
    assert {"FandolSong-Bold", "FandolFang", "FandolHei", "FandolKai"} <= names, fonts
    assert all(" yes yes yes " in line for line in fonts.splitlines()[2:]), fonts


def test_pdf_page_numbers_alternate_sides(poppler, tmp_path):
    content = documents.render_pdf(sample(rows=60))
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) >= 2
    path = tmp_path / "long.pdf"
    path.write_bytes(content)
    for number, side in ((1, "right"), (2, "left")):
        html = subprocess.run(  # noqa: S603
            ["pdftotext", "-bbox", "-f", str(number), "-l", str(number), str(path), "-"],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        digits = re.search(rf'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">{number}</word>', html)
        centre = (float(digits.group(1)) + float(digits.group(2))) / 2 * g.MM_PER_POINT
        assert (centre > 105) == (side == "right")


def test_pdf_letter_has_no_page_number_on_its_first_page(poppler, tmp_path):
    content = documents.render_pdf(sample(documents.HeadStyle.LETTER))
    words = pdf_words(content, tmp_path)
    assert "青溪区民政局" in [word[4] for word in words]
    assert not [word for word in words if word[4] == "1" and word[1] * g.MM_PER_POINT > g.TOP_MM + g.TYPE_HEIGHT_MM]


def test_the_system_check_warns_when_a_free_font_is_missing(monkeypatch):
    from gongkai.core.documents import fonts

    assert fonts.fonts_check() == []
    monkeypatch.setattr(fonts, "font_file", lambda face: None)
    (warning,) = fonts.fonts_check()
    assert warning.id == "gongkai.W101"
    assert "仿宋_GB2312" in warning.msg
