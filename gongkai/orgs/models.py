"""Regions, organizations, people and their roles."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .codes import DIVISION_CODE_PATTERN, is_valid_credit_code


class Level(models.TextChoices):
    COUNTY = "county", _("县级")
    TOWNSHIP = "township", _("乡级")
    VILLAGE = "village", _("村级")


class Role(models.TextChoices):
    ADMIN = "admin", _("系统管理员")
    OFFICE = "office", _("政务公开办公室")
    CLERK = "clerk", _("信息员")
    REVIEWER = "reviewer", _("审核人")
    CONFIDENTIALITY_OFFICER = "confidentiality_officer", _("保密审查员")
    GRID_WORKER = "grid_worker", _("网格员")


def validate_division_code(value: str) -> None:
    if not DIVISION_CODE_PATTERN.match(value or ""):
        raise ValidationError(_("行政区划代码应为12位数字，例如 320402000000。"), code="division_code")


def validate_credit_code(value: str) -> None:
    if not is_valid_credit_code(value):
        raise ValidationError(
            _("统一社会信用代码“%(value)s”无效：应为18位（不含I、O、S、V、Z），且最后一位校验码符合 GB 32100。"),
            code="credit_code",
            params={"value": value},
        )


class Region(models.Model):
    """A node of the administrative division tree. `path` holds the ancestors' codes for cheap subtree queries."""

    name = models.CharField(_("名称"), max_length=100)
    level = models.CharField(_("层级"), max_length=10, choices=Level.choices)
    division_code = models.CharField(_("行政区划代码"), max_length=12, unique=True, validators=[validate_division_code])
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("路径"), max_length=500, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(_("深度"), default=0, editable=False)
    villages_publish_through_township = models.BooleanField(
        _("村（社区）信息由本乡镇（街道）审核"),
        default=True,
        help_text=_(
            "仅对乡级区划有效：勾选时，本乡镇（街道）的审核人和保密审查员审核下辖村（居）委会的信息；"
            "不勾选时，村（居）委会须有自己的审核人和保密审查员。"
        ),
    )

    class Meta:
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        ordering = ["path"]

    def __str__(self):
        return self.name

    def ancestors_and_self_ids(self) -> list[int]:
        codes = [code for code in self.path.split("/") if code]
        return list(Region.objects.filter(division_code__in=codes).values_list("id", flat=True))

    def subtree(self):
        return Region.objects.filter(path__startswith=self.path)


class SealMode(models.TextChoices):
    """Whether the documents an organization issues are stamped (the values of core.documents.SealMode)."""

    STAMPED = "stamped", _("加盖印章")
    UNSTAMPED = "unstamped", _("不加盖印章")


