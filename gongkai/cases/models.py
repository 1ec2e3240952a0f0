"""Case progress (办件公开): the state of individual cases of a public service, pushed by business systems.

A case holds no personal data at all: no applicant, no address, no free text but the service's name. The public
finds a case by its number and a verification code (only an HMAC of the code is stored)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStage(models.TextChoices):
    """The fixed basic steps of handling a case (受理、审查、决定、送达), in their order."""

    ACCEPTED = "accepted", _("受理")
    EXAMINED = "examined", _("审查")
    DECIDED = "decided", _("决定")
    DELIVERED = "delivered", _("送达")


STAGE_ORDER = list(CaseStage.values)


class CaseOutcome(models.TextChoices):
    GRANTED = "granted", _("准予")
    REFUSED = "refused", _("不予")


class Case(models.Model):
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("办理机构"), on_delete=models.PROTECT, related_name="cases"
    )
    item = models.ForeignKey(
        "catalog.Item",
        verbose_name=_("公开事项"),
        on_delete=models.PROTECT,
        related_name="cases",
        null=True,
        blank=True,
        help_text=_("办件所属服务在标准目录中的事项。"),
    )
    service_name = models.CharField(_("服务事项名称"), max_length=200, help_text=_("办事指南中的事项名称。"))
    number = models.CharField(_("办件编号"), max_length=64)
    code_hash = models.CharField(_("查询码摘要"), max_length=64, editable=False)
    promised_days = models.PositiveSmallIntegerField(_("承诺时限（工作日）"), null=True, blank=True)
    stage = models.CharField(_("当前环节"), max_length=20, choices=CaseStage.choices, db_index=True)
    accepted_on = models.DateField(_("受理日期"))
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    delivered_on = models.DateField(_("送达日期"), null=True, blank=True)
    outcome = models.CharField(_("办理结果"), max_length=10, choices=CaseOutcome.choices, blank=True)
    working_days = models.PositiveIntegerField(
        _("实际用时（工作日）"), null=True, blank=True, help_text=_("受理到决定的工作日数。")
    )
    pushed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("推送账号"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("办件")
        verbose_name_plural = _("办件")
        constraints = [models.UniqueConstraint(fields=["organization", "number"], name="cases_case_unique_number")]
        indexes = [models.Index(fields=["organization", "service_name", "accepted_on"])]

    def __str__(self):
        return f"{self.service_name} {self.number}"

    @property
    def within_promise(self) -> bool | None:
        if self.working_days is None or self.promised_days is None:
            return None
        return self.working_days <= self.promised_days


class CaseStep(models.Model):
    case = models.ForeignKey(Case, verbose_name=_("办件"), on_delete=models.PROTECT, related_name="steps")
    stage = models.CharField(_("环节"), max_length=20, choices=CaseStage.choices)
    on = models.DateField(_("日期"))
    recorded_at = models.DateTimeField(_("记录时间"), auto_now=True)

    class Meta:
        verbose_name = _("办理环节")
        verbose_name_plural = _("办理环节")
        constraints = [models.UniqueConstraint(fields=["case", "stage"], name="cases_step_unique_stage")]

    def __str__(self):
        return f"{self.get_stage_display()} {self.on}"
