"""Reference data of the catalog: the 26 national domains (plus local ones) and the channel checklist."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Domain(models.Model):
    """A disclosure domain (试点领域). National ones are preloaded; an organization may add local ones."""

    code = models.CharField(
        _("领域代码"),
        max_length=12,
        unique=True,
        help_text=_("大写字母或数字，2至12位，用作事项编码的一段，例如 SHJZ（社会救助）。"),
    )
    name = models.CharField(_("名称"), max_length=50)
    aliases = models.JSONField(_("别名"), default=list, blank=True, help_text=_("导入时也认作本领域的名称。"))
    is_national = models.BooleanField(_("国家试点领域"), default=False)
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("所属机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="local_domains",
        help_text=_("地方领域所属机构；国家领域为空。"),
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("有效"), default=True)

    class Meta:
        verbose_name = _("领域")
        verbose_name_plural = _("领域")
        ordering = ["-is_national", "sort_order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_national=True, organization__isnull=True)
                | Q(is_national=False, organization__isnull=False),
                name="catalog_domain_national_has_no_owner",
            ),
        ]

    def __str__(self):
        return self.name


class Channel(models.Model):
    """A disclosure channel (公开渠道和载体): the standard checklist, common extras, or an organization's own."""

    name = models.CharField(_("名称"), max_length=60)
    is_standard = models.BooleanField(_("标准渠道"), default=False)
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("所属机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="local_channels",
        help_text=_("本地渠道所属机构；通用渠道为空。"),
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("公开渠道")
        verbose_name_plural = _("公开渠道")
        ordering = ["-is_standard", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["name"], condition=Q(organization__isnull=True), name="catalog_channel_common_name_unique"
            ),
            models.UniqueConstraint(fields=["organization", "name"], name="catalog_channel_local_name_unique"),
        ]

    def __str__(self):
        return self.name
