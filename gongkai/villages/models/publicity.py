"""公示: a record published for a period of working days during which residents may object (异议)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicityKind(models.TextChoices):
    SUBSISTENCE = "subsistence", _("低保、特困等救助对象")
    AWARD = "award", _("评选评优")
    HOUSING = "housing", _("保障性住房分配与退出")
    FEE = "fee", _("收费公示")
    OTHER = "other", _("其他公示")


# Calendar days a notice stays online after its period ends (None: it stays, like a standing 低保 list).
KEEP_DAYS = {
    PublicityKind.SUBSISTENCE: None,
    PublicityKind.AWARD: 30,
    PublicityKind.HOUSING: 30,
    PublicityKind.FEE: None,
    PublicityKind.OTHER: 30,
}


class Publicity(models.Model):
    """The publicity facts of one record: kind, length in working days, period, outcome."""

    record = models.OneToOneField(
        "publishing.Record", verbose_name=_("政府信息"), on_delete=models.PROTECT, related_name="publicity"
    )
    kind = models.CharField(_("公示类型"), max_length=20, choices=PublicityKind.choices)
    working_days = models.PositiveSmallIntegerField(_("公示期（工作日）"), default=7)
    keep_days = models.PositiveSmallIntegerField(
        _("期满后保留天数"), null=True, blank=True, help_text=_("公示期满后在网站保留的天数；留空表示长期保留。")
    )
    starts_on = models.DateField(_("公示开始日期"), null=True, blank=True)
    ends_on = models.DateField(_("公示截止日期"), null=True, blank=True)
    result = models.TextField(_("公示结果"), blank=True, help_text=_("有异议时，写明核查和处理结果；公开。"))
    result_recorded_at = models.DateTimeField(_("结果登记时间"), null=True, blank=True)
    result_recorded_by = models.ForeignKey(
        "orgs.Person", verbose_name=_("结果登记人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("公示")
        verbose_name_plural = _("公示")

    def __str__(self):
        return str(self.record)


class PublicityEntry(models.Model):
    """One row of a publicity list (低保名单、评优名单 …). Personal data is masked whenever shown to the public."""

    publicity = models.ForeignKey(Publicity, verbose_name=_("公示"), on_delete=models.PROTECT, related_name="entries")
    name = models.CharField(_("姓名"), max_length=50)
    id_number = models.CharField(_("身份证号"), max_length=18, blank=True)
    address = models.CharField(_("住址"), max_length=200, blank=True)
    detail = models.CharField(_("公示内容"), max_length=200, blank=True, help_text=_("如：保障人数3人，月保障金1260元"))
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("公示名单条目")
        verbose_name_plural = _("公示名单条目")
        ordering = ["publicity_id", "sort_order", "id"]

    def __str__(self):
        return self.name


class ObjectionOutcome(models.TextChoices):
    UPHELD = "upheld", _("异议成立，已纠正")
    PARTLY = "partly", _("异议部分成立")
    REJECTED = "rejected", _("经核查异议不成立")


class Objection(models.Model):
    """A resident's objection during the publicity period. Name and contact are private (staff only)."""

    publicity = models.ForeignKey(
        Publicity, verbose_name=_("公示"), on_delete=models.PROTECT, related_name="objections"
    )
    text = models.TextField(_("异议内容"))
    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("联系电话"), max_length=30)
    submitted_at = models.DateTimeField(_("提出时间"), auto_now_add=True)
    ip_address = models.GenericIPAddressField(_("来源地址"), null=True, blank=True)
    answer = models.TextField(_("答复"), blank=True)
    outcome = models.CharField(_("核查结果"), max_length=20, choices=ObjectionOutcome.choices, blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    answered_by = models.ForeignKey(
        "orgs.Person", verbose_name=_("答复人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("异议")
        verbose_name_plural = _("异议")
        ordering = ["publicity_id", "submitted_at", "id"]

    def __str__(self):
        return self.text[:30]
