"""Screening models: the managed lexicon, expression pairs, stored findings and whole-site scan runs."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .kinds import Kind, Severity


class LexiconCategory(models.TextChoices):
    POLITICAL = "political", _("政治敏感")
    VULGAR = "vulgar", _("低俗色情")
    VIOLENCE = "violence", _("暴力恐怖")
    ILLEGAL = "illegal", _("违法违规")
    DISCRIMINATION = "discrimination", _("歧视侮辱")
    ABSOLUTE = "absolute", _("绝对化用语")
    OTHER = "other", _("其他")


class ExpressionCategory(models.TextChoices):
    OUTDATED_NAME = "outdated_name", _("过时的机构名称")
    WRONG_TITLE = "wrong_title", _("错误的职务称谓")
    FIXED_PHRASE = "fixed_phrase", _("固定提法错误")
    TYPO = "typo", _("错别字")
    OTHER = "other", _("其他")


class Lexicon(models.Model):
    """One managed sensitive term. Retired by disabling, never deleted."""

    term = models.CharField(_("词条"), max_length=100, unique=True)
    category = models.CharField(
        _("类别"), max_length=20, choices=LexiconCategory.choices, default=LexiconCategory.OTHER
    )
    severity = models.CharField(_("严重程度"), max_length=10, choices=Severity.choices, default=Severity.WARN)
    enabled = models.BooleanField(_("启用"), default=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("敏感词")
        verbose_name_plural = _("敏感词库")
        ordering = ["term"]

    def __str__(self):
        return self.term


class Expression(models.Model):
    """A wrong expression and its correction (过时的机构名称、错误的职务称谓……). Retired by disabling."""

    wrong = models.CharField(_("错误表述"), max_length=100, unique=True)
    right = models.CharField(_("正确表述"), max_length=200)
    category = models.CharField(
        _("类别"), max_length=20, choices=ExpressionCategory.choices, default=ExpressionCategory.OTHER
    )
    severity = models.CharField(_("严重程度"), max_length=10, choices=Severity.choices, default=Severity.WARN)
    enabled = models.BooleanField(_("启用"), default=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("表述纠错")
        verbose_name_plural = _("表述纠错")
        ordering = ["wrong"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(wrong=models.F("right")), name="screening_expression_differs")
        ]

    def __str__(self):
        return f"{self.wrong} → {self.right}"


class ScanRun(models.Model):
    """A whole-site rescan (`gongkai screen --all`): resumable through its cursor."""

    class Status(models.TextChoices):
        RUNNING = "running", _("进行中")
        FINISHED = "finished", _("已完成")
        INTERRUPTED = "interrupted", _("已中断")

    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("范围（机构）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("为空表示全站。"),
    )
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.RUNNING)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发起人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    started_at = models.DateTimeField(_("开始时间"), default=timezone.now)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    cursor = models.JSONField(
        _("进度游标"), default=dict, blank=True, help_text=_("每个来源已完成的条数，用于中断后继续。")
    )
    targets_done = models.PositiveIntegerField(_("已预审对象数"), default=0)
    findings_total = models.PositiveIntegerField(_("发现问题数"), default=0)
    blocking_total = models.PositiveIntegerField(_("阻止发布问题数"), default=0)
    lexicon_version = models.CharField(_("词库版本"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("全站复查")
        verbose_name_plural = _("全站复查")
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.get_status_display()}"


class Finding(models.Model):
    """One detection stored against a screened object (a record revision, an attachment …) with its decision."""

    class Status(models.TextChoices):
        OPEN = "open", _("待处理")
        ACCEPTED = "accepted", _("已确认无问题")
        FIXED = "fixed", _("已修改")

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("对象类型"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(_("对象编号"), max_length=64)
    target_label = models.CharField(_("对象名称"), max_length=300, blank=True)
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("所属机构"), on_delete=models.PROTECT, related_name="screening_findings"
    )
    location = models.CharField(_("位置"), max_length=100, help_text=_("如 body（正文）、attachment:12（附件）。"))
    location_detail = models.CharField(_("具体位置"), max_length=200, blank=True, help_text=_("如 第3页、工作表1!B7。"))
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    severity = models.CharField(_("严重程度"), max_length=10, choices=Severity.choices)
    rule = models.CharField(_("规则"), max_length=60, blank=True)
    start = models.PositiveIntegerField(_("起始位置"))
    end = models.PositiveIntegerField(_("结束位置"))
    text = models.CharField(_("命中内容"), max_length=500)
    context = models.CharField(_("上下文"), max_length=500, blank=True)
    suggestion = models.CharField(_("修改建议"), max_length=500, blank=True)
    message = models.CharField(_("说明"), max_length=500, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    is_current = models.BooleanField(
        _("最近一次预审仍发现"), default=True, help_text=_("重新预审后不再出现的问题保留记录，但不再计入。")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    reason = models.CharField(_("理由"), max_length=500, blank=True)
    scan_run = models.ForeignKey(
        ScanRun, verbose_name=_("全站复查"), null=True, blank=True, on_delete=models.PROTECT, related_name="findings"
    )
    first_seen_at = models.DateTimeField(_("首次发现时间"), default=timezone.now)
    screened_at = models.DateTimeField(_("最近预审时间"), default=timezone.now)

    class Meta:
        verbose_name = _("预审发现")
        verbose_name_plural = _("预审发现")
        ordering = ["location", "start", "id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "is_current"]),
            models.Index(fields=["organization", "is_current", "status"]),
        ]
        constraints = [
            # end == start only for a no_text finding (a page without text has no span).
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="screening_span")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.text}"

    @property
    def blocks(self) -> bool:
        return self.is_current and self.status == self.Status.OPEN and self.severity == Severity.BLOCK
