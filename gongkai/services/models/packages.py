"""Theme packages (主题服务包) and composite services (一件事), both defined by the disclosure office."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .choices import LifeEvent, PackageKind


class ThemePackage(models.Model):
    """An ordered set of guides, policies (records) and catalog items for one population group or life event."""

    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("编制机构"), on_delete=models.PROTECT, related_name="theme_packages"
    )
    slug = models.SlugField(_("网址标识"), max_length=60, unique=True)
    title = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("分类方式"), max_length=12, choices=PackageKind.choices)
    audience = models.CharField(_("服务人群"), max_length=50, blank=True, help_text=_("如：老年人、残疾人、新市民"))
    life_event = models.CharField(_("人生事件"), max_length=20, choices=LifeEvent.choices, blank=True)
    introduction = models.TextField(_("导语"))
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_published = models.BooleanField(_("已发布"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("主题服务包")
        verbose_name_plural = _("主题服务包")
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portal:services:package", kwargs={"slug": self.slug})


class PackageEntry(models.Model):
    """One entry of a package: exactly one of a guide, a policy record or a catalog item, in a set position."""

    package = models.ForeignKey(
        ThemePackage, verbose_name=_("主题服务包"), on_delete=models.PROTECT, related_name="entries"
    )
    position = models.PositiveSmallIntegerField(_("顺序"))
    guide = models.ForeignKey(
        "services.Guide", verbose_name=_("办事指南"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    record = models.ForeignKey(
        "publishing.Record",
        verbose_name=_("政策文件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    catalog_item = models.ForeignKey(
        "catalog.Item", verbose_name=_("目录事项"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("服务包条目")
        verbose_name_plural = _("服务包条目")
        ordering = ["package", "position"]
        constraints = [
            models.UniqueConstraint(fields=["package", "position"], name="services_package_entry_position"),
            models.CheckConstraint(
                condition=Q(guide__isnull=False, record__isnull=True, catalog_item__isnull=True)
                | Q(guide__isnull=True, record__isnull=False, catalog_item__isnull=True)
                | Q(guide__isnull=True, record__isnull=True, catalog_item__isnull=False),
                name="services_package_entry_one_target",
            ),
        ]

    def __str__(self):
        return f"{self.package_id}#{self.position}"


class CompositeService(models.Model):
    """一件事: several organizations' services done as one, with one materials list and one flowchart."""

    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("牵头机构"), on_delete=models.PROTECT, related_name="composite_services"
    )
    slug = models.SlugField(_("网址标识"), max_length=60, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    introduction = models.TextField(_("导语"))
    life_event = models.CharField(_("人生事件"), max_length=20, choices=LifeEvent.choices, blank=True)
    is_published = models.BooleanField(_("已发布"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("一件事")
        verbose_name_plural = _("一件事")
        ordering = ["id"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("portal:services:composite", kwargs={"slug": self.slug})


class CompositePart(models.Model):
    """One guide of a composite service, in the order the applicant goes through them."""

    composite = models.ForeignKey(
        CompositeService, verbose_name=_("一件事"), on_delete=models.PROTECT, related_name="parts"
    )
    position = models.PositiveSmallIntegerField(_("顺序"))
    guide = models.ForeignKey("services.Guide", verbose_name=_("办事指南"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("一件事环节")
        verbose_name_plural = _("一件事环节")
        ordering = ["composite", "position"]
        constraints = [
            models.UniqueConstraint(fields=["composite", "position"], name="services_composite_part_position"),
            models.UniqueConstraint(fields=["composite", "guide"], name="services_composite_part_guide"),
        ]

    def __str__(self):
        return f"{self.composite_id}#{self.position}"
