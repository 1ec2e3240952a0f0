"""Importing a .docx into a record body: converted with mammoth, checked by content, cleaned, images refused."""

import io
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.publishing.errors import PublishingError, PublishingErrorCode
from gongkai.publishing.wordimport import docx_to_html
from gongkai.screening import extraction

from .test_attachments import png_bytes


def word_file(*, with_image: bool = False) -> bytes:
    document = docx.Document()
    document.add_heading("关于做好2026年城乡居民最低生活保障工作的通知", level=1)
    paragraph = document.add_paragraph("各街道办事处：现将")
    paragraph.add_run("有关事项").bold = True
    paragraph.add_run("通知如下。")
    document.add_paragraph("加强动态管理", style="List Number")
    document.add_paragraph("规范审核审批", style="List Number")
    table = document.add_table(rows=2, cols=2)
    for row, values in zip(table.rows, [("类别", "标准"), ("城市", "960")], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    if with_image:
        document.add_picture(io.BytesIO(png_bytes()))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def upload(data: bytes, name: str = "通知.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def test_docx_becomes_clean_body_with_heading_list_bold_and_table():
    body = docx_to_html(upload(word_file()), "通知.docx")
    assert body.startswith("<h2>关于做好2026年城乡居民最低生活保障工作的通知</h2>")
    assert "<p>各街道办事处：现将<strong>有关事项</strong>通知如下。</p>" in body
    assert "<ol><li>加强动态管理</li><li>规范审核审批</li></ol>" in body
    assert "<table><tbody><tr><td><p>类别</p></td><td><p>标准</p></td></tr>" in body
    assert "style=" not in body
    assert "class=" not in body


def test_docx_with_an_image_is_refused_with_the_count_and_what_to_do():
    with pytest.raises(PublishingError) as caught:
        docx_to_html(upload(word_file(with_image=True)), "通知.docx")
    assert caught.value.code == PublishingErrorCode.BAD_UPLOAD
    assert caught.value.message.startswith("Word 文档“通知.docx”无法导入：文档中有 1 张图片，正文导入不接收图片。")


def zipped(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.7 not a word file", "文件内容不是 Word（.docx）文档；旧版 .doc 请先另存为 .docx。"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old doc", "文件内容不是 Word（.docx）文档；旧版 .doc 请先另存为 .docx。"),
        (zipped("xl/workbook.xml", b"<x/>"), "压缩包里没有 Word 正文（word/document.xml），不是 .docx 文档。"),
        (b"PK\x03\x04broken", "文件已损坏，无法打开。"),
        (zipped("word/document.xml", b"<not really word"), "Word 文档内容已损坏，无法转换。"),
    ],
)
def test_files_that_are_not_word_documents_are_refused_by_content(data, reason):
    with pytest.raises(PublishingError) as caught:
        docx_to_html(upload(data), "通知.docx")
    assert caught.value.message == f"Word 文档“通知.docx”无法导入：{reason}"


def test_docx_that_unpacks_beyond_the_extractors_cap_is_refused(monkeypatch):
    monkeypatch.setattr(extraction, "MAX_UNCOMPRESSED_BYTES", 1024)
    with pytest.raises(PublishingError) as caught:
        docx_to_html(upload(word_file()), "大文件.docx")
    assert "解压后有" in caught.value.message
    assert caught.value.message.startswith("Word 文档“大文件.docx”无法导入：")


def test_docx_larger_than_the_attachment_limit_is_refused(settings):
    settings.GONGKAI_MAX_ATTACHMENT_BYTES = 100
    with pytest.raises(PublishingError) as caught:
        docx_to_html(upload(word_file()), "通知.docx")
    assert caught.value.code == PublishingErrorCode.UPLOAD_TOO_LARGE
