"""Applications for disclosure (依申请公开): the application, its timeline, fees, reply letters and their templates.

Reporting contract (used by the annual report, DOMAIN.md §2.2):
- an application counts for `organization`, the organization responsible now;
- a transferred application counts only where it was transferred to: the original keeps status `transferred`
  and no outcome, the copy in the receiving organization has `transferred_from` set and its own `received_on`;
- `received_on` decides 本年新收 / 上年结转, `decided_on` (with `outcome`) decides 本年度办理结果.
"""

import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _


def private_storage() -> FileSystemStorage:
    """Files under MEDIA_ROOT/private with no public URL: they leave only through a back-office view that checks
    access and writes the personal-data audit entry."""
    return FileSystemStorage(location=settings.MEDIA_ROOT / "private", base_url=None)


ID_DOCUMENT_EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "application/pdf": ".pdf"}


def id_document_path(instance, filename: str) -> str:
    # Unguessable and unrelated to the uploaded name; the extension follows the checked content type.
    return f"applications/id/{uuid.uuid4().hex}{ID_DOCUMENT_EXTENSIONS.get(instance.id_document_type, '')}"


class ApplicantType(models.TextChoices):
    NATURAL_PERSON = "natural_person", _("自然人")
    BUSINESS = "business", _("商业企业")
    RESEARCH = "research", _("科研机构")
    NONPROFIT = "nonprofit", _("社会公益组织")
    LEGAL_SERVICE = "legal_service", _("法律服务机构")
    OTHER = "other", _("其他")


class SubmissionChannel(models.TextChoices):
    """How an application arrived (申请渠道); it decides the date of receipt. Not the catalog's disclosure channels."""

    ONLINE = "online", _("网上申请")
    IN_PERSON = "in_person", _("当面提交")
    POST = "post", _("邮寄（挂号信、特快专递等需签收）")
    LETTER = "letter", _("平常信函（无需签收）")
    FAX = "fax", _("传真")
    EMAIL = "email", _("电子邮件")


class IdType(models.TextChoices):
    ID_CARD = "id_card", _("居民身份证")
    PASSPORT = "passport", _("护照")
    OTHER = "other", _("其他有效身份证件")
    CREDIT_CODE = "credit_code", _("统一社会信用代码")


class ProvisionForm(models.TextChoices):
    PAPER = "paper", _("纸质文本")
    ELECTRONIC = "electronic", _("电子数据")
    OTHER = "other", _("其他")


class ProvisionManner(models.TextChoices):
    POST = "post", _("邮寄")
    EMAIL = "email", _("电子邮件")
    IN_PERSON = "in_person", _("当面领取")
    ONLINE = "online", _("网上获取")
    FAX = "fax", _("传真")


class Status(models.TextChoices):
    REGISTERED = "registered", _("已登记")
    ACCEPTED = "accepted", _("已签收办理中")
    CORRECTION_REQUESTED = "correction_requested", _("待申请人补正")
    CONSULTING = "consulting", _("征求意见中")
    FEE_NOTIFIED = "fee_notified", _("已发收费通知")
    DECIDED = "decided", _("已作出答复")
    DELIVERED = "delivered", _("已送达")
    CLOSED = "closed", _("已办结")
    TRANSFERRED = "transferred", _("已转办")


OPEN_STATUSES = (
    Status.REGISTERED,
    Status.ACCEPTED,
    Status.CORRECTION_REQUESTED,
    Status.CONSULTING,
    Status.FEE_NOTIFIED,
)
# The clock runs only while the agency must still reply.
CLOCKED_STATUSES = OPEN_STATUSES


class Outcome(models.TextChoices):
    """Exactly the leaf rows of 三、本年度办理结果 in the annual report (国办公开办函〔2021〕30号)."""

    DISCLOSED = "disclosed", _("予以公开")
    PARTIALLY_DISCLOSED = "partially_disclosed", _("部分公开（区分处理的，只计这一情形，不计其他情形）")
    WITHHELD_1 = "withheld_1", _("属于国家秘密")
    WITHHELD_2 = "withheld_2", _("其他法律行政法规禁止公开")
    WITHHELD_3 = "withheld_3", _("危及“三安全一稳定”")
    WITHHELD_4 = "withheld_4", _("保护第三方合法权益")
    WITHHELD_5 = "withheld_5", _("属于三类内部事务信息")
    WITHHELD_6 = "withheld_6", _("属于四类过程性信息")
    WITHHELD_7 = "withheld_7", _("属于行政执法案卷")
    WITHHELD_8 = "withheld_8", _("属于行政查询事项")
    UNAVAILABLE_1 = "unavailable_1", _("本机关不掌握相关政府信息")
    UNAVAILABLE_2 = "unavailable_2", _("没有现成信息需要另行制作")
    UNAVAILABLE_3 = "unavailable_3", _("补正后申请内容仍不明确")
    NOT_PROCESSED_1 = "not_processed_1", _("信访举报投诉类申请")
    NOT_PROCESSED_2 = "not_processed_2", _("重复申请")
    NOT_PROCESSED_3 = "not_processed_3", _("要求提供公开出版物")
    NOT_PROCESSED_4 = "not_processed_4", _("无正当理由大量反复申请")
    NOT_PROCESSED_5 = "not_processed_5", _("要求行政机关确认或重新出具已获取信息")
    OTHER_1 = "other_1", _("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")
    OTHER_2 = "other_2", _("申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")
    OTHER_3 = "other_3", _("其他")


