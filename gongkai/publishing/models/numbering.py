"""Index numbers (索引号): a per-organization pattern and a per-organization-per-year counter."""

from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_PATTERN = "{org_code}/{year}-{serial:05d}"


class IndexScheme(models.Model):
    """How one organization's index numbers are written. Without a row the default pattern applies."""

    organization = models.OneToOneField(
        "orgs.Organization", verbose_name=_("机构"), on_delete=models.PROTECT, related_name="index_scheme"
    )
    pattern = models.CharField(
        _("索引号格式"),
        max_length=100,
        default=DEFAULT_PATTERN,
        help_text=_(
            "可用占位符：{org_code} 组织机构代码（9位）、{credit_code} 统一社会信用代码、{year} 年份、"
            "{month} 月份、{serial:05d} 年度流水号（5位补零）。必须包含 {year} 和流水号。"
        ),
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("索引号规则")
        verbose_name_plural = _("索引号规则")

    def __str__(self):
        return f"{self.organization} {self.pattern}"


class IndexCounter(models.Model):
    """The last serial given out by one organization in one year. Locked with SELECT … FOR UPDATE when used."""

    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("机构"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年份"))
    last_serial = models.PositiveIntegerField(_("已用流水号"), default=0)

    class Meta:
        verbose_name = _("索引号计数器")
        verbose_name_plural = _("索引号计数器")
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="publishing_index_counter_unique"),
        ]

    def __str__(self):
        return f"{self.organization_id}/{self.year}: {self.last_serial}"
