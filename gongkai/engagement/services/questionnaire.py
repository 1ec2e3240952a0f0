"""Building a survey's questionnaire while it is a draft: sections, questions (add, edit, remove, reorder).

Once the survey is open the questionnaire is fixed: answers refer to its questions and options, so every service
here refuses anything but a draft. A removed question or option is kept with `is_removed` (nothing is deleted) and
disappears from the questionnaire; the remaining questions are numbered again 1…n, so "第3题" in a message is the
third question the citizen sees.
"""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from ..access import require
from ..errors import EngagementError, EngagementErrorCode
from ..models import Option, Question, QuestionKind, Section, Survey, SurveyStatus, ValidityRule
from .common import log, not_blank, wrong_state
from .surveys import locked

CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
SATISFACTION_KINDS = (QuestionKind.SINGLE, QuestionKind.RATING)


@transaction.atomic
def create_survey(
    *,
    actor,
    organization,
    title: str,
    introduction: str = "",
    validity_rule: str = ValidityRule.REQUIRED_ANSWERED,
    opens_on: date | None = None,
    closes_on: date | None = None,
) -> Survey:
    require(actor, organization, "manage")
    if validity_rule not in ValidityRule.values:
        raise EngagementError(EngagementErrorCode.INVALID, _("请选择有效问卷规则。"), field="validity_rule")
    if opens_on and closes_on and closes_on < opens_on:
        raise EngagementError(EngagementErrorCode.INVALID, _("结束日期不能早于开始日期。"), field="closes_on")
    survey = Survey.objects.create(
        organization=organization,
        title=not_blank(title, _("标题"), "title"),
        introduction=introduction.strip(),
        validity_rule=validity_rule,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=actor,
    )
    log("survey.created", actor=actor, target=survey)
    return survey


def _editable(actor, survey: Survey) -> Survey:
    survey = locked(survey)
    require(actor, survey.organization, "manage")
    if survey.status != SurveyStatus.DRAFT:
        raise wrong_state(survey, _("修改问卷"))
    return survey


@transaction.atomic
def add_section(*, actor, survey: Survey, title: str) -> Section:
    survey = _editable(actor, survey)
    section = Section.objects.create(
        survey=survey, title=not_blank(title, _("部分标题"), "title"), position=survey.sections.count()
    )
    log("survey.question_added", actor=actor, target=survey, data={"section": section.title})
    return section


def _option_pairs(kind: str, options) -> list[tuple[str, bool]]:
    """`options` are labels or (label, counts_as_satisfied) pairs; a choice question needs at least two."""
    if kind not in QuestionKind.values:
        raise EngagementError(EngagementErrorCode.INVALID, _("请选择题型。"), field="kind")
    if kind not in CHOICE_KINDS:
        return []
    pairs = [(item, False) if isinstance(item, str) else tuple(item) for item in (options or [])]
    pairs = [(str(label).strip(), bool(satisfied)) for label, satisfied in pairs if str(label).strip()]
    if len(pairs) < 2:
        raise EngagementError(EngagementErrorCode.INVALID, _("选择题至少需要两个选项。"), field="options")
    return pairs


def _check_section(survey: Survey, section: Section | None) -> None:
    if section is not None and section.survey_id != survey.pk:
        raise EngagementError(EngagementErrorCode.INVALID, _("所选部分不属于本问卷。"), field="section")


@transaction.atomic
def add_question(
    *,
    actor,
    survey: Survey,
    text: str,
    kind: str,
    is_required: bool = True,
    section: Section | None = None,
    options: list | None = None,
    measures_satisfaction: bool = False,
) -> Question:
    """`options` are labels, or (label, counts_as_satisfied) pairs, for single and multiple choice."""
    survey = _editable(actor, survey)
    pairs = _option_pairs(kind, options)
    _check_section(survey, section)
    question = Question.objects.create(
        survey=survey,
        section=section,
        position=survey.questions.count(),
        text=not_blank(text, _("题目"), "text"),
        kind=kind,
        is_required=is_required,
        measures_satisfaction=measures_satisfaction and kind in SATISFACTION_KINDS,
    )
    Option.objects.bulk_create(
        Option(question=question, label=label, position=index, counts_as_satisfied=satisfied)
        for index, (label, satisfied) in enumerate(pairs)
    )
    log("survey.question_added", actor=actor, target=survey, data={"question": question.text, "kind": kind})
    return question


