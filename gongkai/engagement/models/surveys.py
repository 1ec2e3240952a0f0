"""Satisfaction surveys (满意度测评): questionnaires, channels with the number issued, responses and answers."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import QuestionKind, SurveyChannel, SurveyStatus, ValidityRule


class Survey(models.Model):
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("组织机构"), on_delete=models.PROTECT, related_name="surveys"
    )
    title = models.CharField(_("标题"), max_length=200)
    introduction = models.TextField(_("说明"), blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT)
    validity_rule = models.CharField(
        _("有效问卷规则"), max_length=30, choices=ValidityRule.choices, default=ValidityRule.REQUIRED_ANSWERED
    )
    opens_on = models.DateField(_("开始日期"), null=True, blank=True)
    closes_on = models.DateField(_("结束日期"), null=True, blank=True)
    summary = models.TextField(_("结果摘要"), blank=True)
    published_at = models.DateTimeField(_("结果公开时间"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("满意度调查")
        verbose_name_plural = _("满意度调查")
        ordering = ("-id",)

    def __str__(self):
        return self.title


class Section(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="sections")
    title = models.CharField(_("部分标题"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("position", "id")

    def __str__(self):
        return self.title


class CurrentManager(models.Manager):
    """Hides what was removed from a draft questionnaire: `survey.questions`, `question.options`, prefetches and
    `Question.objects` see only the current rows. Removed rows stay in the table (nothing is deleted) and are
    reachable through `with_removed`. Answers only exist for questions of opened surveys, which can no longer change."""

    def get_queryset(self):
        return super().get_queryset().filter(is_removed=False)


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="questions")
    section = models.ForeignKey(Section, null=True, blank=True, on_delete=models.PROTECT, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("题目"), max_length=300)
    kind = models.CharField(_("题型"), max_length=20, choices=QuestionKind.choices)
    is_required = models.BooleanField(_("必答"), default=True)
    measures_satisfaction = models.BooleanField(
        _("计入满意率"), default=False, help_text=_("评分题4分及以上、单选题中标为“满意”的选项计为满意。")
    )
    is_removed = models.BooleanField(_("已删除"), default=False)

    with_removed = models.Manager()
    objects = CurrentManager()  # the default (Meta.default_manager_name), so related managers hide removed rows

    class Meta:
        ordering = ("position", "id")
        default_manager_name = "objects"
        base_manager_name = "with_removed"

    def __str__(self):
        return self.text


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="options")
    label = models.CharField(_("选项"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)
    counts_as_satisfied = models.BooleanField(_("计为满意"), default=False)
    is_removed = models.BooleanField(_("已删除"), default=False)

    with_removed = models.Manager()
    objects = CurrentManager()  # the default (Meta.default_manager_name), so related managers hide removed rows

    class Meta:
        ordering = ("position", "id")
        default_manager_name = "objects"
        base_manager_name = "with_removed"

    def __str__(self):
        return self.label


class ChannelIssue(models.Model):
    """How many questionnaires went out through one channel (派发份数)."""

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="issues")
    channel = models.CharField(_("渠道"), max_length=30, choices=SurveyChannel.choices)
    issued = models.PositiveIntegerField(_("派发份数"), default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("survey", "channel"), name="engagement_issue_unique_channel")]

    def __str__(self):
        return f"{self.survey_id} {self.channel}"


class Response(models.Model):
    """One returned questionnaire. Online ones carry a one-way hash of the browser session, never an identity."""

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    channel = models.CharField(_("渠道"), max_length=30, choices=SurveyChannel.choices)
    session_digest = models.CharField(max_length=64, null=True, blank=True)
    paper_number = models.CharField(_("问卷编号"), max_length=40, blank=True)
    is_valid = models.BooleanField(_("有效"), default=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("id",)
        constraints = [
            models.UniqueConstraint(fields=("survey", "session_digest"), name="engagement_response_one_per_session")
        ]

    def __str__(self):
        return f"{self.survey_id}#{self.pk}"


class Answer(models.Model):
    """One answer: a choice (one row per chosen option of a multiple choice), a rating 1–5 or a text."""

    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    option = models.ForeignKey(Option, null=True, blank=True, on_delete=models.PROTECT, related_name="answers")
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ("id",)
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="engagement_answer_rating_range",
            )
        ]

    def __str__(self):
        return f"{self.response_id}:{self.question_id}"
