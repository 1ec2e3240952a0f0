"""民情闭环: a resident's issue, from intake to the resident's rating, one step at a time."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.publishing.models.attachments import private_storage


class IssueStatus(models.TextChoices):
    REGISTERED = "registered", _("待分派")
    ASSIGNED = "assigned", _("待签收")
    ACCEPTED = "accepted", _("办理中")
    HANDLED = "handled", _("待审核")
    REVIEWED = "reviewed", _("待反馈")
    FED_BACK = "fed_back", _("待评价")
    CLOSED = "closed", _("已办结")


class IssueChannel(models.TextChoices):
    PORTAL = "portal", _("网上提交")
    PHONE = "phone", _("电话")
    GRID = "grid", _("网格员走访")
    VISIT = "visit", _("来访")


class IssueCategory(models.TextChoices):
    ROADS = "roads", _("道路交通")
    ENVIRONMENT = "environment", _("环境卫生")
    WATER = "water", _("供水排水")
    SAFETY = "safety", _("安全隐患")
    NEIGHBOURS = "neighbours", _("邻里纠纷")
    WELFARE = "welfare", _("社会保障")
    OTHER = "other", _("其他")


class ResidentIssue(models.Model):
    """One issue raised by a resident in a village or community. Who raised it and how to reach them stay private;
    the public sees only anonymized statistics and, when the township publishes it, a solved case's summary."""

    village = models.ForeignKey(
        "orgs.Organization", verbose_name=_("所在村（社区）"), on_delete=models.PROTECT, related_name="resident_issues"
    )
    tracking_code = models.CharField(_("查询码"), max_length=12, unique=True)
    channel = models.CharField(_("来源"), max_length=10, choices=IssueChannel.choices)
    category = models.CharField(_("类别"), max_length=20, choices=IssueCategory.choices)
    title = models.CharField(_("诉求标题"), max_length=100)
    description = models.TextField(_("诉求内容"))
    location = models.CharField(_("地点"), max_length=200, blank=True)
    reporter_name = models.CharField(_("反映人"), max_length=50)
    reporter_phone = models.CharField(_("联系电话"), max_length=30)
    status = models.CharField(_("状态"), max_length=12, choices=IssueStatus.choices, default=IssueStatus.REGISTERED)
    assignee = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("承办单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_issues",
    )
    step_started_on = models.DateField(_("本环节开始日期"))
    step_due_on = models.DateField(_("本环节办理时限"))
    handling_result = models.TextField(_("办理结果"), blank=True)
    feedback = models.TextField(_("反馈内容"), blank=True)
    rating = models.PositiveSmallIntegerField(_("满意度评价"), null=True, blank=True)
    rating_comment = models.CharField(_("评价意见"), max_length=300, blank=True)
    late_steps = models.PositiveSmallIntegerField(_("超时环节数"), default=0)
    reminded_on = models.DateField(_("最近催办日期"), null=True, blank=True)
    is_public_case = models.BooleanField(_("作为办结案例公开"), default=False)
    public_summary = models.TextField(_("公开案例摘要"), blank=True, help_text=_("不含个人信息，发布前经内容预审。"))
    registered_by = models.ForeignKey(
        "orgs.Person", verbose_name=_("登记人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("民情诉求")
        verbose_name_plural = _("民情诉求")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "step_due_on"], name="villages_issue_due")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="villages_issue_rating_range",
            ),
        ]

    def __str__(self):
        return self.title


class IssueStep(models.Model):
    """One step of an issue's loop, kept for the timeline and the audit: who did what, when, and whether late."""

    issue = models.ForeignKey(ResidentIssue, verbose_name=_("民情诉求"), on_delete=models.PROTECT, related_name="steps")
    action = models.CharField(_("环节"), max_length=30)
    actor = models.ForeignKey(
        "orgs.Person", verbose_name=_("办理人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("办理单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("说明"), blank=True)
    at = models.DateTimeField(_("时间"))
    late = models.BooleanField(_("超时"), default=False)

    class Meta:
        verbose_name = _("办理环节")
        verbose_name_plural = _("办理环节")
        ordering = ["issue_id", "at", "id"]

    def __str__(self):
        return self.action


class IssuePhoto(models.Model):
    """A photo taken on the phone: stored re-encoded, resized and without any EXIF (no location)."""

    issue = models.ForeignKey(
        ResidentIssue, verbose_name=_("民情诉求"), on_delete=models.PROTECT, related_name="photos"
    )
    file = models.FileField(_("照片"), storage=private_storage, upload_to="villages/photos/%Y/%m/", max_length=200)
    width = models.PositiveIntegerField(_("宽"))
    height = models.PositiveIntegerField(_("高"))
    uploaded_by = models.ForeignKey(
        "orgs.Person", verbose_name=_("上传人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("现场照片")
        verbose_name_plural = _("现场照片")
        ordering = ["issue_id", "uploaded_at", "id"]

    def __str__(self):
        return self.file.name
