"""Core models: the audit log and the working-day calendar."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One thing that happened, written by a service; never edited, never deleted."""

    action = models.CharField(_("动作"), max_length=100, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField(_("操作人名称"), max_length=150, blank=True)
    target_type = models.CharField(_("对象类型"), max_length=100, blank=True, db_index=True)
    target_id = models.CharField(_("对象编号"), max_length=64, blank=True, db_index=True)
    target_label = models.CharField(_("对象名称"), max_length=300, blank=True)
    organization_id = models.BigIntegerField(_("所属机构"), null=True, blank=True, db_index=True)
    data = models.JSONField(_("详情"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "-at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.action} {self.target_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("Audit entries are never edited.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Audit entries are never deleted.")


class ScheduleYear(models.Model):
    """A year whose State Council holiday schedule is loaded; without one, computations warn."""

    class Source(models.TextChoices):
        PACKAGE = "package", _("chinese-calendar 预置")
        OFFICE = "office", _("公开办录入")
        IMPORT = "import", _("导入")

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    source = models.CharField(_("来源"), max_length=20, choices=Source.choices)
    notice = models.CharField(_("依据文件"), max_length=200, blank=True, help_text=_("如：国办发明电〔2025〕7号"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("节假日安排年度")
        verbose_name_plural = _("节假日安排年度")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)


class WorkdayOverride(models.Model):
    """A date that differs from the Monday-to-Friday rule: a holiday, or an adjusted working weekend day (调休)."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("放假")
        WORKDAY = "workday", _("调休上班")

    on = models.DateField(_("日期"))
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=100, blank=True)
    region = models.ForeignKey(
        "orgs.Region",
        verbose_name=_("适用地区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("留空表示全国统一安排；填写表示本地区（含下级）的额外假日，如少数民族节日。"),
    )

    class Meta:
        verbose_name = _("节假日调整")
        verbose_name_plural = _("节假日调整")
        ordering = ["on"]
        constraints = [
            models.UniqueConstraint(
                fields=["on"], condition=models.Q(region=None), name="core_override_national_unique"
            ),
            models.UniqueConstraint(fields=["on", "region"], name="core_override_region_unique"),
        ]

    def __str__(self):
        return f"{self.on:%Y-%m-%d} {self.get_kind_display()} {self.name}"


class RateCounter(models.Model):
    """Attempts counted for a rate limit within a window, shared by every worker process (see core.ratelimit)."""

    key = models.CharField(_("键"), max_length=200, unique=True)
    count = models.PositiveIntegerField(_("次数"), default=0)
    expires_at = models.DateTimeField(_("到期时间"), db_index=True)

    class Meta:
        verbose_name = _("频率计数")
        verbose_name_plural = _("频率计数")

    def __str__(self):
        return f"{self.key}: {self.count}"
