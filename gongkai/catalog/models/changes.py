"""Pending change sets: what clerks propose, waiting for the disclosure office to approve."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ChangeSetStatus(models.TextChoices):
    PENDING = "pending", _("待审批")
    APPROVED = "approved", _("已批准")
    REJECTED = "rejected", _("已退回")
    WITHDRAWN = "withdrawn", _("已撤回")


class ChangeKind(models.TextChoices):
    CREATE = "create", _("新增")
    UPDATE = "update", _("修改")
    RETIRE = "retire", _("废止")


class ChangeSet(models.Model):
    """One proposal (an edit, or a whole import) that takes effect only when approved as a whole."""

    catalog = models.ForeignKey(
        "catalog.Catalog", verbose_name=_("目录"), on_delete=models.PROTECT, related_name="change_sets"
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=ChangeSetStatus.choices, default=ChangeSetStatus.PENDING
    )
    note = models.CharField(_("修改说明"), max_length=300, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("提交人"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审批人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_note = models.CharField(_("审批意见"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("目录变更")
        verbose_name_plural = _("目录变更")
        ordering = ["-proposed_at", "-id"]
        indexes = [models.Index(fields=["catalog", "status"], name="catalog_changeset_status")]

    def __str__(self):
        return f"#{self.pk} {self.get_status_display()}"


class Change(models.Model):
    """One item's proposed change. `data` holds the proposed column values (the same shape as a version snapshot)."""

    change_set = models.ForeignKey(
        ChangeSet, verbose_name=_("目录变更"), on_delete=models.PROTECT, related_name="changes"
    )
    item = models.ForeignKey("catalog.Item", verbose_name=_("事项"), on_delete=models.PROTECT, related_name="changes")
    kind = models.CharField(_("类型"), max_length=10, choices=ChangeKind.choices)
    data = models.JSONField(_("拟修改内容"), default=dict, blank=True)
    base_version = models.PositiveIntegerField(_("基于版本"), default=0)
    is_pending = models.BooleanField(_("待审批"), default=True)

    class Meta:
        verbose_name = _("事项变更")
        verbose_name_plural = _("事项变更")
        ordering = ["change_set", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["item"], condition=Q(is_pending=True), name="catalog_change_one_pending_per_item"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.item_id}"
