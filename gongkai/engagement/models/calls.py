"""Comment solicitation (意见征集): calls on drafts, comments, and the adoption report (采纳情况反馈)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import Adoption, CallStatus, CommentChannel, CommentStatus, ReportStatus

DEFAULT_CALL_DAYS = 30  # 《重大行政决策程序暂行条例》第十五条：征求意见期限一般不少于30日


class CommentCall(models.Model):
    """A call for comments on a draft (征求意见稿), open from `starts_on` to `ends_on` inclusive."""

    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("征集机构"), on_delete=models.PROTECT, related_name="comment_calls"
    )
    title = models.CharField(_("标题"), max_length=300)
    draft_record = models.ForeignKey(
        "publishing.Record",
        verbose_name=_("征求意见稿（政府信息）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    draft_text = models.TextField(_("征求意见稿正文"), blank=True)
    summary = models.TextField(_("内容摘要"))
    explanation = models.TextField(_("起草说明"), blank=True)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("截止日期"))
    is_moderated = models.BooleanField(_("留言先审后显"), default=True)
    status = models.CharField(_("状态"), max_length=20, choices=CallStatus.choices, default=CallStatus.DRAFT)
    final_policy = models.ForeignKey(
        "publishing.Record",
        verbose_name=_("正式出台的政策文件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="comment_calls",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    archived_at = models.DateTimeField(_("归档时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("意见征集")
        verbose_name_plural = _("意见征集")
        ordering = ("-starts_on", "-id")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="engagement_call_dates")
        ]

    def __str__(self):
        return self.title


class CallAttachment(models.Model):
    """A file of the call (征求意见稿全文、起草说明附件), checked by content when uploaded."""

    call = models.ForeignKey(CommentCall, on_delete=models.PROTECT, related_name="attachments")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("附件名称"), max_length=200)
    file = models.FileField(_("文件"), upload_to="engagement/calls/%Y/%m/")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("征集附件")
        verbose_name_plural = _("征集附件")
        ordering = ("id",)

    def __str__(self):
        return self.title


class Comment(models.Model):
    """One comment. Who wrote it and how to reach them are never shown; the public sees `public_body` only."""

    call = models.ForeignKey(CommentCall, on_delete=models.PROTECT, related_name="comments")
    channel = models.CharField(_("渠道"), max_length=20, choices=CommentChannel.choices)
    author_name = models.CharField(_("姓名或单位"), max_length=100, blank=True)
    author_contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    body = models.TextField(_("意见内容"))
    public_body = models.TextField(_("公开显示的内容"), blank=True)
    status = models.CharField(_("显示状态"), max_length=20, choices=CommentStatus.choices)
    received_on = models.DateField(_("收到日期"))
    submitted_at = models.DateTimeField(auto_now_add=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    moderation_note = models.CharField(_("审核说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("意见")
        verbose_name_plural = _("意见")
        ordering = ("received_on", "id")

    def __str__(self):
        return f"{self.call_id}#{self.pk}"


class AdoptionReport(models.Model):
    """采纳情况反馈: written after the call closes, reviewed by someone else, then published on the call page."""

    call = models.OneToOneField(CommentCall, on_delete=models.PROTECT, related_name="adoption_report")
    overview = models.TextField(_("总体情况"))
    status = models.CharField(_("状态"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("采纳情况反馈")
        verbose_name_plural = _("采纳情况反馈")

    def __str__(self):
        return str(self.call)


class AdoptionItem(models.Model):
    """One group of similar comments and what was done with them."""

    report = models.ForeignKey(AdoptionReport, on_delete=models.PROTECT, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    topic = models.CharField(_("意见归类"), max_length=200)
    gist = models.TextField(_("意见摘要"))
    decision = models.CharField(_("采纳情况"), max_length=20, choices=Adoption.choices)
    reason = models.TextField(_("理由说明"), blank=True)
    comments = models.ManyToManyField(Comment, verbose_name=_("涉及的意见"), blank=True, related_name="adoption_items")
    is_current = models.BooleanField(default=True, help_text=_("重写草稿时旧条目保留但不再使用。"))

    class Meta:
        verbose_name = _("采纳情况条目")
        verbose_name_plural = _("采纳情况条目")
        ordering = ("position", "id")

    def __str__(self):
        return self.topic
