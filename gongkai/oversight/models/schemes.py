"""Assessment schemes (考核方案): per year and region, indicators per group with a weight and a scoring rule."""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

PERSON = settings.AUTH_USER_MODEL


class Group(models.TextChoices):
    """Organizations ranked against each other (排行榜分组)."""

    DEPARTMENTS = "departments", _("区（县）部门")
    TOWNS = "towns", _("镇（街道）")
    VILLAGES = "villages", _("村（社区）")


class Method(models.TextChoices):
    PER_ITEM = "per_item", _("按件扣分")
    RATIO = "ratio", _("按比例得分")
    POINTS = "points", _("按录入分值扣分")


class Scheme(models.Model):
    region = models.ForeignKey("orgs.Region", verbose_name=_("考核范围"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("考核年度"))
    name = models.CharField(_("方案名称"), max_length=200)
    note = models.TextField(_("说明"), blank=True)
    is_active = models.BooleanField(_("已启用"), default=False, help_text=_("启用后各单位的实时得分按本方案计算。"))
    leaderboard_published = models.BooleanField(_("排行榜已公开"), default=False)
    frozen_on = models.DateField(_("结果冻结日期"), null=True, blank=True, editable=False)
    frozen_at = models.DateTimeField(_("冻结时间"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(PERSON, verbose_name=_("创建人"), on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("考核方案")
        verbose_name_plural = _("考核方案")
        ordering = ["-year", "region_id"]
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="oversight_scheme_region_year")]

    def __str__(self):
        return self.name

    @property
    def is_frozen(self) -> bool:
        return self.frozen_on is not None


class Indicator(models.Model):
    scheme = models.ForeignKey(Scheme, verbose_name=_("考核方案"), on_delete=models.PROTECT, related_name="indicators")
    group = models.CharField(_("考核分组"), max_length=12, choices=Group.choices)
    code = models.SlugField(_("指标编码"), max_length=40)
    name = models.CharField(_("指标名称"), max_length=100)
    rule = models.CharField(_("计分规则"), max_length=60, help_text=_("系统登记的计分规则编码。"))
    method = models.CharField(_("计分方式"), max_length=10, choices=Method.choices, default=Method.PER_ITEM)
    weight = models.DecimalField(
        _("分值"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0)], help_text=_("本指标满分。")
    )
    points_each = models.DecimalField(
        _("每件扣分"), max_digits=5, decimal_places=2, default=0, help_text=_("按件扣分时每发现一件扣的分数。")
    )
    description = models.TextField(_("评分标准"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("有效"), default=True)

    class Meta:
        verbose_name = _("考核指标")
        verbose_name_plural = _("考核指标")
        ordering = ["scheme_id", "group", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "group", "code"], name="oversight_indicator_code"),
        ]

    def __str__(self):
        return f"{self.name}（{self.weight}）"


def evidence_path(instance, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"oversight/{uuid.uuid4().hex}.{suffix}"


def private_storage():
    from gongkai.publishing.models.attachments import private_storage as storage

    return storage()


class ManualEntry(models.Model):
    """A deduction the office enters by hand (督查、第三方评估、义务监督员发现), with evidence and a reason."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("考核指标"), on_delete=models.PROTECT, related_name="manual_entries"
    )
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("被考核单位"), on_delete=models.PROTECT, related_name="+"
    )
    points = models.DecimalField(_("扣分"), max_digits=5, decimal_places=2)
    occurred_on = models.DateField(_("发现日期"))
    reason = models.TextField(_("扣分理由"))
    evidence = models.FileField(_("佐证材料"), storage=private_storage, upload_to=evidence_path, max_length=200)
    evidence_name = models.CharField(_("佐证材料文件名"), max_length=200)
    is_active = models.BooleanField(_("有效"), default=True)
    revoked_reason = models.CharField(_("撤销理由"), max_length=300, blank=True)
    created_by = models.ForeignKey(PERSON, verbose_name=_("录入人"), on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("人工考核记录")
        verbose_name_plural = _("人工考核记录")
        ordering = ["-occurred_on", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(points__gt=0), name="oversight_manual_points")]

    def __str__(self):
        return f"{self.organization_id} −{self.points}"


class FrozenScore(models.Model):
    """The year-end result of one organization, kept as computed on the freezing date."""

    scheme = models.ForeignKey(Scheme, verbose_name=_("考核方案"), on_delete=models.PROTECT, related_name="frozen")
    group = models.CharField(_("考核分组"), max_length=12, choices=Group.choices)
    organization = models.ForeignKey("orgs.Organization", verbose_name=_("单位"), on_delete=models.PROTECT)
    score = models.DecimalField(_("得分"), max_digits=6, decimal_places=2)
    rank = models.PositiveSmallIntegerField(_("名次"))
    data = models.JSONField(_("指标得分"), default=dict)

    class Meta:
        verbose_name = _("冻结结果")
        verbose_name_plural = _("冻结结果")
        ordering = ["scheme_id", "group", "rank", "organization_id"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "organization"], name="oversight_frozen_once"),
        ]

    def __str__(self):
        return f"{self.organization_id}: {self.score}"
