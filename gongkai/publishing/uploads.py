"""Checking uploaded attachments by what they contain, never by their name: magic bytes first, then a real parse."""

import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .errors import PublishingError, PublishingErrorCode
from .models import AttachmentKind


@dataclass(frozen=True)
class CheckedFile:
    kind: str
    content_type: str
    extension: str
    size: int


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
IMAGE_TYPES = {
    b"\x89PNG\r\n\x1a\n": ("image/png", ".png", "PNG"),
    b"\xff\xd8\xff": ("image/jpeg", ".jpg", "JPEG"),
    b"GIF87a": ("image/gif", ".gif", "GIF"),
    b"GIF89a": ("image/gif", ".gif", "GIF"),
}
EBML_MAGIC = b"\x1a\x45\xdf\xa3"  # WebM (and Matroska) files start with an EBML header
MP4 = ("video/mp4", ".mp4")
WEBM = ("video/webm", ".webm")
DOCX = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx")
XLSX = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")


def refuse(name: str, reason: str) -> PublishingError:
    return PublishingError(
        PublishingErrorCode.BAD_UPLOAD,
        _("附件“%(name)s”无法接收：%(reason)s") % {"name": name, "reason": reason},
        field="file",
    )


def read_all(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def check_size(name: str, size: int) -> None:
    limit = settings.GONGKAI_MAX_ATTACHMENT_BYTES
    if size > limit:
        raise PublishingError(
            PublishingErrorCode.UPLOAD_TOO_LARGE,
            _("附件“%(name)s”大小为 %(size)s，超过了 %(limit)s 的上限，请压缩或拆分后再上传。")
            % {"name": name, "size": filesizeformat(size), "limit": filesizeformat(limit)},
            field="file",
        )
    if size == 0:
        raise refuse(name, _("文件是空的。"))


def check_pdf(name: str, data: bytes) -> CheckedFile:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise refuse(name, _("PDF 已加密，公众无法打开，请上传未加密的版本。"))
        pages = len(reader.pages)
    except PublishingError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise refuse(name, _("文件以 PDF 标记开头，但内容已损坏，无法解析。")) from error
    if pages == 0:
        raise refuse(name, _("PDF 没有任何页面。"))
    return CheckedFile(AttachmentKind.PDF, "application/pdf", ".pdf", len(data))


def check_office(name: str, data: bytes) -> CheckedFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except zipfile.BadZipFile as error:
        raise refuse(name, _("文件不是有效的 Word 或 Excel 文档。")) from error
    if "word/document.xml" in names:
        import docx

        try:
            docx.Document(io.BytesIO(data))
        except Exception as error:  # python-docx raises many kinds on broken parts
            raise refuse(name, _("Word 文档内容已损坏，无法打开。")) from error
        return CheckedFile(AttachmentKind.WORD, *DOCX, len(data))
    if "xl/workbook.xml" in names:
        from python_calamine import CalamineWorkbook

        try:
            CalamineWorkbook.from_filelike(io.BytesIO(data)).sheet_names  # noqa: B018 - parsing is the check
        except Exception as error:  # calamine raises its own error types on broken workbooks
            raise refuse(name, _("Excel 表格内容已损坏，无法打开。")) from error
        return CheckedFile(AttachmentKind.EXCEL, *XLSX, len(data))
    raise refuse(name, _("压缩包不是 Word（.docx）或 Excel（.xlsx）文档，不接受其他压缩文件。"))


def check_image(name: str, data: bytes, content_type: str, extension: str, pil_format: str) -> CheckedFile:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != pil_format:
                raise refuse(name, _("图片格式与文件内容不一致。"))
            image.verify()
    except PublishingError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise refuse(name, _("图片内容已损坏，无法显示。")) from error
    return CheckedFile(AttachmentKind.IMAGE, content_type, extension, len(data))


def is_mp4(data: bytes) -> bool:
    """An ISO base media file: its first box is `ftyp` (size, then the type) with a size that fits the file."""
    if len(data) < 16 or data[4:8] != b"ftyp":
        return False
    size = int.from_bytes(data[:4], "big")
    return 16 <= size <= min(len(data), 4096)


def check_video(name: str, data: bytes, *, allow_video: bool) -> CheckedFile | None:
    """MP4 or WebM video when `allow_video` (only video interpretations take videos); None when not a video."""
    if is_mp4(data):
        checked = CheckedFile(AttachmentKind.VIDEO, *MP4, len(data))
    elif data.startswith(EBML_MAGIC):
        if b"webm" not in data[:64]:
            raise refuse(name, _("只接受 MP4 和 WebM 格式的视频，请将 MKV 等格式转换后再上传。"))
        checked = CheckedFile(AttachmentKind.VIDEO, *WEBM, len(data))
    else:
        return None
    if not allow_video:
        raise refuse(name, _("只有解读形式为“视频解读”的政策解读才能上传视频。"))
    return checked


def check_upload(upload, name: str, *, allow_video: bool = False) -> CheckedFile:
    """The kind of an uploaded file as its content shows, or a PublishingError saying why it is refused. Videos
    (MP4, WebM) are taken only when `allow_video`."""
    size = upload.size if getattr(upload, "size", None) is not None else len(read_all(upload))
    check_size(name, size)
    data = read_all(upload)
    if data.startswith(b"%PDF-"):
        return check_pdf(name, data)
    if data.startswith(b"PK\x03\x04"):
        return check_office(name, data)
    if data.startswith(OLE_MAGIC):
        raise refuse(name, _("这是旧版 Word/Excel（.doc/.xls）格式，请另存为 .docx、.xlsx 或 PDF 后再上传。"))
    for magic, (content_type, extension, pil_format) in IMAGE_TYPES.items():
        if data.startswith(magic):
            return check_image(name, data, content_type, extension, pil_format)
    video = check_video(name, data, allow_video=allow_video)
    if video is not None:
        return video
    if allow_video:
        raise refuse(
            name,
            _("只接受 MP4/WebM 视频、PDF、Word（.docx）、Excel（.xlsx）和 PNG/JPEG/GIF 图片，文件内容不属于这些类型。"),
        )
    raise refuse(name, _("只接受 PDF、Word（.docx）、Excel（.xlsx）和 PNG/JPEG/GIF 图片，文件内容不属于这些类型。"))


EXTENSIONS = {
    "application/pdf": ".pdf",
    DOCX[0]: DOCX[1],
    XLSX[0]: XLSX[1],
    MP4[0]: MP4[1],
    WEBM[0]: WEBM[1],
    **{content_type: extension for content_type, extension, _format in IMAGE_TYPES.values()},
}


def download_name(original_name: str, content_type: str) -> str:
    """The name a download is saved under: the uploaded name with the extension of the checked content, so that a
    PDF uploaded as "通知.exe" downloads as "通知.pdf" and opens as what it is."""
    base = (original_name or "").replace("\\", "/").rsplit("/", 1)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return (stem.strip() or _("附件")) + EXTENSIONS.get(content_type, "")
