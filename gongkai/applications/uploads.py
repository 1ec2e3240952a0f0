"""The identity-document scan an applicant may attach online: checked by what the file contains (JPEG, PNG or PDF
magic bytes), never by its name, and capped in size."""

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .errors import ApplicationError, ApplicationErrorCode

MAGIC = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"%PDF-", "application/pdf"),
)


def max_bytes() -> int:
    return getattr(settings, "GONGKAI_MAX_ID_DOCUMENT_BYTES", 5 * 1024 * 1024)


def check_id_document(upload) -> str:
    """The content type of an acceptable scan, or an ApplicationError saying what to fix."""
    size = upload.size or 0
    if size == 0:
        raise _refuse(_("身份证明扫描件是空文件，请重新选择。"))
    if size > max_bytes():
        raise _refuse(
            _("身份证明扫描件大小为 %(size)s，超过了 %(limit)s 的上限，请压缩后再上传。")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes())}
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for magic, content_type in MAGIC:
        if head.startswith(magic):
            return content_type
    raise _refuse(_("身份证明扫描件须是 JPG、PNG 图片或 PDF 文件（按文件内容判断，不看文件名）。"))


def _refuse(message: str) -> ApplicationError:
    return ApplicationError(ApplicationErrorCode.INVALID, message, field="id_document")
