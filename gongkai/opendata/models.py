"""The open-data catalog (开放数据目录): datasets with their metadata and resources (files, or live queries that are
always current), download counts, and the update cycle that lights a dataset up when it is overdue."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class UpdateCycle(models.TextChoices):
    DAILY = "daily", _("每日")
    WEEKLY = "weekly", _("每周")
    MONTHLY = "monthly", _("每月")
    QUARTERLY = "quarterly", _("每季度")
    YEARLY = "yearly", _("每年")
    IRREGULAR = "irregular", _("不定期")


CYCLE_DAYS = {
    UpdateCycle.DAILY: 1,
    UpdateCycle.WEEKLY: 7,
    UpdateCycle.MONTHLY: 31,
    UpdateCycle.QUARTERLY: 92,
    UpdateCycle.YEARLY: 366,
}
# The ISO 8601 durations DCAT's accrualPeriodicity takes (Dublin Core frequency vocabulary).
CYCLE_FREQUENCY = {
    UpdateCycle.DAILY: "http://purl.org/cld/freq/daily",
    UpdateCycle.WEEKLY: "http://purl.org/cld/freq/weekly",
    UpdateCycle.MONTHLY: "http://purl.org/cld/freq/monthly",
    UpdateCycle.QUARTERLY: "http://purl.org/cld/freq/quarterly",
    UpdateCycle.YEARLY: "http://purl.org/cld/freq/annual",
    UpdateCycle.IRREGULAR: "http://purl.org/cld/freq/irregular",
}


class ResourceKind(models.TextChoices):
    FILE = "file", _("文件")
    QUERY = "query", _("接口查询（实时）")


class Query(models.TextChoices):
    """Live resources: answered from the platform's own public data at the moment of download."""

    COLUMN_RECORDS = "column_records", _("栏目中已发布的政府信息")
    CATALOG_ITEMS = "catalog_items", _("标准目录公开事项")
    REPORT_FIGURES = "report_figures", _("政府信息公开工作年度报告数据")
    SERVICE_SITES = "service_sites", _("便民服务点（一图通）")


class Format(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"
    JSON = "json", "JSON"


class Dataset(models.Model):
    slug = models.SlugField(_("标识"), max_length=80, unique=True)
    title = models.CharField(_("名称"), max_length=200)
    publisher = models.ForeignKey(
        "orgs.Organization", verbose_name=_("提供机构"), on_delete=models.PROTECT, related_name="datasets"
    )
    domain = models.ForeignKey(
        "catalog.Domain", verbose_name=_("领域"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    description = models.TextField(_("数据摘要"))
    keywords = models.CharField(_("关键词"), max_length=200, blank=True)
    update_cycle = models.CharField(_("更新周期"), max_length=20, choices=UpdateCycle.choices)
    fields = models.JSONField(_("数据项"), default=list, help_text=_("每项含 name、type、description。"))
    licence = models.CharField(_("开放协议"), max_length=200, default="CC BY 4.0")
    contact = models.CharField(_("联系方式"), max_length=200)
    updated_on = models.DateField(_("数据更新日期"))
    is_published = models.BooleanField(_("已开放"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    modified_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("开放数据集")
        verbose_name_plural = _("开放数据集")
        ordering = ["publisher_id", "title", "id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portal:opendata:dataset", kwargs={"slug": self.slug})

    def is_live(self) -> bool:
        """A dataset whose every resource is a live query is always current."""
        resources = [resource for resource in self.resources.all() if resource.is_active]
        return bool(resources) and all(resource.kind == ResourceKind.QUERY for resource in resources)

    def due_on(self):
        days = CYCLE_DAYS.get(self.update_cycle)
        return self.updated_on + timedelta(days=days) if days else None


class Resource(models.Model):
    dataset = models.ForeignKey(Dataset, verbose_name=_("数据集"), on_delete=models.PROTECT, related_name="resources")
    name = models.CharField(_("名称"), max_length=200)
    kind = models.CharField(_("类型"), max_length=10, choices=ResourceKind.choices)
    format = models.CharField(_("格式"), max_length=10, choices=Format.choices)
    file = models.FileField(_("文件"), upload_to="opendata/%Y/%m/", blank=True)
    query = models.CharField(_("查询"), max_length=30, choices=Query.choices, blank=True)
    parameters = models.JSONField(_("查询参数"), default=dict, blank=True)
    download_count = models.PositiveIntegerField(_("下载次数"), default=0, editable=False)
    is_active = models.BooleanField(_("有效"), default=True, help_text=_("停用的资源不再公开，记录保留。"))
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("数据资源")
        verbose_name_plural = _("数据资源")
        ordering = ["sort_order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="file") & ~models.Q(file="")) | (models.Q(kind="query") & ~models.Q(query="")),
                name="opendata_resource_file_or_query",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("portal:opendata:download", kwargs={"slug": self.dataset.slug, "resource_id": self.pk})
