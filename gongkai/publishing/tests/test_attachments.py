"""Attachments are checked by content, not by name, and their text is extracted."""

import errno
import io
import os
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core.errors import DomainError
from gongkai.publishing import services
from gongkai.publishing.errors import PublishingError, PublishingErrorCode
from gongkai.publishing.models import Attachment

from .factories import draft


def pdf_bytes(text: str) -> bytes:
    """A one-page PDF with `text` (ASCII-safe via a standard font; Chinese is tested through Word files)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=200, height=200)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    stream = DecodedStreamObject()
    ascii_text = text.encode("ascii", "replace").decode()
    stream.set_data(f"BT /F1 12 Tf 20 100 Td ({ascii_text}) Tj ET".encode())
    page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(rows) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "kind", "extension"),
    [
        ("通知.pdf", lambda: pdf_bytes("Notice 2025"), "pdf", ".pdf"),
        ("名单.docx", lambda: docx_bytes("低保对象名单公示"), "word", ".docx"),
        ("统计.xlsx", lambda: xlsx_bytes([["街道", "户数"], ["东风街道", 12]]), "excel", ".xlsx"),
        ("现场.png", png_bytes, "image", ".png"),
        ("misnamed.pdf", lambda: docx_bytes("其实是 Word"), "word", ".docx"),
    ],
)
def test_accepted_files_are_typed_by_content(department, clerk, name, content, kind, extension):
    record = draft(department, clerk)
    attachment = services.add_attachment(record=record, upload=SimpleUploadedFile(name, content()), actor=clerk)
    assert (attachment.kind, attachment.extension, attachment.original_name) == (kind, extension, name)
    assert attachment.file.name.endswith(extension)
    assert name not in attachment.file.name
    assert len(attachment.file.name.rsplit("/", 1)[-1]) == 32 + len(extension)


def test_text_is_extracted_with_locations(department, clerk):
    record = draft(department, clerk)
    attachment = services.add_attachment(
        record=record, upload=SimpleUploadedFile("名单.docx", docx_bytes("低保对象名单公示")), actor=clerk
    )
    assert "低保对象名单公示" in attachment.extracted_text
    assert attachment.extracted_segments[0] == ["段落1", 0]


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("fake.pdf", b"%PDF-1.7 this is not really a pdf", "已损坏"),
        ("virus.docx", b"MZ\x90\x00 windows executable", "只接受"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "旧版"),
        ("fake.png", b"\x89PNG\r\n\x1a\n garbage", "图片内容已损坏"),
        ("archive.zip", None, "压缩包"),
        ("empty.pdf", b"", "空的"),
    ],
)
def test_files_whose_content_does_not_match_are_refused(department, clerk, name, content, fragment):
    if content is None:
        import zipfile

        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("readme.txt", "hello")
        content = buffer.getvalue()
    record = draft(department, clerk)
    with pytest.raises(PublishingError) as caught:
        services.add_attachment(record=record, upload=SimpleUploadedFile(name, content), actor=clerk)
    assert caught.value.code == PublishingErrorCode.BAD_UPLOAD
    assert fragment in caught.value.message
    assert Attachment.objects.count() == 0


def test_files_over_the_limit_are_refused(department, clerk, settings):
    settings.GONGKAI_MAX_ATTACHMENT_BYTES = 1000
    record = draft(department, clerk)
    with pytest.raises(PublishingError) as caught:
        services.add_attachment(
            record=record, upload=SimpleUploadedFile("big.png", png_bytes() + b"\0" * 2000), actor=clerk
        )
    assert caught.value.code == PublishingErrorCode.UPLOAD_TOO_LARGE
    assert Attachment.objects.count() == 0


def test_removed_attachments_are_kept_but_inactive(department, clerk):
    record = draft(department, clerk)
    attachment = services.add_attachment(record=record, upload=SimpleUploadedFile("a.png", png_bytes()), actor=clerk)
    services.remove_attachment(attachment=attachment, actor=clerk)
    attachment.refresh_from_db()
    assert attachment.is_active is False
    assert attachment.file.storage.exists(attachment.file.name)


def test_personal_data_in_an_attachment_blocks_submission(department, clerk):
    record = draft(department, clerk)
    services.add_attachment(
        record=record, upload=SimpleUploadedFile("名单.xlsx", xlsx_bytes([["张三", "13812345678"]])), actor=clerk
    )
    with pytest.raises(PublishingError) as caught:
        services.submit_record(record=record, actor=clerk)
    assert caught.value.code == PublishingErrorCode.BLOCKING_FINDINGS


@pytest.mark.parametrize(
    ("number", "fragment"), [(errno.ENOSPC, "存储空间已满"), (errno.EROFS, "存储只读"), (errno.EACCES, "无写入权限")]
)
def test_a_full_or_read_only_disk_refuses_the_upload_and_leaves_nothing(
    department, clerk, monkeypatch, number, fragment
):
    """The disk fails half-way through the file: a clear message, no row, no audit entry, no half-written file."""
    from django.core.files.storage import FileSystemStorage

    from gongkai.core.errors import CoreErrorCode
    from gongkai.core.models import AuditEntry

    written = []

    def failing_save(storage, name, content):
        path = Path(storage.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.read()[:10])
        written.append(path)
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(FileSystemStorage, "_save", failing_save)
    record = draft(department, clerk)
    audited = AuditEntry.objects.count()
    with pytest.raises(DomainError) as caught:
        services.add_attachment(record=record, upload=SimpleUploadedFile("现场.png", png_bytes()), actor=clerk)
    assert caught.value.code == CoreErrorCode.STORAGE_FAILED
    assert fragment in caught.value.message
    assert Attachment.objects.count() == 0
    assert AuditEntry.objects.count() == audited
    assert len(written) == 1
    assert not written[0].exists()


def test_the_back_office_shows_the_disk_error_instead_of_a_server_error(client, department, clerk, monkeypatch):
    from django.core.files.storage import FileSystemStorage
    from django.urls import reverse

    def failing_save(storage, name, content):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", failing_save)
    record = draft(department, clerk)
    client.force_login(clerk)
    response = client.post(
        reverse("backoffice:publishing:attach", args=[record.pk]),
        {"file": SimpleUploadedFile("现场.png", png_bytes())},
        follow=True,
    )
    assert response.status_code == 200
    assert "存储空间已满" in response.content.decode()
    assert not record.attachments.exists()
