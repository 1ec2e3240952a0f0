"""Extraction by content type, with locations, from files generated in the test."""

import io

import docx
import openpyxl
import pytest
import weasyprint

from gongkai.screening.detectors import scan
from gongkai.screening.errors import ScreeningError
from gongkai.screening.extraction import DOCX, PDF, TEXT, XLSX, extract
from gongkai.screening.kinds import Kind
from gongkai.screening.lexicon import EMPTY

from .helpers import id_number


def docx_bytes() -> bytes:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "秘密★1年"
    document.add_paragraph("关于发放2024年低保金的公示")
    document.add_paragraph("经审核，以下人员符合条件。")
    table = document.add_table(rows=2, cols=3)
    table.rows[0].cells[0].text = "姓名"
    table.rows[0].cells[1].text = "身份证号"
    table.rows[0].cells[2].text = "电话"
    table.rows[1].cells[0].text = "张三"
    table.rows[1].cells[1].text = id_number()
    table.rows[1].cells[2].text = "13812345678"
    document.add_paragraph("联系人：王科员")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "低保名单"
    sheet.append(["序号", "姓名", "身份证号", "电话"])
    sheet.append([1, "张三", id_number(), 13812345678])
    sheet.append([2, "李四", "32**************12", "139****5678"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    html = (
        "<html lang='zh-CN'><body><p>第一页：公示名单</p>"
        f"<p style='page-break-before: always'>张三 身份证号 {id_number()}</p></body></html>"
    )
    return weasyprint.HTML(string=html).write_pdf()


def test_plain_text_utf8_with_bom():
    extracted = extract(io.BytesIO("\ufeff电话13812345678".encode()), filename="a.txt")
    assert (extracted.content_type, extracted.text) == (TEXT, "电话13812345678")
    assert extracted.location_of(2) == ""


def test_docx_paragraphs_tables_and_header_with_locations(tmp_path):
    path = tmp_path / "名单.bin"  # the name says nothing: the content decides
    path.write_bytes(docx_bytes())
    extracted = extract(path)
    assert extracted.content_type == DOCX
    detections = {d.kind: d for d in scan(extracted.text, lexicon=EMPTY)}
    assert extracted.text[detections[Kind.ID_CARD].start : detections[Kind.ID_CARD].end] == id_number()
    assert extracted.location_of(detections[Kind.ID_CARD].start) == "表格1 第2行第2列"
    assert extracted.location_of(detections[Kind.MOBILE].start) == "表格1 第2行第3列"
    assert extracted.location_of(detections[Kind.SECRET_MARKING].start) == "页眉"
    assert extracted.location_of(extracted.text.index("联系人")) == "段落3"
    assert extracted.location_of(0) == "段落1"


def test_xlsx_cells_with_sheet_and_coordinate():
    extracted = extract(io.BytesIO(xlsx_bytes()), filename="名单.xlsx")
    assert extracted.content_type == XLSX
    detections = scan(extracted.text, lexicon=EMPTY)
    assert [(d.kind, extracted.location_of(d.start)) for d in detections] == [
        (Kind.ID_CARD, "工作表低保名单!C2"),
        (Kind.MOBILE, "工作表低保名单!D2"),
    ]
    assert extracted.text.splitlines()[0] == "序号\t姓名\t身份证号\t电话"


def test_pdf_pages():
    extracted = extract(io.BytesIO(pdf_bytes()), filename="公示.pdf")
    assert extracted.content_type == PDF
    detections = scan(extracted.text, lexicon=EMPTY)
    assert [(d.kind, d.text, extracted.location_of(d.start)) for d in detections] == [
        (Kind.ID_CARD, id_number(), "第2页")
    ]
    assert extracted.location_of(0) == "第1页"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("中文".encode("gbk") + b"\xff", "不是 UTF-8 编码"),
        (b"%PDF-1.7\nnot really a pdf", "PDF 文件"),
        (b"PK\x03\x04broken", "损坏"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "旧版"),
        (b"abc\x00def", "二进制"),
    ],
)
def test_unreadable_input_raises_a_clear_chinese_error(data, message):
    with pytest.raises(ScreeningError) as error:
        extract(io.BytesIO(data), filename="x.dat")
    assert message in error.value.message


