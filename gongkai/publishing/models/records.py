"""Records (政府信息): one piece of government information with its standard metadata and workflow state."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import (
    Attribute,
    Genre,
    InterpretationKind,
    RecordStatus,
    Stage,
    SubjectCategory,
    Validity,
    WithheldGround,
)

PERSON = settings.AUTH_USER_MODEL


class Record(models.Model):
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("发布机构"), on_delete=models.PROTECT, related_name="records"
    )
    title = models.CharField(_("标题"), max_length=300)
    summary = models.TextField(_("内容概述"), blank=True)
    body = models.TextField(_("正文"), blank=True, help_text=_("富文本，保存时会清除不安全的标签和属性。"))
    index_number = models.CharField(
        _("索引号"), max_length=64, null=True, blank=True, unique=True, editable=False, help_text=_("首次发布时生成。")
    )
    doc_number = models.CharField(_("文号"), max_length=100, blank=True, help_text=_("如：青政办发〔2025〕12号"))
    written_on = models.DateField(_("成文日期"), help_text=_("文件签发日期或信息形成日期。"))
    published_at = models.DateTimeField(_("发布日期"), null=True, blank=True, editable=False, db_index=True)
    subject_category = models.CharField(
        _("主题分类"), max_length=20, choices=SubjectCategory.choices, default=SubjectCategory.GENERAL
    )
    genre = models.CharField(_("体裁分类"), max_length=20, choices=Genre.choices, default=Genre.OTHER, db_index=True)
    keywords = models.CharField(_("主题词"), max_length=200, blank=True, help_text=_("多个主题词用空格或顿号分隔。"))
    validity = models.CharField(_("有效性"), max_length=10, choices=Validity.choices, default=Validity.IN_FORCE)
    effective_on = models.DateField(_("生效日期"), null=True, blank=True)
    expired_on = models.DateField(_("失效日期"), null=True, blank=True)
    repealed_on = models.DateField(_("废止日期"), null=True, blank=True)
    attribute = models.CharField(_("公开属性"), max_length=12, choices=Attribute.choices, default=Attribute.ACTIVE)
    withheld_ground = models.CharField(_("不予公开依据"), max_length=24, choices=WithheldGround.choices, blank=True)
    stage = models.CharField(
        _("五公开环节"), max_length=12, choices=Stage.choices, blank=True, help_text=_("留空时取关联公开事项的环节。")
    )
    effective_stage = models.CharField(
        _("所属五公开环节"), max_length=12, choices=Stage.choices, blank=True, editable=False, db_index=True
    )
    items = models.ManyToManyField("catalog.Item", verbose_name=_("公开事项"), blank=True, related_name="records")
    channels = models.ManyToManyField("catalog.Channel", verbose_name=_("公开渠道"), blank=True, related_name="+")
    decision_count = models.PositiveIntegerField(
        _("处理决定数量"), default=0, help_text=_("行政许可、行政处罚、行政强制类信息所含的处理决定数。")
    )
    fee_amount = models.DecimalField(_("收费金额（万元）"), max_digits=14, decimal_places=4, null=True, blank=True)
    columns = models.ManyToManyField("publishing.Column", verbose_name=_("栏目"), blank=True, related_name="records")
    interprets = models.ForeignKey(
        "self",
        verbose_name=_("解读的政策文件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpretations",
    )
    interpretation_kind = models.CharField(
        _("解读形式"),
        max_length=10,
        choices=InterpretationKind.choices,
        default=InterpretationKind.TEXT,
        help_text=_("仅政策解读填写：图解须填写图解文字说明，视频解读须上传视频附件并填写文字稿。"),
    )
    long_description = models.TextField(
        _("图解文字说明"),
        blank=True,
        help_text=_("图解的完整文字说明，供无法查看图片的读者阅读（正文中的每张图片还须填写图片说明）。"),
    )
    transcript = models.TextField(
        _("视频文字稿"), blank=True, help_text=_("视频解读的完整文字稿，显示在视频下方，供无法收看视频的读者阅读。")
    )
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("替代文件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaces",
        help_text=_("本文件废止或失效后，取代它的新文件。"),
    )
    needs_interpretation = models.BooleanField(
        _("需要政策解读"), default=False, help_text=_("规章、规范性文件、政策文件和规划默认需要配套解读。")
    )
    event_on = models.DateField(
        _("起算事件日期"),
        null=True,
        blank=True,
        help_text=_("公开事项的时限从某一事件起算（如作出行政决定、开标、项目竣工）时，填写该事件的日期。"),
    )
    interpretation_exemption = models.TextField(
        _("免于配套解读的理由"),
        blank=True,
        editable=False,
        help_text=_("须配套政策解读的信息经政务公开办公室书面同意免于解读时填写。"),
    )
    interpretation_exempted_by = models.ForeignKey(
        PERSON, verbose_name=_("同意免于解读的人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    interpretation_exempted_at = models.DateTimeField(_("同意免于解读时间"), null=True, blank=True, editable=False)
    display_until = models.DateField(
        _("公示截止日期"), null=True, blank=True, help_text=_("公示类信息到期后自动下线（标记为已过期）。")
    )

    status = models.CharField(
        _("状态"), max_length=16, choices=RecordStatus.choices, default=RecordStatus.DRAFT, db_index=True
    )
    scheduled_for = models.DateTimeField(_("定时发布时间"), null=True, blank=True)
    due_on = models.DateField(_("公开期限"), null=True, blank=True, editable=False)
    published_late = models.BooleanField(_("超期发布"), default=False, editable=False)
    revision_number = models.PositiveIntegerField(_("版本号"), default=0, editable=False)
    rejection_comment = models.TextField(_("退回意见"), blank=True, editable=False)

    emergency = models.BooleanField(_("紧急发布"), default=False, editable=False)
    emergency_reason = models.TextField(_("紧急发布理由"), blank=True, editable=False)
    emergency_reviewed_at = models.DateTimeField(_("紧急发布补审时间"), null=True, blank=True, editable=False)
    emergency_reviewed_by = models.ForeignKey(
        PERSON, verbose_name=_("紧急发布补审人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    created_by = models.ForeignKey(PERSON, verbose_name=_("起草人"), on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    submitted_by = models.ForeignKey(
        PERSON, verbose_name=_("提交人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        PERSON, verbose_name=_("审核人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    cleared_by = models.ForeignKey(
        PERSON, verbose_name=_("保密审查人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cleared_at = models.DateTimeField(_("保密审查时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        PERSON, verbose_name=_("发布人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    corrected_at = models.DateTimeField(_("最近更正时间"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        PERSON, verbose_name=_("撤回人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawal_reason = models.TextField(_("撤回理由"), blank=True)
    expired_at = models.DateTimeField(_("下线时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("政府信息")
        verbose_name_plural = _("政府信息")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="publishing_record_public"),
            models.Index(fields=["organization", "status"], name="publishing_record_org_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["published", "withdrawn", "taken_offline"])
                | (Q(index_number__isnull=False) & Q(published_at__isnull=False)),
                name="publishing_record_published_has_index_number",
                violation_error_message=_("已发布、撤回或下线的信息必须有索引号和发布日期。"),
            ),
            models.CheckConstraint(
                condition=Q(attribute="withheld", withheld_ground__gt="")
                | (~Q(attribute="withheld") & Q(withheld_ground="")),
                name="publishing_record_withheld_has_ground",
                violation_error_message=_("公开属性为“不予公开”时须选择不予公开依据；其他公开属性不填依据。"),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("portal:publishing:record", kwargs={"record_id": self.pk})

    @property
    def is_public(self) -> bool:
        return self.status == RecordStatus.PUBLISHED

    @property
    def was_published(self) -> bool:
        return self.index_number is not None

    @property
    def awaits_emergency_review(self) -> bool:
        return self.emergency and self.emergency_reviewed_at is None

    def keyword_list(self) -> list[str]:
        return [word for word in self.keywords.replace("、", " ").replace("，", " ").replace(",", " ").split() if word]
