"""Self-inspection against 《政府网站与政务新媒体检查指标》 (DOMAIN.md §5): runs and the findings they keep.

A finding stays one row while a daily run keeps seeing it (`last_seen_on` moves on) and is resolved when a run
covering its organization no longer sees it; a resolved finding that comes back opens a new row.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NationalIndicator(models.TextChoices):
    HOME_STALE = "home_stale", _("首页不更新")
    COLUMN_STALE = "column_stale", _("栏目不更新")
    BLANK_COLUMN = "blank_column", _("空白栏目")
    BROKEN_LINK = "broken_link", _("链接不可用")
    MISSING_ATTACHMENT = "missing_attachment", _("附件无法下载")
    UNDATED = "undated", _("信息缺少日期或发布机构")
    CONTENT_SAFETY = "content_safety", _("严重表述错误或泄密")
    PRIVACY = "privacy", _("个人隐私信息泄露")
    INTERACTION = "interaction", _("互动回应差")


class FindingStatus(models.TextChoices):
    OPEN = "open", _("待整改")
    RESOLVED = "resolved", _("已消除")


class InspectionRun(models.Model):
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("检查单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("留空表示检查全部单位。"),
    )
    started_at = models.DateTimeField(_("开始时间"))
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    checked_on = models.DateField(_("检查日期"))
    external_links = models.BooleanField(_("检查外部链接"), default=False)
    findings_total = models.PositiveIntegerField(_("发现问题数"), default=0)
    veto_total = models.PositiveIntegerField(_("单项否决数"), default=0)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发起人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("网站自查")
        verbose_name_plural = _("网站自查")
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return f"{self.checked_on}"


class Finding(models.Model):
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="inspection_findings"
    )
    indicator = models.CharField(_("检查指标"), max_length=24, choices=NationalIndicator.choices)
    veto = models.BooleanField(_("单项否决"), default=False)
    key = models.CharField(_("问题标识"), max_length=300, help_text=_("同一问题在多次检查中的标识。"))
    target = models.CharField(_("问题对象"), max_length=300)
    url = models.CharField(_("网址"), max_length=500, blank=True)
    detail = models.CharField(_("说明"), max_length=500)
    points = models.DecimalField(_("预计扣分"), max_digits=5, decimal_places=2, default=0)
    status = models.CharField(_("状态"), max_length=10, choices=FindingStatus.choices, default=FindingStatus.OPEN)
    first_seen_on = models.DateField(_("首次发现日期"))
    last_seen_on = models.DateField(_("最近发现日期"))
    resolved_on = models.DateField(_("消除日期"), null=True, blank=True)
    run = models.ForeignKey(
        InspectionRun, verbose_name=_("最近一次检查"), on_delete=models.PROTECT, related_name="findings"
    )

    class Meta:
        verbose_name = _("自查发现")
        verbose_name_plural = _("自查发现")
        ordering = ["organization_id", "-veto", "indicator", "id"]
        indexes = [models.Index(fields=["organization", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "key"],
                condition=models.Q(status="open"),
                name="oversight_finding_open_once",
            )
        ]

    def __str__(self):
        return f"{self.get_indicator_display()}：{self.target}"
