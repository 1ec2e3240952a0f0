"""Service sites (便民服务点, 一图通) in a two-level category tree managed by the disclosure office."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class SiteCategory(models.Model):
    """A category (parent empty) or a subcategory (parent a category); the tree has two levels only."""

    parent = models.ForeignKey(
        "self", verbose_name=_("上级分类"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=50)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("有效"), default=True)

    class Meta:
        verbose_name = _("服务点分类")
        verbose_name_plural = _("服务点分类")
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.name


class Site(models.Model):
    """A place residents go to: its category (a subcategory), address, coordinates in CGCS2000, hours, contact,
    services offered and accessibility. `is_disclosure_point` marks 公开查阅点 (including villages')."""

    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("管理机构"), on_delete=models.PROTECT, related_name="service_sites"
    )
    category = models.ForeignKey(SiteCategory, verbose_name=_("分类"), on_delete=models.PROTECT, related_name="sites")
    name = models.CharField(_("名称"), max_length=150)
    address = models.CharField(_("地址"), max_length=300)
    latitude = models.DecimalField(_("纬度（CGCS2000）"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("经度（CGCS2000）"), max_digits=9, decimal_places=6)
    hours = models.CharField(_("开放时间"), max_length=200, blank=True)
    contact_person = models.CharField(_("联系人"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    services = models.TextField(_("服务内容"), blank=True, help_text=_("每行一项。"))
    guides = models.ManyToManyField("services.Guide", verbose_name=_("可办事项"), blank=True, related_name="sites")
    accessibility = models.JSONField(_("无障碍设施"), default=list, blank=True)
    is_disclosure_point = models.BooleanField(_("政府信息公开查阅点"), default=False)
    is_active = models.BooleanField(_("有效"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("便民服务点")
        verbose_name_plural = _("便民服务点")
        ordering = ["category__parent__sort_order", "category__sort_order", "name", "id"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("portal:services:site", kwargs={"site_id": self.pk})

    @property
    def service_lines(self) -> list[str]:
        return [line.strip() for line in self.services.splitlines() if line.strip()]


class SitePhoto(models.Model):
    """A photo of a site, accepted only after its bytes were read as a real JPEG or PNG image."""

    site = models.ForeignKey(Site, verbose_name=_("服务点"), on_delete=models.PROTECT, related_name="photos")
    image = models.FileField(_("图片"), upload_to="services/sites/%Y/%m/")
    description = models.CharField(_("图片说明"), max_length=150, help_text=_("供读屏软件朗读的替代文字。"))
    is_active = models.BooleanField(_("有效"), default=True)
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("服务点照片")
        verbose_name_plural = _("服务点照片")
        ordering = ["site", "id"]

    def __str__(self):
        return self.description