def test_zip_that_is_not_office_is_refused():
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ScreeningError) as error:
        extract(io.BytesIO(buffer.getvalue()), filename="a.zip")
    assert "压缩包" in error.value.message


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(ScreeningError) as error:
        extract(tmp_path / "none.txt")
    assert "找不到文件" in error.value.message


def test_docx_text_boxes_are_extracted():
    from docx.oxml import parse_xml

    document = docx.Document()
    paragraph = document.add_paragraph("正文")
    run = paragraph.add_run()
    run._r.append(
        parse_xml(
            '<w:pict xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
            ' xmlns:v="urn:schemas-microsoft-com:vml"><v:shape><v:textbox><w:txbxContent>'
            "<w:p><w:r><w:t>机密★启用前</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>"
        )
    )
    buffer = io.BytesIO()
    document.save(buffer)
    extracted = extract(io.BytesIO(buffer.getvalue()), filename="红头.docx")
    detections = scan(extracted.text, lexicon=EMPTY)
    assert [(d.kind, d.text, extracted.location_of(d.start)) for d in detections] == [
        (Kind.SECRET_MARKING, "机密★启用前", "文本框1")
    ]


def test_pdf_pages_without_text_give_one_warning(tmp_path, department, capsys):
    from django.core.management import call_command

    from gongkai.screening.extraction import pages_without_text
    from gongkai.screening.services import screen_target

    html = (
        "<p>第一页文字</p><p style='page-break-before: always'><img alt='' src='data:,'></p>"
        "<p style='page-break-before: always'>第三页</p>"
    )
    data = weasyprint.HTML(string=html).write_pdf()
    extracted = extract(io.BytesIO(data), filename="扫描件.pdf")
    assert [label for _offset, label in pages_without_text(extracted)] == ["第2页"]
    findings = screen_target(target=department, texts=[("附件1", extracted)], organization=department)
    assert [(f.kind, f.severity, f.text, f.location_detail) for f in findings] == [
        (Kind.NO_TEXT, "warn", "第2页", "第2页")
    ]
    path = tmp_path / "scan.pdf"
    path.write_bytes(data)
    call_command("screen", str(path), "--json")
    import json

    assert [(f["kind"], f["severity"], f["text"]) for f in json.loads(capsys.readouterr().out)] == [
        ("no_text", "warn", "第2页")
    ]


def test_an_office_file_that_unpacks_past_the_limit_is_refused_before_parsing(monkeypatch):
    """A 'zip bomb': a few KB of .xlsx whose sheet unpacks to megabytes of XML."""
    import zipfile

    from gongkai.screening import extraction

    monkeypatch.setattr(extraction, "MAX_UNCOMPRESSED_BYTES", 1024 * 1024)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", "<row>" + "<c><v>1</v></c>" * 200_000 + "</row>")
    assert len(buffer.getvalue()) < 50_000
    with pytest.raises(ScreeningError) as error:
        extract(io.BytesIO(buffer.getvalue()), filename="bomb.xlsx")
    assert error.value.code == "screening.too_large"
    assert "解压后有 2 MB，超过 1 MB 的上限" in error.value.message


@pytest.mark.parametrize("kind", ["text", "xlsx"])
def test_text_past_the_character_limit_is_refused(monkeypatch, kind):
    from gongkai.screening import extraction

    monkeypatch.setattr(extraction, "MAX_CHARACTERS", 20)
    data = ("一二三四五六七八九十" * 3).encode() if kind == "text" else xlsx_bytes()
    with pytest.raises(ScreeningError) as error:
        extract(io.BytesIO(data), filename=f"long.{kind}")
    assert error.value.code == "screening.too_large"
    assert "超过 20 个字符" in error.value.message


def test_an_empty_file_is_refused_with_a_clear_message():
    with pytest.raises(ScreeningError) as error:
        extract(io.BytesIO(b""), filename="empty.txt")
    assert "空文件（0 字节）" in error.value.message
