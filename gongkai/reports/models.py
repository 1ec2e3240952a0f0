"""Annual reports (政府信息公开工作年度报告), their manual overrides, and the review and litigation case register."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    ORGANIZATION = "organization", _("本机关")
    REGION = "region", _("本级政府汇总（含所属部门和乡镇、街道）")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    CHECKED = "checked", _("已校验")
    PUBLISHED = "published", _("已发布")


class AnnualReport(models.Model):
    """One organization's report for one year: a snapshot of the computed tables, with overrides applied on top."""

    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("报告机关"), on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    scope = models.CharField(_("范围"), max_length=20, choices=Scope.choices, default=Scope.ORGANIZATION)
    status = models.CharField(_("状态"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    overview = models.TextField(_("一、总体情况"), blank=True)
    problems = models.TextField(_("五、存在的主要问题及改进情况"), blank=True)
    other_matters = models.TextField(_("六、其他需要报告的事项"), blank=True)
    computed = models.JSONField(
        _("计算所得数据"), default=dict, blank=True, help_text=_("三张表按单元格的计算值快照。")
    )
    breakdown = models.JSONField(_("分机关数据"), default=list, blank=True, help_text=_("汇总报告中各机关的数据。"))
    facts = models.JSONField(_("起草依据数据"), default=dict, blank=True)
    computed_at = models.DateTimeField(_("计算时间"), null=True, blank=True)
    check_failures = models.JSONField(_("校验未通过项"), default=list, blank=True)
    checked_at = models.DateTimeField(_("校验时间"), null=True, blank=True)
    record = models.ForeignKey(
        "publishing.Record",
        verbose_name=_("发布的信息"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    narrative_stale = models.BooleanField(
        _("文字说明待更新"),
        default=False,
        help_text=_("数据变化后，人工修改过的文字说明不再自动重写，需人工核对与表格是否一致。"),
    )
    data_changed_at = models.DateTimeField(
        _("发布后数据变化时间"),
        null=True,
        blank=True,
        help_text=_("报告发布后又导入或更正了该年度的数据；重新发布前报告保持原样。"),
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("政府信息公开工作年度报告")
        verbose_name_plural = _("政府信息公开工作年度报告")
        ordering = ["-year", "organization__region__path", "organization__sort_order", "organization_id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="reports_one_report_per_year"),
            models.CheckConstraint(condition=Q(year__gte=2008, year__lte=2100), name="reports_year_range"),
        ]

    def __str__(self):
        return _("%(organization)s%(year)s年政府信息公开工作年度报告") % {
            "organization": self.organization.name,
            "year": self.year,
        }

    @property
    def title(self) -> str:
        return str(self)

    @property
    def is_aggregate(self) -> bool:
        return self.scope == Scope.REGION


class ReportOverride(models.Model):
    """A figure typed in by a person in place of the computed one; kept (inactive) when cleared, shown as such."""

    report = models.ForeignKey(
        AnnualReport, verbose_name=_("年度报告"), on_delete=models.PROTECT, related_name="overrides"
    )
    cell = models.CharField(_("单元格"), max_length=300)
    value = models.CharField(_("填报值"), max_length=30)
    computed_value = models.CharField(_("系统计算值"), max_length=30)
    reason = models.TextField(_("调整理由"))
    is_active = models.BooleanField(_("有效"), default=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("填报人"), on_delete=models.PROTECT, related_name="+"
    )
    set_at = models.DateTimeField(_("填报时间"), auto_now_add=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("撤销人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    cleared_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("人工调整")
        verbose_name_plural = _("人工调整")
        ordering = ["report", "-set_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "cell"], condition=Q(is_active=True), name="reports_one_active_override_per_cell"
            ),
        ]

    def __str__(self):
        return f"{self.cell} = {self.value}"


class CaseKind(models.TextChoices):
    REVIEW = "review", _("行政复议")
    DIRECT_SUIT = "direct_suit", _("行政诉讼（未经复议直接起诉）")
    SUIT_AFTER_REVIEW = "suit_after_review", _("行政诉讼（复议后起诉）")


class CaseResult(models.TextChoices):
    PENDING = "pending", _("尚未审结")
    UPHELD = "upheld", _("结果维持")
    CORRECTED = "corrected", _("结果纠正")
    OTHER = "other", _("其他结果")


class ReviewCase(models.Model):
    """An administrative review or lawsuit about this organization's disclosure work (表四 counts these).

    When the review body is sued together with the original agency (共同被告), only the original agency counts
    the case (国办公开办函〔2016〕201号): the review body registers it with `as_review_body` set, and it is not counted.
    """

    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("登记机关"), on_delete=models.PROTECT, related_name="review_cases"
    )
    kind = models.CharField(_("类型"), max_length=20, choices=CaseKind.choices)
    case_number = models.CharField(_("案号"), max_length=100, help_text=_("如：（2025）苏0402行初12号"))
    subject = models.CharField(_("案由"), max_length=300, blank=True)
    filed_on = models.DateField(_("受理（立案）日期"))
    result = models.CharField(_("结果"), max_length=20, choices=CaseResult.choices, default=CaseResult.PENDING)
    concluded_on = models.DateField(_("审结日期"), null=True, blank=True)
    as_review_body = models.BooleanField(
        _("本机关作为复议机关为共同被告"),
        default=False,
        help_text=_("复议机关作共同被告的案件只由原行政机关统计，本机关登记但不计入年报。"),
    )
    note = models.TextField(_("备注"), blank=True)
    is_active = models.BooleanField(_("有效"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("行政复议、行政诉讼案件")
        verbose_name_plural = _("行政复议、行政诉讼案件")
        ordering = ["-filed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(result="pending") & Q(concluded_on__isnull=True))
                | (~Q(result="pending") & Q(concluded_on__isnull=False)),
                name="reports_case_concluded_has_result",
            ),
            models.CheckConstraint(
                condition=Q(as_review_body=False) | Q(kind="suit_after_review"),
                name="reports_case_review_body_only_after_review",
            ),
            models.UniqueConstraint(
                fields=["organization", "case_number"], condition=Q(is_active=True), name="reports_case_number_unique"
            ),
        ]

    def __str__(self):
        return f"{self.case_number}（{self.get_kind_display()}）"
