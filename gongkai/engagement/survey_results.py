"""The results of a survey, counted the way 徐汇's report counts them.

Per channel: issued (派发), returned (回收), valid (有效); valid return rate = valid ÷ issued (e.g. 732 ÷ 770 =
95.1%); when nothing was recorded as issued for a channel the rate is not given (never divided by zero, never
guessed). Per question, over valid responses only: choice counts, ratings 1–5 with their average, text answers
counted (their content is shown masked, to staff only). Satisfaction rate = satisfied answers ÷ answers to the
questions that measure satisfaction (ratings of 4 or 5, options marked 满意), per question, per channel and overall.
Each question is also broken down by channel (网上, 窗口, 行政服务中心 …): the same rows counted per channel, with the
number who answered and the satisfaction rate per channel, so a chart and its table can compare the channels.
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
class ChannelCounts:
    """One question's answers through one channel: `counts` line up with the question's rows."""

    channel: str
    label: str
    counts: list[int] = field(default_factory=list)
    answered: int = 0
    satisfied: int = 0
    rated: int = 0
    measures_satisfaction: bool = False

    @property
    def satisfaction_rate(self) -> Decimal | None:
        return percent(self.satisfied, self.rated) if self.measures_satisfaction else None


@dataclass
class QuestionResult:
    question: Question
    rows: list[tuple[str, int]] = field(default_factory=list)  # (label, count)
    answered: int = 0
    satisfied: int = 0
    rated: int = 0
    average: Decimal | None = None
    channels: list[ChannelCounts] = field(default_factory=list)  # per channel with valid responses, in channel order

    @property
    def satisfaction_rate(self) -> Decimal | None:
        return percent(self.satisfied, self.rated) if self.question.measures_satisfaction else None

    @property
    def table(self) -> list[tuple[str, list[int], int]]:
        """(row label, counts per channel, total) for the by-channel table."""
        return [
            (label, [channel.counts[index] for channel in self.channels], total)
            for index, (label, total) in enumerate(self.rows)
        ]


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


@dataclass
class Tally:
    """The valid answers counted by (…, channel); a question's totals are the sums over its channels."""

    options: dict[tuple[int, str], int] = field(default_factory=lambda: defaultdict(int))
    ratings: dict[tuple[int, str], dict[int, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )
    responses: dict[tuple[int, str], set[int]] = field(default_factory=lambda: defaultdict(set))
    satisfaction: dict[tuple[int, str], list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))


SCORES = range(5, 0, -1)  # rows of a rating question: 5分 … 1分


def _is_satisfied(question: Question, option_id, rating, satisfied_options: set[int]) -> bool:
    if question.kind == QuestionKind.RATING:
        return (rating or 0) >= SATISFIED_RATING
    return option_id in satisfied_options


def _tally(survey: Survey, questions: list[Question], channels: dict[str, ChannelRow]) -> Tally:
    by_id = {question.pk: question for question in questions}
    satisfied_options = {
        option.pk for question in questions for option in question.options.all() if option.counts_as_satisfied
    }
    tally = Tally()
    answers = Answer.objects.filter(response__survey=survey, response__is_valid=True).values_list(
        "question_id", "option_id", "rating", "response_id", "response__channel"
    )
    for question_id, option_id, rating, response_id, channel in answers:
        question = by_id[question_id]
        tally.responses[question_id, channel].add(response_id)
        if option_id:
            tally.options[option_id, channel] += 1
        if rating:
            tally.ratings[question_id, channel][rating] += 1
        if question.measures_satisfaction:
            satisfied = int(_is_satisfied(question, option_id, rating, satisfied_options))
            tally.satisfaction[question_id, channel][0] += satisfied
            tally.satisfaction[question_id, channel][1] += 1
            channels[channel].satisfied += satisfied
            channels[channel].rated += 1
    return tally


def _row_labels(question: Question) -> list[str]:
    if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        return [option.label for option in question.options.all()]
    if question.kind == QuestionKind.RATING:
        return [_("%(score)s分") % {"score": score} for score in SCORES]
    return []


def _channel_counts(question: Question, row: ChannelRow, tally: Tally) -> ChannelCounts:
    key = (question.pk, row.channel)
    if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        counts = [tally.options[option.pk, row.channel] for option in question.options.all()]
    elif question.kind == QuestionKind.RATING:
        counts = [tally.ratings[key][score] for score in SCORES]
    else:
        counts = []
    satisfied, rated = tally.satisfaction[key]
    return ChannelCounts(
        row.channel, row.label, counts, len(tally.responses[key]), satisfied, rated, question.measures_satisfaction
    )


def _question_result(question: Question, answering: list[ChannelRow], tally: Tally) -> QuestionResult:
    result = QuestionResult(question, channels=[_channel_counts(question, row, tally) for row in answering])
    result.answered = sum(channel.answered for channel in result.channels)
    result.satisfied = sum(channel.satisfied for channel in result.channels)
    result.rated = sum(channel.rated for channel in result.channels)
    labels = _row_labels(question)
    totals = [sum(column) for column in zip(*(channel.counts for channel in result.channels), strict=True)]
    result.rows = list(zip(labels, totals or [0] * len(labels), strict=True))
    if question.kind == QuestionKind.RATING and sum(totals):
        points = sum(score * n for score, n in zip(SCORES, totals, strict=True))
        result.average = (Decimal(points) / sum(totals)).quantize(Decimal("0.01"))
    return result


def results_for(survey: Survey) -> SurveyResults:
    """Everything in five queries, whatever the number of responses."""
    questions = list(survey.questions.prefetch_related("options").select_related("section"))
    channels = {channel.value: ChannelRow(channel.value, str(channel.label)) for channel in SurveyChannel}
    for issue in ChannelIssue.objects.filter(survey=survey):
        channels[issue.channel].issued = issue.issued
    for row in Response.objects.filter(survey=survey).values("channel", "is_valid").annotate(n=Count("id")):
        channels[row["channel"]].returned += row["n"]
        if row["is_valid"]:
            channels[row["channel"]].valid += row["n"]
    tally = _tally(survey, questions, channels)
    answering = [row for row in channels.values() if row.valid]
    used = [row for row in channels.values() if row.issued or row.returned]
    return SurveyResults(survey, used, [_question_result(question, answering, tally) for question in questions])
