"""Columns (栏目): the tree under which an organization's records are listed on the portal."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import ColumnKind, Stage


class Column(models.Model):
    """One column of an organization's 政府信息公开 platform. Slugs of standard columns are the same everywhere."""

    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("机构"), on_delete=models.PROTECT, related_name="columns"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("上级栏目"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    slug = models.SlugField(_("栏目标识"), max_length=60, help_text=_("用于网址，只能包含字母、数字、连字符。"))
    name = models.CharField(_("栏目名称"), max_length=100)
    kind = models.CharField(_("栏目类型"), max_length=20, choices=ColumnKind.choices, default=ColumnKind.CUSTOM)
    description = models.CharField(_("栏目说明"), max_length=300, blank=True)
    stage = models.CharField(
        _("五公开环节"),
        max_length=12,
        choices=Stage.choices,
        blank=True,
        help_text=_("五公开视图栏目：自动列出该环节的已发布信息。"),
    )
    domain = models.ForeignKey(
        "catalog.Domain",
        verbose_name=_("领域"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("领域视图栏目：自动列出关联该领域公开事项的已发布信息。"),
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("栏目")
        verbose_name_plural = _("栏目")
        ordering = ["organization_id", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "slug"], name="publishing_column_slug_unique"),
        ]

    def __str__(self):
        return self.name