class DeliveryMethod(models.TextChoices):
    IN_PERSON = "in_person", _("直接送达")
    POST = "post", _("邮寄送达")
    ELECTRONIC = "electronic", _("电子送达")
    ENTRUSTED = "entrusted", _("委托其他行政机关代为送达")


class Application(models.Model):
    """One application for disclosure of government information, from receipt to closing."""

    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("办理机关"),
        on_delete=models.PROTECT,
        related_name="applications",
        help_text=_("现在负责办理的机关；转办后为接收转办的机关。"),
    )
    tracking_code = models.CharField(_("查询码"), max_length=40, unique=True)
    channel = models.CharField(
        _("申请渠道"), max_length=20, choices=SubmissionChannel.choices, default=SubmissionChannel.ONLINE
    )
    # The applicant (Art 29 ¶1 (一)); never shown publicly.
    applicant_type = models.CharField(_("申请人类型"), max_length=20, choices=ApplicantType.choices)
    applicant_name = models.CharField(_("申请人姓名或名称"), max_length=150, blank=True)
    id_type = models.CharField(_("证件类型"), max_length=20, choices=IdType.choices, blank=True)
    id_number = models.CharField(_("证件号码"), max_length=40, blank=True, db_index=True)
    id_document = models.FileField(
        _("身份证明扫描件"), storage=private_storage, upload_to=id_document_path, max_length=200, blank=True
    )
    id_document_type = models.CharField(_("扫描件类型"), max_length=40, blank=True, editable=False)
    legal_representative = models.CharField(_("法定代表人或负责人"), max_length=50, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通讯地址"), max_length=200, blank=True)
    postal_code = models.CharField(_("邮政编码"), max_length=10, blank=True)
    # What is asked for (Art 29 ¶1 (二)) and how (Art 29 ¶1 (三)).
    description = models.TextField(_("所需政府信息的内容描述"), blank=True)
    document_number = models.CharField(_("文件名称、文号或其他特征性描述"), max_length=300, blank=True)
    provision_form = models.CharField(
        _("信息的提供形式"), max_length=20, choices=ProvisionForm.choices, default=ProvisionForm.PAPER
    )
    provision_manner = models.CharField(
        _("获取信息的方式"), max_length=20, choices=ProvisionManner.choices, default=ProvisionManner.POST
    )
    item_count = models.PositiveSmallIntegerField(
        _("件数"), default=1, help_text=_("按“一事一申请”原则拆分计算的件数，用于按件计收信息处理费。")
    )
    # Receipt (Art 31).
    submitted_on = models.DateField(_("提交或到达日期"), null=True, blank=True)
    received_on = models.DateField(_("收到申请之日"), db_index=True)
    receipt_rule = models.CharField(_("收到日期依据"), max_length=300, blank=True)
    # State.
    status = models.CharField(_("状态"), max_length=30, choices=Status.choices, default=Status.REGISTERED)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handled_applications",
    )
    due_on = models.DateField(_("答复期限"), null=True, blank=True, db_index=True)
    correction_notice_due_on = models.DateField(_("补正告知期限"), null=True, blank=True)
    correction_due_on = models.DateField(_("申请人补正期限"), null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("已延长工作日"), default=0)
    clock_paused = models.BooleanField(_("计时暂停"), default=False)
    outcome = models.CharField(_("办理结果"), max_length=30, choices=Outcome.choices, blank=True)
    legal_basis = models.TextField(_("法律依据"), blank=True)
    reasons = models.TextField(_("理由"), blank=True)
    decided_on = models.DateField(_("答复日期"), null=True, blank=True, db_index=True)
    delivery_method = models.CharField(_("送达方式"), max_length=20, choices=DeliveryMethod.choices, blank=True)
    delivered_on = models.DateField(_("送达日期"), null=True, blank=True)
    delivery_reference = models.CharField(_("送达凭证"), max_length=100, blank=True, help_text=_("如邮件号"))
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    transferred_from = models.OneToOneField(
        "self",
        verbose_name=_("转办来源"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transferred_to",
    )
    is_imported = models.BooleanField(_("历史导入"), default=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["organization", "status"]),
            models.Index(fields=["organization", "received_on"]),
            models.Index(fields=["organization", "decided_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="transferred") | models.Q(outcome=""),
                name="applications_transferred_has_no_outcome",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome="") | models.Q(decided_on__isnull=False),
                name="applications_outcome_has_date",
            ),
            models.CheckConstraint(
                condition=models.Q(extension_days__lte=20), name="applications_extension_at_most_20"
            ),
        ]

    def __str__(self):
        return self.tracking_code

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def calendar_warnings(self) -> list[str]:
        """The provisional-year warnings a person must read next to this application's deadlines (empty when every
        year from receipt to the last deadline has its State Council schedule loaded, or when it is closed)."""
        from gongkai.core.workdays import calendar_warnings

        if not self.is_open:
            return []
        return calendar_warnings(self.received_on, self.due_on, self.correction_notice_due_on, self.correction_due_on)

    @property
    def is_organization_applicant(self) -> bool:
        return self.applicant_type != ApplicantType.NATURAL_PERSON


