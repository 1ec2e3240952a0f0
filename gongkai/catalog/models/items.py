"""Catalogs, their items (一级 → 二级 → 三级) with one code for life, and the items' versions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.models import Level

from .choices import Attribute, Audience, ItemSource, ItemStatus, Mode, Stage, TimeLimitKind, WithheldGround


class Catalog(models.Model):
    """An organization's standard catalog. `prefix` starts the codes of the items created in it."""

    organization = models.OneToOneField(
        "orgs.Organization", verbose_name=_("机构"), on_delete=models.PROTECT, related_name="catalog"
    )
    prefix = models.CharField(
        _("编码前缀"), max_length=24, unique=True, help_text=_("本目录新建事项编码的第一段，创建后不再改变。")
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("标准目录")
        verbose_name_plural = _("标准目录")
        ordering = ["organization__region__path", "organization__sort_order", "id"]

    def __str__(self):
        return str(self.organization)

    @property
    def level(self) -> str:
        return self.organization.region.level


class CodeCounter(models.Model):
    """The last sequence number handed out per catalog and domain; it only grows, so codes are never reused."""

    catalog = models.ForeignKey(Catalog, on_delete=models.PROTECT, related_name="code_counters")
    domain = models.ForeignKey("catalog.Domain", on_delete=models.PROTECT, related_name="+")
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("编码计数器")
        verbose_name_plural = _("编码计数器")
        constraints = [models.UniqueConstraint(fields=["catalog", "domain"], name="catalog_code_counter_unique")]

    def __str__(self):
        return f"{self.catalog_id}/{self.domain_id}: {self.last}"


LEVEL_FIELDS = {Level.COUNTY: "level_county", Level.TOWNSHIP: "level_township", Level.VILLAGE: "level_village"}


class Item(models.Model):
    """A disclosure item with every column of the national standard catalog.

    `code` is assigned on creation and never changes; an adopted copy in a township or village catalog keeps its
    source's code (同一事项、统一编码), so a code is unique within a catalog and names one item across levels.
    The fields hold the values in force; proposed edits wait in `Change` rows, past values in `ItemVersion`.
    """

    # No index of its own: the unique (catalog, code) index starts with it. Nor on created_by (never searched by).
    catalog = models.ForeignKey(
        Catalog, verbose_name=_("目录"), on_delete=models.PROTECT, related_name="items", db_index=False
    )
    code = models.CharField(_("统一编码"), max_length=48, editable=False)
    name = models.CharField(_("事项名称"), max_length=200)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级事项"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    domain = models.ForeignKey("catalog.Domain", verbose_name=_("领域"), on_delete=models.PROTECT, related_name="items")
    is_group = models.BooleanField(
        _("仅作分组"), default=False, help_text=_("只用来归类下级事项、本身不单列公开要求的一级或二级事项。")
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    elements = models.TextField(_("公开内容（要素）"), blank=True)
    basis = models.JSONField(
        _("公开依据"), default=list, blank=True, help_text=_("依据列表，每条含文件名称和条款，例如 第二十条。")
    )
    time_limit = models.CharField(_("公开时限"), max_length=200, blank=True)
    time_limit_kind = models.CharField(_("时限规则"), max_length=20, choices=TimeLimitKind.choices, blank=True)
    time_limit_days = models.PositiveSmallIntegerField(_("时限天数"), null=True, blank=True)
    time_limit_month = models.PositiveSmallIntegerField(_("截止月份"), null=True, blank=True)
    time_limit_day = models.PositiveSmallIntegerField(_("截止日"), null=True, blank=True)
    time_limit_rule = models.JSONField(
        _("时限规则（结构化）"),
        default=dict,
        blank=True,
        help_text=_("由公开时限文字解析得到的完整规则：类型、天数或月数、工作日或自然日、起算事件、周期等。"),
    )
    publicity_days = models.PositiveSmallIntegerField(
        _("公示期（工作日）"), null=True, blank=True, help_text=_("信息公开后须公示的工作日数，没有公示期则留空。")
    )
    responsible_text = models.CharField(
        _("公开主体"), max_length=300, blank=True, help_text=_("目录中写明的公开主体，如：县级民政部门、乡镇政府。")
    )
    responsible_orgs = models.ManyToManyField(
        "orgs.Organization", verbose_name=_("公开主体机构"), blank=True, related_name="responsible_items"
    )
    channels = models.ManyToManyField("catalog.Channel", verbose_name=_("公开渠道和载体"), blank=True)
    audience = models.CharField(_("公开对象"), max_length=10, choices=Audience.choices, blank=True)
    mode = models.CharField(_("公开方式"), max_length=12, choices=Mode.choices, blank=True)
    level_county = models.BooleanField(_("县级"), default=False)
    level_township = models.BooleanField(_("乡级"), default=False)
    level_village = models.BooleanField(_("村级"), default=False)
    stage = models.CharField(_("五公开"), max_length=12, choices=Stage.choices, blank=True)
    attribute = models.CharField(_("公开属性"), max_length=12, choices=Attribute.choices, default=Attribute.ACTIVE)
    withheld_ground = models.CharField(_("不予公开依据"), max_length=24, choices=WithheldGround.choices, blank=True)
    source = models.CharField(_("事项来源"), max_length=16, choices=ItemSource.choices, blank=True)
    source_note = models.CharField(_("来源说明"), max_length=200, blank=True)

    status = models.CharField(_("状态"), max_length=10, choices=ItemStatus.choices, default=ItemStatus.PROPOSED)
    version = models.PositiveIntegerField(_("版本"), default=0, help_text=_("在用版本号；0 表示尚未生效。"))
    retired_at = models.DateTimeField(_("废止时间"), null=True, blank=True)
    retired_reason = models.CharField(_("废止原因"), max_length=300, blank=True)
    source_item = models.ForeignKey(
        "self",
        verbose_name=_("来源事项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adoptions",
        help_text=_("从上级目录采用时指向上级目录中的事项。"),
        db_index=False,  # indexed only where set (Meta.indexes): a county's own items, nearly all, have none
    )
    adopted_version = models.PositiveIntegerField(
        _("采用的来源版本"), null=True, blank=True, help_text=_("本地副本最近一次对齐的来源事项版本号。")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("公开事项")
        verbose_name_plural = _("公开事项")
        ordering = ["catalog", "domain__sort_order", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["catalog", "code"], name="catalog_item_code_unique"),
            models.UniqueConstraint(
                fields=["catalog", "source_item"],
                condition=Q(source_item__isnull=False),
                name="catalog_item_adopted_once",
            ),
            models.CheckConstraint(
                condition=Q(attribute=Attribute.WITHHELD, withheld_ground__gt="")
                | (~Q(attribute=Attribute.WITHHELD) & Q(withheld_ground="")),
                name="catalog_item_withheld_has_ground",
            ),
        ]
        indexes = [
            models.Index(fields=["catalog", "status", "domain"], name="catalog_item_browse"),
            models.Index(fields=["source_item"], condition=Q(source_item__isnull=False), name="catalog_item_adopted"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("portal:catalog:item", kwargs={"org": self.catalog.organization.credit_code, "code": self.code})

    @property
    def depth(self) -> int:
        """1 for 一级事项, 2 for 二级, 3 for 三级 (walks the parents; use with select_related on lists)."""
        depth, node = 1, self.parent
        while node is not None:
            depth, node = depth + 1, node.parent
        return depth

    @property
    def levels(self) -> list[str]:
        return [level for level, field in LEVEL_FIELDS.items() if getattr(self, field)]

    def covers_level(self, level: str) -> bool:
        return bool(getattr(self, LEVEL_FIELDS[level], False))

    @property
    def time_rule(self):
        from gongkai.catalog.timelimits import TimeLimit

        return TimeLimit.from_item(self)

    def due_date(self, formed_on, *, region=None, event_on=None):
        """When information formed (or changed) on `formed_on` must be public, as a `WorkdayResult`, or None.

        See `gongkai.catalog.timelimits.TimeLimit.due_date` for what each rule returns.
        """
        rule = self.time_rule
        return rule.due_date(formed_on, region=region, event_on=event_on) if rule else None


class ItemVersion(models.Model):
    """One version of an item: a snapshot of every column, in force from `effective_from` until `effective_to`."""

    # Indexed by the unique (item, number) constraint; the people are never searched by: no indexes of their own.
    item = models.ForeignKey(
        Item, verbose_name=_("事项"), on_delete=models.PROTECT, related_name="versions", db_index=False
    )
    number = models.PositiveIntegerField(_("版本号"))
    data = models.JSONField(_("内容快照"), default=dict)
    effective_from = models.DateTimeField(_("生效时间"))
    effective_to = models.DateTimeField(_("失效时间"), null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("修改人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("批准人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    note = models.CharField(_("修改说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("事项版本")
        verbose_name_plural = _("事项版本")
        ordering = ["item", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="catalog_item_version_number_unique"),
            models.UniqueConstraint(
                fields=["item"], condition=Q(effective_to__isnull=True), name="catalog_item_one_open_version"
            ),
        ]

    def __str__(self):
        return f"{self.item_id} v{self.number}"
