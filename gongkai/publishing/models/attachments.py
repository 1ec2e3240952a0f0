"""Attachments: files of a record, kept privately and served only through the publishing views."""

import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _


def private_storage() -> FileSystemStorage:
    """Files under MEDIA_ROOT/private with no public URL: they leave only through a view that checks access."""
    return FileSystemStorage(location=settings.MEDIA_ROOT / "private", base_url=None)


def attachment_path(instance, filename: str) -> str:
    # Unguessable and unrelated to the uploaded name; the extension follows the checked content type.
    return f"publishing/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}{instance.extension}"


class AttachmentKind(models.TextChoices):
    PDF = "pdf", _("PDF 文档")
    WORD = "word", _("Word 文档")
    EXCEL = "excel", _("Excel 表格")
    IMAGE = "image", _("图片")
    VIDEO = "video", _("视频")


class Attachment(models.Model):
    record = models.ForeignKey(
        "publishing.Record", verbose_name=_("政府信息"), on_delete=models.PROTECT, related_name="attachments"
    )
    public_id = models.UUIDField(_("公开编号"), default=uuid.uuid4, unique=True, editable=False)
    file = models.FileField(_("文件"), storage=private_storage, upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("原文件名"), max_length=200)
    kind = models.CharField(_("类型"), max_length=10, choices=AttachmentKind.choices)
    content_type = models.CharField(_("媒体类型"), max_length=100)
    extension = models.CharField(_("扩展名"), max_length=10)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    extracted_text = models.TextField(_("提取的文本"), blank=True)
    extracted_segments = models.JSONField(
        _("按位置提取的文本"), default=list, blank=True, help_text=_("[[位置, 文本], …]")
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("有效"), default=True, help_text=_("删除附件只是停用，文件保留备查。"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传人"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    removed_at = models.DateTimeField(_("停用时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["record_id", "sort_order", "id"]

    def __str__(self):
        return self.original_name