class Organization(models.Model):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("人民政府")
        DEPARTMENT = "department", _("政府部门")
        STREET_OFFICE = "street_office", _("街道办事处")
        COMMITTEE = "committee", _("村（居）民委员会")
        OTHER = "other", _("其他")

    region = models.ForeignKey(
        Region, verbose_name=_("行政区划"), on_delete=models.PROTECT, related_name="organizations"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    kind = models.CharField(_("机构类型"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=150, help_text=_("机构全称，如：常州市天宁区人民政府办公室"))
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True, validators=[validate_credit_code])
    address = models.CharField(_("办公地址"), max_length=200, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    fax = models.CharField(_("传真"), max_length=50, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    # 机构概况 shown on the portal's directory page; plain text, one item a line.
    leaders = models.TextField(
        _("领导信息"),
        blank=True,
        help_text=_("每行一位：姓名、职务、分工，用空格或“：”分隔，如：张三 局长 主持全面工作"),
    )
    internal_units = models.TextField(_("内设机构"), blank=True, help_text=_("每行一个内设机构，可在名称后写明职责"))
    functions = models.TextField(_("主要职能"), blank=True, help_text=_("机构的主要职责，每段一行"))
    is_active = models.BooleanField(_("有效"), default=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    # How the official documents it issues look (GB/T 9704-2012, gongkai.core.documents).
    issuer_mark = models.CharField(
        _("发文机关标志"),
        max_length=40,
        blank=True,
        help_text=_("文件格式版头的红色标志，如：青溪区人民政府办公室文件。不填则为“机构全称＋文件”。"),
    )
    seal_mode = models.CharField(
        _("印章"),
        max_length=20,
        choices=SealMode.choices,
        default=SealMode.STAMPED,
        help_text=_("加盖印章时，署名以成文日期为准居中、日期右空四字，留出盖章位置；不加盖印章时署名右空二字。"),
    )
    printed_by = models.CharField(
        _("印发机关"),
        max_length=150,
        blank=True,
        help_text=_("版记中的印发机关，一般为办公厅（室）。不填则为本机构。"),
    )

    class Meta:
        verbose_name = _("机构")
        verbose_name_plural = _("机构")
        ordering = ["region__path", "sort_order", "id"]

    def __str__(self):
        return self.name

    @property
    def document_issuer_mark(self) -> str:
        return self.issuer_mark or f"{self.name}文件"

    @property
    def document_printed_by(self) -> str:
        return self.printed_by or self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class Person(AbstractUser):
    """A staff account. The public never logs in; applicants are not people here."""

    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    phone = models.CharField(_("手机"), max_length=30, blank=True)
    failed_logins = models.PositiveSmallIntegerField(_("连续登录失败次数"), default=0, editable=False)
    locked_until = models.DateTimeField(_("锁定至"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("工作人员")
        verbose_name_plural = _("工作人员")

    def __str__(self):
        return self.full_name or self.username


class Membership(models.Model):
    """A person's role in an organization. A person may hold several roles in several organizations."""

    person = models.ForeignKey(Person, verbose_name=_("工作人员"), on_delete=models.PROTECT, related_name="memberships")
    organization = models.ForeignKey(
        Organization, verbose_name=_("机构"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("角色"), max_length=30, choices=Role.choices)
    is_active = models.BooleanField(_("有效"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("角色分配")
        verbose_name_plural = _("角色分配")
        constraints = [
            models.UniqueConstraint(fields=["person", "organization", "role"], name="orgs_membership_unique"),
        ]

    def __str__(self):
        return f"{self.person} · {self.organization} · {self.get_role_display()}"


def validate_site_path(value: str) -> None:
    if value and not value.startswith("/"):
        raise ValidationError(_("请填写本站内的地址，以“/”开头，如 /static/portal/logo.svg。"))


class SiteSettings(models.Model):
    """The portal's identity for a county-level site (a top-level region): the name, the sponsor, the registration
    numbers every government website shows in its footer, and the contacts. One per top-level region."""

    region = models.OneToOneField(
        Region, verbose_name=_("行政区划"), on_delete=models.PROTECT, related_name="site_settings"
    )
    site_name = models.CharField(_("网站名称"), max_length=100, blank=True, help_text=_("留空则使用系统默认名称"))
    logo_url = models.CharField(
        _("网站标志地址"),
        max_length=200,
        blank=True,
        validators=[validate_site_path],
        help_text=_("本站内的图片地址，以“/”开头；留空则只显示网站名称"),
    )
    sponsor = models.CharField(_("主办单位"), max_length=150, blank=True)
    organizer = models.CharField(_("承办单位"), max_length=150, blank=True)
    site_code = models.CharField(
        _("网站标识码"),
        max_length=10,
        blank=True,
        validators=[RegexValidator(r"^[0-9A-Za-z]{10}$", _("网站标识码是10位数字或字母，如 3204990001。"))],
    )
    icp_number = models.CharField(_("ICP备案号"), max_length=50, blank=True, help_text=_("如：苏ICP备05000000号"))
    police_number = models.CharField(
        _("公安机关备案号"), max_length=50, blank=True, help_text=_("如：苏公网安备 32049902000000号")
    )
    contact_phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    contact_email = models.EmailField(_("联系邮箱"), blank=True)
    contact_address = models.CharField(_("联系地址"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("网站设置")
        verbose_name_plural = _("网站设置")

    def __str__(self):
        return self.site_name or str(self.region)


class SiteErrorReport(models.Model):
    """A visitor's report of an error on the website (我为政府网站找错), a message for the office."""

    class Status(models.TextChoices):
        NEW = "new", _("待处理")
        HANDLED = "handled", _("已处理")

    region = models.ForeignKey(
        Region, verbose_name=_("行政区划"), on_delete=models.PROTECT, related_name="site_error_reports"
    )
    page_url = models.CharField(_("出错页面地址"), max_length=500, blank=True)
    description = models.TextField(_("问题描述"), max_length=2000)
    contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    ip_address = models.GenericIPAddressField(_("IP地址"), null=True, blank=True, editable=False)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    handled_by = models.ForeignKey(
        Person, verbose_name=_("处理人"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    handling_note = models.CharField(_("处理说明"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("网站纠错留言")
        verbose_name_plural = _("网站纠错留言")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.description[:30]
