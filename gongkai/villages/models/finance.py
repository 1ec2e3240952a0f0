"""财务公开: a village's income and expense statement for one month or quarter, kept as structured lines."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    MONTH = "month", _("月度")
    QUARTER = "quarter", _("季度")


class LineDirection(models.TextChoices):
    INCOME = "income", _("收入")
    EXPENSE = "expense", _("支出")


class FinanceStatement(models.Model):
    """收支公开表. Published as a record (table and chart on its page); its lines are the source of truth."""

    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("村（居）委会"), on_delete=models.PROTECT, related_name="finance_statements"
    )
    period_kind = models.CharField(_("公开周期"), max_length=10, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    period = models.PositiveSmallIntegerField(_("月份或季度"))
    opening_balance = models.DecimalField(_("期初余额（元）"), max_digits=14, decimal_places=2)
    record = models.OneToOneField(
        "publishing.Record",
        verbose_name=_("政府信息"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="finance_statement",
    )
    created_by = models.ForeignKey("orgs.Person", verbose_name=_("填报人"), on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("填报时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("收支公开表")
        verbose_name_plural = _("收支公开表")
        ordering = ["organization_id", "-year", "-period"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "period_kind", "year", "period"], name="villages_statement_period_unique"
            ),
        ]

    def __str__(self):
        return f"{self.organization} {self.period_label}"

    @property
    def period_label(self) -> str:
        if self.period_kind == PeriodKind.QUARTER:
            return _("%(year)s年第%(period)s季度") % {"year": self.year, "period": self.period}
        return _("%(year)s年%(period)s月") % {"year": self.year, "period": self.period}


class FinanceLine(models.Model):
    statement = models.ForeignKey(
        FinanceStatement, verbose_name=_("收支公开表"), on_delete=models.PROTECT, related_name="lines"
    )
    direction = models.CharField(_("收支"), max_length=10, choices=LineDirection.choices)
    subject = models.CharField(_("科目"), max_length=100)
    amount = models.DecimalField(_("金额（元）"), max_digits=14, decimal_places=2)
    note = models.CharField(_("摘要"), max_length=200, blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("收支明细")
        verbose_name_plural = _("收支明细")
        ordering = ["statement_id", "sort_order", "id"]

    def __str__(self):
        return self.subject
