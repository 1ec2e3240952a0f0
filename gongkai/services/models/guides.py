"""Service guides (办事指南) with every standard element, their versions, pending reviewed changes and usage."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .choices import GuideStatus, LifeEvent, ServiceKind


class Guide(models.Model):
    """One service item's guide. Structured elements (materials, fees, steps, FAQs) are lists of dicts checked by
    `validation.py`; `version` counts the versions in force. An adopted copy keeps its source's code and links to
    it (`source_guide`, `adopted_version`); its local counter, hours and phones may differ without being drift."""

    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("实施机构"), on_delete=models.PROTECT, related_name="guides"
    )
    code = models.CharField(_("事项编码"), max_length=48)
    name = models.CharField(_("事项名称"), max_length=200)
    kind = models.CharField(_("事项类型"), max_length=20, choices=ServiceKind.choices)
    life_event = models.CharField(_("人生事件"), max_length=20, choices=LifeEvent.choices, blank=True)
    basis = models.TextField(_("设定依据"), blank=True)
    scope = models.TextField(_("受理范围"), blank=True)
    conditions = models.TextField(_("申请条件"), blank=True)
    materials = models.JSONField(_("申请材料"), default=list, blank=True)
    fees = models.JSONField(_("收费"), default=list, blank=True, help_text=_("为空表示不收费。"))
    statutory_days = models.PositiveSmallIntegerField(_("法定办结时限（工作日）"), null=True, blank=True)
    promised_days = models.PositiveSmallIntegerField(_("承诺办结时限（工作日）"), null=True, blank=True)
    online_url = models.URLField(_("网上办理地址"), max_length=500, blank=True)
    counter_address = models.CharField(_("窗口地址"), max_length=300, blank=True)
    counter_hours = models.CharField(_("办理时间"), max_length=200, blank=True)
    at_most_once = models.BooleanField(_("最多跑一次"), default=False)
    fully_online = models.BooleanField(_("全程网办"), default=False)
    steps = models.JSONField(_("办理流程"), default=list, blank=True)
    contact_phone = models.CharField(_("咨询电话"), max_length=50, blank=True)
    complaint_phone = models.CharField(_("投诉电话"), max_length=50, blank=True)
    faqs = models.JSONField(_("常见问题"), default=list, blank=True)
    catalog_item = models.ForeignKey(
        "catalog.Item",
        verbose_name=_("目录事项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="guides",
        help_text=_("标准目录中对应的“办事指南”事项。"),
    )
    record = models.ForeignKey(
        "publishing.Record",
        verbose_name=_("发布信息"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="guides",
        help_text=_("公开本指南的政府信息。"),
    )
    status = models.CharField(_("状态"), max_length=10, choices=GuideStatus.choices, default=GuideStatus.DRAFT)
    version = models.PositiveIntegerField(_("版本"), default=0)
    source_guide = models.ForeignKey(
        "self",
        verbose_name=_("所采用的上级指南"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adoptions",
    )
    adopted_version = models.PositiveIntegerField(_("采用时的上级版本"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提交人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("办事指南")
        verbose_name_plural = _("办事指南")
        ordering = ["organization__sort_order", "organization_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "code"], name="services_guide_code_unique"),
            models.CheckConstraint(
                condition=Q(promised_days__isnull=True)
                | Q(statutory_days__isnull=True)
                | Q(promised_days__lte=models.F("statutory_days")),
                name="services_guide_promised_within_statutory",
            ),
        ]
        indexes = [models.Index(fields=["status", "organization"], name="services_guide_status_org")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("portal:services:guide", kwargs={"org": self.organization.credit_code, "code": self.code})

    @property
    def is_free(self) -> bool:
        return not self.fees

    @property
    def days_saved(self) -> int:
        if self.statutory_days is None or self.promised_days is None:
            return 0
        return self.statutory_days - self.promised_days


class GuideVersion(models.Model):
    """A snapshot of a guide's elements as they were in force from `effective_from`."""

    guide = models.ForeignKey(Guide, verbose_name=_("办事指南"), on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("版本号"))
    data = models.JSONField(_("内容快照"), default=dict)
    effective_from = models.DateTimeField(_("生效时间"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("修改人"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("修改说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("办事指南版本")
        verbose_name_plural = _("办事指南版本")
        ordering = ["guide", "-number"]
        constraints = [models.UniqueConstraint(fields=["guide", "number"], name="services_guide_version_unique")]

    def __str__(self):
        return f"{self.guide_id} v{self.number}"


class GuideChangeStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已通过")
    REJECTED = "rejected", _("已退回")


class GuideChange(models.Model):
    """A proposed change of an in-force guide's legal basis or statutory time limit, waiting for a reviewer."""

    guide = models.ForeignKey(Guide, verbose_name=_("办事指南"), on_delete=models.PROTECT, related_name="changes")
    data = models.JSONField(_("修改后的内容"), default=dict)
    note = models.CharField(_("修改说明"), max_length=300, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=GuideChangeStatus.choices, default=GuideChangeStatus.PENDING
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("提出人"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("提出时间"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reason = models.CharField(_("退回理由"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("办事指南变更")
        verbose_name_plural = _("办事指南变更")
        ordering = ["-proposed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["guide"], condition=Q(status="pending"), name="services_guide_one_pending_change"
            )
        ]

    def __str__(self):
        return f"{self.guide} ({self.get_status_display()})"


class GuideUsage(models.Model):
    """How often a guide's public page was opened on one day: the "most used services" without keeping visitors."""

    guide = models.ForeignKey(Guide, verbose_name=_("办事指南"), on_delete=models.PROTECT, related_name="usage")
    day = models.DateField(_("日期"))
    views = models.PositiveIntegerField(_("浏览次数"), default=0)

    class Meta:
        verbose_name = _("办事指南浏览统计")
        verbose_name_plural = _("办事指南浏览统计")
        constraints = [models.UniqueConstraint(fields=["guide", "day"], name="services_guideusage_unique")]

    def __str__(self):
        return f"{self.guide_id} {self.day}: {self.views}"