class Event(models.Model):
    """One dated step in an application's life. Steps of kind CLOCK_KINDS feed the statutory clock."""

    class Kind(models.TextChoices):
        REGISTERED = "registered", _("登记")
        ACCEPTED = "accepted", _("签收")
        CORRECTION_REQUESTED = "correction_requested", _("告知补正")
        CORRECTION_RECEIVED = "correction_received", _("收到补正")
        CORRECTION_LAPSED = "correction_lapsed", _("逾期未补正")
        CONSULTATION_STARTED = "consultation_started", _("开始征求意见")
        CONSULTATION_ENDED = "consultation_ended", _("征求意见结束")
        EXTENDED = "extended", _("延期答复")
        FEE_NOTIFIED = "fee_notified", _("发出收费通知")
        FEE_PAID = "fee_paid", _("缴纳费用")
        FEE_LAPSED = "fee_lapsed", _("逾期未缴费")
        DECIDED = "decided", _("作出答复")
        DELIVERED = "delivered", _("送达")
        CLOSED = "closed", _("办结")
        TRANSFERRED = "transferred", _("转办")
        IMPORTED = "imported", _("历史导入")
        DUE_RECOMPUTED = "due_recomputed", _("节假日安排调整，重新计算期限")

    application = models.ForeignKey(
        Application, verbose_name=_("申请"), on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(_("类型"), max_length=30, choices=Kind.choices)
    on = models.DateField(_("日期"))
    days = models.PositiveSmallIntegerField(_("天数"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")
        ordering = ["on", "id"]

    def __str__(self):
        return f"{self.application} {self.get_kind_display()} {self.on:%Y-%m-%d}"


CLOCK_KINDS = (
    Event.Kind.CORRECTION_REQUESTED,
    Event.Kind.CORRECTION_RECEIVED,
    Event.Kind.CONSULTATION_STARTED,
    Event.Kind.CONSULTATION_ENDED,
    Event.Kind.EXTENDED,
    Event.Kind.FEE_NOTIFIED,
    Event.Kind.FEE_PAID,
)


class Fee(models.Model):
    """A processing fee notice (信息处理费, 国办函〔2020〕109号) and its payment."""

    class Method(models.TextChoices):
        PER_ITEM = "per_item", _("按件计收")
        PER_PAGE = "per_page", _("按量计收")

    class State(models.TextChoices):
        NOTIFIED = "notified", _("待缴费")
        PAID = "paid", _("已缴费")
        LAPSED = "lapsed", _("逾期未缴费")

    application = models.OneToOneField(
        Application, verbose_name=_("申请"), on_delete=models.PROTECT, related_name="fee"
    )
    method = models.CharField(_("计费方式"), max_length=20, choices=Method.choices)
    quantity = models.PositiveIntegerField(_("计费数量"), help_text=_("按件：本申请件数；按量：页数。"))
    prior_items = models.PositiveIntegerField(_("本自然月此前已申请件数"), default=0)
    suggested_amount = models.DecimalField(_("系统测算金额（元）"), max_digits=10, decimal_places=2)
    amount = models.DecimalField(_("收费金额（元）"), max_digits=10, decimal_places=2)
    notified_on = models.DateField(_("收费通知日期"))
    pay_by = models.DateField(_("缴费期限"))
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.NOTIFIED)
    paid_on = models.DateField(_("缴费日期"), null=True, blank=True)
    receipt_number = models.CharField(_("票据号"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("信息处理费")
        verbose_name_plural = _("信息处理费")

    def __str__(self):
        return f"{self.application} {self.amount}"


class LetterTemplate(models.Model):
    """An editable reply-letter template (告知书) for one outcome; the body is sanitized HTML with {{ fields }}."""

    outcome = models.CharField(_("办理结果"), max_length=30, choices=Outcome.choices, unique=True)
    title = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("正文"), help_text=_("可使用的字段见页面说明，如 {{ 申请人 }}、{{ 收到日期 }}。"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("修改人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("告知书模板")
        verbose_name_plural = _("告知书模板")
        ordering = ["id"]

    def __str__(self):
        return self.title


class Reply(models.Model):
    """A generated reply letter. The newest reply of an application is the one delivered and published."""

    application = models.ForeignKey(
        Application, verbose_name=_("申请"), on_delete=models.PROTECT, related_name="replies"
    )
    outcome = models.CharField(_("办理结果"), max_length=30, choices=Outcome.choices)
    title = models.CharField(_("标题"), max_length=100)
    reference = models.CharField(_("文书编号"), max_length=60)
    body = models.TextField(_("正文"))
    public_body = models.TextField(_("公开查询正文（已去标识化）"))
    is_published = models.BooleanField(_("可供申请人查询"), default=False)
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("生成人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("告知书")
        verbose_name_plural = _("告知书")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.reference} {self.title}"
