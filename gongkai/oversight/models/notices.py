"""Inspection notices (督查通报) and their problems, answered by the organizations and accepted by the office.

Problem states: open → answered → accepted, or answered → returned → answered … A problem is overdue (red) while
it is open or returned after its due date; overdue is derived, never stored.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .schemes import private_storage

PERSON = settings.AUTH_USER_MODEL


class NoticeStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    ISSUED = "issued", _("已印发")


class ProblemStatus(models.TextChoices):
    OPEN = "open", _("待整改")
    ANSWERED = "answered", _("已反馈待验收")
    RETURNED = "returned", _("退回重新整改")
    ACCEPTED = "accepted", _("已验收")


class ProblemSource(models.TextChoices):
    TYPED = "typed", _("督查发现")
    INSPECTION = "inspection", _("网站自查")
    SCORE = "score", _("考核扣分")


class AnswerDecision(models.TextChoices):
    PENDING = "pending", _("待验收")
    ACCEPTED = "accepted", _("验收通过")
    RETURNED = "returned", _("退回")


class Notice(models.Model):
    issuer = models.ForeignKey(
        "orgs.Organization", verbose_name=_("通报机关"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("通报标题"), max_length=200)
    doc_number = models.CharField(_("文号"), max_length=100, blank=True)
    body = models.TextField(_("通报正文"), blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=NoticeStatus.choices, default=NoticeStatus.DRAFT)
    issued_on = models.DateField(_("印发日期"), null=True, blank=True)
    is_published = models.BooleanField(_("已公开"), default=False)
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    created_by = models.ForeignKey(PERSON, verbose_name=_("起草人"), on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("督查通报")
        verbose_name_plural = _("督查通报")
        ordering = ["-issued_on", "-id"]

    def __str__(self):
        return self.title


class Problem(models.Model):
    notice = models.ForeignKey(Notice, verbose_name=_("督查通报"), on_delete=models.PROTECT, related_name="problems")
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("整改单位"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("问题描述"))
    source = models.CharField(_("问题来源"), max_length=12, choices=ProblemSource.choices, default=ProblemSource.TYPED)
    finding = models.OneToOneField(
        "oversight.Finding",
        verbose_name=_("自查发现"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="problem",
    )
    url = models.CharField(_("相关网址"), max_length=500, blank=True)
    deadline_days = models.PositiveSmallIntegerField(_("整改时限（工作日）"), default=10)
    due_on = models.DateField(_("整改期限"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=ProblemStatus.choices, default=ProblemStatus.OPEN)
    answered_late = models.BooleanField(_("逾期反馈"), default=False)
    accepted_on = models.DateField(_("验收日期"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("通报问题")
        verbose_name_plural = _("通报问题")
        ordering = ["notice_id", "sort_order", "id"]
        indexes = [models.Index(fields=["organization", "status"])]

    def __str__(self):
        return self.description[:60]

    def is_overdue(self, today) -> bool:
        return (
            self.status in (ProblemStatus.OPEN, ProblemStatus.RETURNED)
            and self.due_on is not None
            and today > self.due_on
        )


def answer_path(instance, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"oversight/answers/{uuid.uuid4().hex}.{suffix}"


class Answer(models.Model):
    """One answer of the organization (原因及整改结果) and the office's decision on it."""

    problem = models.ForeignKey(Problem, verbose_name=_("通报问题"), on_delete=models.PROTECT, related_name="answers")
    cause = models.TextField(_("问题原因"))
    rectification = models.TextField(_("整改结果"))
    evidence = models.FileField(
        _("佐证材料"), storage=private_storage, upload_to=answer_path, max_length=200, blank=True
    )
    evidence_name = models.CharField(_("佐证材料文件名"), max_length=200, blank=True)
    answered_by = models.ForeignKey(PERSON, verbose_name=_("反馈人"), on_delete=models.PROTECT, related_name="+")
    answered_on = models.DateField(_("反馈日期"))
    decision = models.CharField(
        _("验收结果"), max_length=10, choices=AnswerDecision.choices, default=AnswerDecision.PENDING
    )
    comment = models.TextField(_("验收意见"), blank=True)
    decided_by = models.ForeignKey(
        PERSON, verbose_name=_("验收人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(_("验收日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("整改反馈")
        verbose_name_plural = _("整改反馈")
        ordering = ["problem_id", "id"]

    def __str__(self):
        return f"{self.problem_id} {self.answered_on}"
