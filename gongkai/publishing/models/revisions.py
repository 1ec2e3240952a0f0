"""Revisions: the full history of a record's content and metadata, one row per saved change."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import RevisionKind


class Revision(models.Model):
    """A snapshot of a record after a change. Corrections of published records carry a public change note."""

    record = models.ForeignKey(
        "publishing.Record", verbose_name=_("政府信息"), on_delete=models.PROTECT, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("版本号"))
    kind = models.CharField(_("类型"), max_length=12, choices=RevisionKind.choices)
    title = models.CharField(_("标题"), max_length=300)
    summary = models.TextField(_("内容概述"), blank=True)
    body = models.TextField(_("正文"), blank=True)
    metadata = models.JSONField(_("元数据"), default=dict)
    change_note = models.TextField(_("变更说明"), blank=True)
    is_public = models.BooleanField(_("公开变更说明"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("为空表示由系统按计划执行（如定时发布）。"),
    )
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("版本")
        verbose_name_plural = _("版本")
        ordering = ["record_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["record", "number"], name="publishing_revision_number_unique"),
        ]

    def __str__(self):
        return f"{self.record_id} v{self.number}"
