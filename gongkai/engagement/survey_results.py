"""The results of a survey, counted the way 徐汇's report counts them.

Per channel: issued (派发), returned (回收), valid (有效); valid return rate = valid ÷ issued (e.g. 732 ÷ 770 =
95.1%); when nothing was recorded as issued for a channel the rate is not given (never divided by zero, never
guessed). Per question, over valid responses only: choice counts, ratings 1–5 with their average, text answers
counted (their content is shown masked, to staff only). Satisfaction rate = satisfied answers ÷ answers to the
questions that measure satisfaction (ratings of 4 or 5, options marked 满意), per question, per channel and overall.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count
from django.utils.translation import gettext as _

from .models import Answer, ChannelIssue, Question, QuestionKind, Response, Survey, SurveyChannel

SATISFIED_RATING = 4


def percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class ChannelRow:
    channel: str
    label: str
    issued: int = 0
    returned: int = 0
    valid: int = 0
    satisfied: int = 0
    rated: int = 0

    @property
    def valid_rate(self) -> Decimal | None:
        return percent(self.valid, self.issued)

    @property
    def satisfaction_rate(self) -> Decimal | None:
        return percent(self.satisfied, self.rated)


@dataclass
class QuestionResult:
    question: Question
    rows: list[tuple[str, int]] = field(default_factory=list)  # (label, count)
    answered: int = 0
    satisfied: int = 0
    rated: int = 0
    average: Decimal | None = None

    @property
    def satisfaction_rate(self) -> Decimal | None:
        return percent(self.satisfied, self.rated) if self.question.measures_satisfaction else None


@dataclass
class SurveyResults:
    survey: Survey
    channels: list[ChannelRow]
    questions: list[QuestionResult]

    @property
    def total(self) -> ChannelRow:
        total = ChannelRow("total", _("合计"))
        for row in self.channels:
            for name in ("issued", "returned", "valid", "satisfied", "rated"):
                setattr(total, name, getattr(total, name) + getattr(row, name))
        return total


def results_for(survey: Survey) -> SurveyResults:
    """Everything in five queries, whatever the number of responses."""
    questions = list(survey.questions.prefetch_related("options").select_related("section"))
    by_id = {question.pk: question for question in questions}
    satisfied_options = {
        option.pk for question in questions for option in question.options.all() if option.counts_as_satisfied
    }
    channels = {channel.value: ChannelRow(channel.value, str(channel.label)) for channel in SurveyChannel}
    for issue in ChannelIssue.objects.filter(survey=survey):
        channels[issue.channel].issued = issue.issued
    for row in Response.objects.filter(survey=survey).values("channel", "is_valid").annotate(n=Count("id")):
        channels[row["channel"]].returned += row["n"]
        if row["is_valid"]:
            channels[row["channel"]].valid += row["n"]
    results = {question.pk: QuestionResult(question) for question in questions}
    option_counts: dict[int, int] = defaultdict(int)
    rating_counts: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    answered_responses: dict[int, set[int]] = defaultdict(set)
    answers = Answer.objects.filter(response__survey=survey, response__is_valid=True).values_list(
        "question_id", "option_id", "rating", "response_id", "response__channel"
    )
    for question_id, option_id, rating, response_id, channel in answers:
        question = by_id[question_id]
        answered_responses[question_id].add(response_id)
        if option_id:
            option_counts[option_id] += 1
        if rating:
            rating_counts[question_id][rating] += 1
        if question.measures_satisfaction:
            satisfied = (
                (rating or 0) >= SATISFIED_RATING
                if question.kind == QuestionKind.RATING
                else option_id in satisfied_options
            )
            results[question_id].rated += 1
            results[question_id].satisfied += int(satisfied)
            channels[channel].rated += 1
            channels[channel].satisfied += int(satisfied)
    for question in questions:
        result = results[question.pk]
        result.answered = len(answered_responses[question.pk])
        if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            result.rows = [(option.label, option_counts[option.pk]) for option in question.options.all()]
        elif question.kind == QuestionKind.RATING:
            counts = rating_counts[question.pk]
            result.rows = [(_("%(score)s分") % {"score": score}, counts[score]) for score in range(5, 0, -1)]
            total = sum(counts.values())
            if total:
                result.average = (Decimal(sum(score * n for score, n in counts.items())) / total).quantize(
                    Decimal("0.01")
                )
    used = [row for row in channels.values() if row.issued or row.returned]
    return SurveyResults(survey, used, [results[question.pk] for question in questions])
