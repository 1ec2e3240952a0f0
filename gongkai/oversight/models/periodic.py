"""The periodic-items register (年度必公开项清单): catalog items with an update cycle, kept on the oversight side.

The catalog's own time-limit rule says how soon information must be public once it is formed; the update cycle
says how often new information is expected at all. The register grows only (只增不减): an entry is never removed,
only retired from a date on, and periods before an entry's `since` are never counted.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class UpdateCycle(models.TextChoices):
    EVENT = "event", _("随时（事件触发）")
    MONTHLY = "monthly", _("每月")
    QUARTERLY = "quarterly", _("每季度")
    HALF_YEARLY = "half_yearly", _("每半年")
    YEARLY = "yearly", _("每年（固定日期前）")


class PeriodicItem(models.Model):
    item = models.ForeignKey("catalog.Item", verbose_name=_("公开事项"), on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("公开主体"), on_delete=models.PROTECT, related_name="+"
    )
    cycle = models.CharField(_("更新周期"), max_length=12, choices=UpdateCycle.choices)
    due_month = models.PositiveSmallIntegerField(
        _("每年截止月"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    due_day = models.PositiveSmallIntegerField(
        _("每年截止日"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    grace_days = models.PositiveSmallIntegerField(
        _("宽限天数"), default=10, help_text=_("每月、每季度、每半年的事项：周期结束后多少天内须发布本周期信息。")
    )
    since = models.DateField(_("纳入清单日期"), help_text=_("此日期之前结束的周期不计。"))
    retired_on = models.DateField(_("停止计算日期"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("年度必公开项")
        verbose_name_plural = _("年度必公开项")
        ordering = ["organization_id", "item_id"]
        constraints = [
            models.UniqueConstraint(fields=["item", "organization"], name="oversight_periodic_item_once"),
            models.CheckConstraint(
                condition=~models.Q(cycle="yearly")
                | (models.Q(due_month__isnull=False) & models.Q(due_day__isnull=False)),
                name="oversight_periodic_yearly_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.item} / {self.get_cycle_display()}"