def _editable_question(actor, question: Question) -> tuple[Survey, Question]:
    survey = _editable(actor, question.survey)
    current = survey.questions.select_for_update().filter(pk=question.pk).first()
    if current is None:
        raise EngagementError(EngagementErrorCode.INVALID, _("该题目已删除。"))
    return survey, current


def _replace_options(question: Question, pairs: list[tuple[str, bool]]) -> None:
    """Keep the options in order: the n-th line updates the n-th option, extra lines add options, options left over
    are marked removed."""
    existing = list(question.options.all())
    for index, (label, satisfied) in enumerate(pairs):
        if index < len(existing):
            option = existing[index]
            option.label, option.counts_as_satisfied, option.position = label, satisfied, index
            option.save(update_fields=["label", "counts_as_satisfied", "position"])
        else:
            Option.objects.create(question=question, label=label, position=index, counts_as_satisfied=satisfied)
    Option.objects.filter(pk__in=[option.pk for option in existing[len(pairs) :]]).update(is_removed=True)


@transaction.atomic
def update_question(
    *,
    actor,
    question: Question,
    text: str,
    kind: str,
    is_required: bool = True,
    section: Section | None = None,
    options: list | None = None,
    measures_satisfaction: bool = False,
) -> Question:
    """Change a draft's question: its text, kind, section, whether it is required or measures satisfaction, and
    its options (same rules as when adding it)."""
    survey, question = _editable_question(actor, question)
    pairs = _option_pairs(kind, options)
    _check_section(survey, section)
    before = {"text": question.text, "kind": question.kind, "options": [o.label for o in question.options.all()]}
    question.text = not_blank(text, _("题目"), "text")
    question.kind, question.section, question.is_required = kind, section, is_required
    question.measures_satisfaction = measures_satisfaction and kind in SATISFACTION_KINDS
    question.save(update_fields=["text", "kind", "section", "is_required", "measures_satisfaction"])
    _replace_options(question, pairs)
    after = {"text": question.text, "kind": kind, "options": [label for label, _satisfied in pairs]}
    log("survey.question_changed", actor=actor, target=survey, data={"question": question.pk, "before": before,
                                                                     "after": after})  # fmt: skip
    return question


def _renumber(survey: Survey) -> None:
    for index, pk in enumerate(survey.questions.order_by("position", "id").values_list("pk", flat=True)):
        Question.objects.filter(pk=pk).exclude(position=index).update(position=index)


@transaction.atomic
def remove_question(*, actor, question: Question) -> None:
    """Take a question out of a draft questionnaire (kept, marked removed); the others close up."""
    survey, question = _editable_question(actor, question)
    Question.objects.filter(pk=question.pk).update(is_removed=True)
    _renumber(survey)
    log("survey.question_removed", actor=actor, target=survey, data={"question": question.pk, "text": question.text})


@transaction.atomic
def move_question(*, actor, question: Question, up: bool) -> Question:
    """Swap a question with the one before (`up`) or after it; at either end nothing moves and nothing is logged."""
    survey, question = _editable_question(actor, question)
    _renumber(survey)
    order = list(survey.questions.order_by("position", "id").values_list("pk", flat=True))
    index = order.index(question.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(order):
        return question
    Question.objects.filter(pk=order[other]).update(position=index)
    Question.objects.filter(pk=question.pk).update(position=other)
    log("survey.question_moved", actor=actor, target=survey, data={"question": question.pk, "position": other + 1})
    question.refresh_from_db(fields=["position"])
    return question
