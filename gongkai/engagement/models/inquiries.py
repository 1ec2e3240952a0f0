"""Inquiries (群众咨询) and the mailboxes (领导信箱) they arrive in."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import InquiryChannel, InquiryStatus, MailboxKind, Rating, RedirectKind

DEFAULT_ANSWER_DAYS = 5


class Mailbox(models.Model):
    """A named mailbox (区长信箱, a department's mailbox) with the working days it has to answer."""

    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("所属机构"), on_delete=models.PROTECT, related_name="mailboxes"
    )
    name = models.CharField(_("信箱名称"), max_length=100)
    kind = models.CharField(_("类别"), max_length=20, choices=MailboxKind.choices, default=MailboxKind.DEPARTMENT)
    description = models.TextField(_("说明"), blank=True)
    answer_days = models.PositiveSmallIntegerField(
        _("答复时限（工作日）"), default=DEFAULT_ANSWER_DAYS, help_text=_("自收到之日起算的工作日数，由公开办设定。")
    )
    is_active = models.BooleanField(_("启用"), default=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("信箱")
        verbose_name_plural = _("信箱")
        ordering = ("sort_order", "id")
        constraints = [models.UniqueConstraint(fields=("organization", "name"), name="engagement_mailbox_unique_name")]

    def __str__(self):
        return self.name


class Inquiry(models.Model):
    """One question from the public, answered one-to-one, optionally published without personal details."""

    tracking_code = models.CharField(_("查询码"), max_length=20, unique=True)
    channel = models.CharField(_("来源渠道"), max_length=20, choices=InquiryChannel.choices)
    mailbox = models.ForeignKey(
        Mailbox, verbose_name=_("信箱"), null=True, blank=True, on_delete=models.PROTECT, related_name="inquiries"
    )
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("办理机构"), on_delete=models.PROTECT, related_name="inquiries"
    )
    domain = models.ForeignKey(
        "catalog.Domain", verbose_name=_("领域"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject = models.CharField(_("标题"), max_length=200)
    question = models.TextField(_("咨询内容"))
    asker_name = models.CharField(_("姓名"), max_length=50)
    asker_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    asker_email = models.EmailField(_("电子邮箱"), blank=True)
    consents_to_publish = models.BooleanField(_("同意公开"), default=False)
    received_on = models.DateField(_("收到日期"))
    submitted_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    answer_days = models.PositiveSmallIntegerField(_("答复时限（工作日）"), default=DEFAULT_ANSWER_DAYS)
    due_on = models.DateField(_("答复期限"))
    due_steps = models.JSONField(_("期限计算说明"), default=list, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=InquiryStatus.choices, default=InquiryStatus.RECEIVED)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answer = models.TextField(_("答复内容"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("答复人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    redirect_kind = models.CharField(_("引导类别"), max_length=20, choices=RedirectKind.choices, blank=True)
    redirect_note = models.TextField(_("引导说明"), blank=True)
    invalid_reason = models.TextField(_("无效原因"), blank=True)
    application = models.OneToOneField(
        "applications.Application",
        verbose_name=_("转为的依申请公开申请"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inquiry",
    )
    rating = models.CharField(_("评价"), max_length=20, choices=Rating.choices, blank=True)
    rating_comment = models.CharField(_("评价意见"), max_length=500, blank=True)
    rated_at = models.DateTimeField(_("评价时间"), null=True, blank=True)
    is_published = models.BooleanField(_("已公开"), default=False)
    public_question = models.TextField(_("公开的咨询内容"), blank=True)
    public_answer = models.TextField(_("公开的答复内容"), blank=True)
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    is_faq = models.BooleanField(_("常见问题"), default=False)

    class Meta:
        verbose_name = _("咨询")
        verbose_name_plural = _("咨询")
        ordering = ("-received_on", "-id")
        indexes = [
            models.Index(fields=("status", "due_on"), name="engagement_inquiry_open"),
            models.Index(fields=("is_published", "-published_at"), name="engagement_inquiry_public"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(is_published=True) | models.Q(consents_to_publish=True, status="answered"),
                name="engagement_inquiry_published_with_consent",
            )
        ]

    def __str__(self):
        return self.tracking_code

    @property
    def is_open(self) -> bool:
        return self.status in (InquiryStatus.RECEIVED, InquiryStatus.IN_PROGRESS, InquiryStatus.IN_REVIEW)


class InquiryEvent(models.Model):
    """The inquiry's timeline: routing, transfers, answers, reviews, redirections (the audit log says who in full)."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("收到咨询")
        ASSIGNED = "assigned", _("分办")
        TRANSFERRED = "transferred", _("转办")
        ANSWER_SUBMITTED = "answer_submitted", _("提交答复")
        ANSWER_RETURNED = "answer_returned", _("答复退回修改")
        ANSWERED = "answered", _("答复")
        REDIRECTED = "redirected", _("引导至其他渠道")
        CONVERTED = "converted", _("转为依申请公开")
        INVALID = "invalid", _("认定为无效留言")
        RATED = "rated", _("群众评价")
        PUBLISHED = "published", _("公开")
        UNPUBLISHED = "unpublished", _("取消公开")

    inquiry = models.ForeignKey(Inquiry, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("事件"), max_length=20, choices=Kind.choices)
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    from_organization = models.ForeignKey(
        "orgs.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_organization = models.ForeignKey(
        "orgs.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("咨询办理记录")
        verbose_name_plural = _("咨询办理记录")
        ordering = ("at", "id")

    def __str__(self):
        return f"{self.inquiry} {self.kind}"
