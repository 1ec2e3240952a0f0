"""Live scores: each indicator's rule counts failures for all organizations of a group at once, the indicator's
method turns the count into points lost, and the organization's score is the sum of what remains.

- per item: points lost = failures × points each, at most the indicator's weight;
- ratio: points lost = weight × failures ÷ chances (nothing lost when there was nothing to count);
- points: points lost = the points the rule weighed itself (manual entries, self-inspection), at most the weight.
Ranks are shared by equal scores (1, 1, 3). A frozen scheme answers from the scores kept on its freezing date.

The trend (one score per month end) keeps the scores of months already closed in the cache for a day, under a
stamp that every oversight write changing scores renews (`scores_changed`: indicators, manual entries, the periodic
register, notices, inspection runs); the scheduler's daily `refresh_scores` recomputes them (`refresh_trends`). So a
trend costs one live leaderboard plus cache reads; the running month is always live.
"""

import calendar
import time
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from gongkai.core.assessment import Evidence, Period, Tally

from .groups import organizations_in
from .models import FrozenScore, Group, Indicator, Method, Scheme
from .rules import get_rule
from .rules.builtin import shared_queries

CENT = Decimal("0.01")
CLOSED_MONTH_SECONDS = 26 * 3600  # refreshed daily by tasks.refresh_scores; a day and two hours to spare


def quantize(value) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Deduction:
    rule: str
    reason: str
    count: int
    total: int
    points: Decimal
    evidence: list[Evidence] = field(default_factory=list)

    def as_dict(self, with_evidence: bool = False) -> dict:
        data = {
            "rule": self.rule,
            "reason": self.reason,
            "count": self.count,
            "total": self.total,
            "points": float(self.points),
        }
        if with_evidence:
            data["records"] = [item.as_dict() for item in self.evidence]
        return data


@dataclass
class IndicatorScore:
    code: str
    name: str
    weight: Decimal
    score: Decimal
    deductions: list[Deduction] = field(default_factory=list)
    indicator_id: int | None = None

    def as_dict(self, with_evidence: bool = False) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "weight": float(self.weight),
            "score": float(self.score),
            "deductions": [deduction.as_dict(with_evidence) for deduction in self.deductions],
        }


@dataclass
class OrganizationScore:
    organization: object
    score: Decimal
    rank: int = 0
    indicators: list[IndicatorScore] = field(default_factory=list)

    def as_dict(self, with_evidence: bool = False) -> dict:
        return {
            "organization": self.organization.name,
            "credit_code": self.organization.credit_code,
            "score": float(self.score),
            "rank": self.rank,
            "indicators": [indicator.as_dict(with_evidence) for indicator in self.indicators],
        }


def period_of(scheme: Scheme, as_of: date) -> Period:
    end = min(as_of, date(scheme.year, 12, 31))
    if scheme.frozen_on:
        end = min(end, scheme.frozen_on)
    return Period(date(scheme.year, 1, 1), end)


def points_lost(indicator: Indicator, tally: Tally) -> Decimal:
    weight = indicator.weight
    if indicator.method == Method.RATIO:
        lost = weight * tally.count / tally.total if tally.total else Decimal(0)
    elif indicator.method == Method.POINTS:
        lost = tally.points or Decimal(0)
    else:
        lost = indicator.points_each * tally.count
    return quantize(min(weight, max(Decimal(0), lost)))


def tally_all(indicator: Indicator, organization_ids: list[int], period: Period) -> dict[int, Tally]:
    rule = get_rule(indicator.rule)
    if rule is None:
        return {}
    if getattr(rule, "per_indicator", False):
        return rule.tally(organization_ids, period, indicator_id=indicator.pk)
    return rule.tally(organization_ids, period)


def evidence_for(indicator: Indicator, organization_id: int, period: Period) -> list[Evidence]:
    rule = get_rule(indicator.rule)
    if rule is None:
        return []
    if getattr(rule, "per_indicator", False):
        return rule.evidence(organization_id, period, indicator_id=indicator.pk)
    return rule.evidence(organization_id, period)


def score_indicator(indicator: Indicator, tally: Tally | None) -> IndicatorScore:
    tally = tally or Tally()
    lost = points_lost(indicator, tally)
    rule = get_rule(indicator.rule)
    deductions = []
    if lost or tally.count:
        deductions.append(
            Deduction(
                rule=indicator.rule,
                reason=str(rule.name) if rule else indicator.rule,
                count=tally.count,
                total=tally.total,
                points=lost,
            )
        )
    return IndicatorScore(
        indicator.code, indicator.name, indicator.weight, indicator.weight - lost, deductions, indicator.pk
    )


def rank(scores: list[OrganizationScore]) -> list[OrganizationScore]:
    ordered = sorted(scores, key=lambda entry: -entry.score)
    previous, previous_rank = None, 0
    for position, entry in enumerate(ordered, start=1):
        entry.rank = previous_rank if entry.score == previous else position
        previous, previous_rank = entry.score, entry.rank
    return ordered


def indicators_of(scheme: Scheme, group: str) -> list[Indicator]:
    return list(scheme.indicators.filter(group=group, is_active=True).order_by("sort_order", "id"))


def leaderboard(scheme: Scheme, group: str, as_of: date) -> list[OrganizationScore]:
    """Every organization of the group with its live score (or its frozen one), best first."""
    if scheme.is_frozen:
        return frozen_leaderboard(scheme, group)
    organizations = list(organizations_in(group, scheme.region))
    ids = [organization.pk for organization in organizations]
    indicators = indicators_of(scheme, group)
    period = period_of(scheme, as_of)
    with shared_queries():
        tallies = {indicator.pk: tally_all(indicator, ids, period) for indicator in indicators}
    scores = []
    for organization in organizations:
        rows = [score_indicator(indicator, tallies[indicator.pk].get(organization.pk)) for indicator in indicators]
        scores.append(OrganizationScore(organization, sum((row.score for row in rows), Decimal(0)), 0, rows))
    return rank(scores)


def explain(scheme: Scheme, group: str, organization, as_of: date) -> OrganizationScore:
    """One organization's score with, under each deduction, the records behind it."""
    board = leaderboard(scheme, group, as_of)
    entry = next((row for row in board if row.organization.pk == organization.pk), None)
    if entry is None:
        return OrganizationScore(organization, Decimal(0))
    period = period_of(scheme, as_of)
    indicators = {indicator.pk: indicator for indicator in indicators_of(scheme, group)}
    for row in entry.indicators:
        indicator = indicators.get(row.indicator_id)
        if indicator is None:
            continue
        for deduction in row.deductions:
            deduction.evidence = evidence_for(indicator, organization.pk, period)
    return entry


def frozen_leaderboard(scheme: Scheme, group: str) -> list[OrganizationScore]:
    rows = FrozenScore.objects.filter(scheme=scheme, group=group).select_related("organization")
    result = []
    for row in rows.order_by("rank", "organization__sort_order", "organization_id"):
        indicators = [
            IndicatorScore(
                item["code"],
                item["name"],
                Decimal(str(item["weight"])),
                Decimal(str(item["score"])),
                [
                    Deduction(**{**deduction, "points": Decimal(str(deduction["points"]))})
                    for deduction in item["deductions"]
                ],
            )
            for item in row.data.get("indicators", [])
        ]
        result.append(OrganizationScore(row.organization, row.score, row.rank, indicators))
    return result


STAMP_KEY = "oversight:scores-stamp"


def scores_changed() -> None:
    """Forget every cached month-end score once the current transaction commits (oversight's writes call it)."""
    transaction.on_commit(lambda: cache.set(STAMP_KEY, time.time_ns(), None))


def month_ends(year: int, today: date) -> list[date]:
    last = 12 if today.year > year else today.month
    return [min(today, date(year, month, calendar.monthrange(year, month)[1])) for month in range(1, last + 1)]


def month_end_scores(scheme: Scheme, group: str, end: date, today: date) -> dict[int, float]:
    """{organization_id: score} at a month end; a closed month's come from the cache when they are there."""
    if end >= today:
        return {entry.organization.pk: float(entry.score) for entry in leaderboard(scheme, group, end)}
    # created_at tells apart two schemes that got the same id (a restored backup, a test database)
    key = f"oversight:month:{scheme.pk}:{scheme.created_at:%s%f}:{group}:{end}:{cache.get(STAMP_KEY, 0)}"
    scores = cache.get(key)
    if scores is None:
        scores = {entry.organization.pk: float(entry.score) for entry in leaderboard(scheme, group, end)}
        cache.set(key, scores, CLOSED_MONTH_SECONDS)
    return scores


def trend(scheme: Scheme, group: str, today: date, current: list[OrganizationScore] | None = None) -> dict:
    """Each organization's score at every month end of the year so far; `current` is today's board if at hand."""
    if scheme.is_frozen:
        board = frozen_leaderboard(scheme, group)
        ends, columns = [scheme.frozen_on], [{entry.organization.pk: float(entry.score) for entry in board}]
    else:
        board = current if current is not None else leaderboard(scheme, group, today)
        ends = month_ends(scheme.year, today)
        columns = [month_end_scores(scheme, group, end, today) for end in ends[:-1]] if ends else []
        if ends:
            columns.append({entry.organization.pk: float(entry.score) for entry in board})
    rows = [
        {
            "name": entry.organization.display_name,
            "scores": [column.get(entry.organization.pk) for column in columns],
        }
        for entry in board
    ]
    return {"months": [f"{end:%Y-%m}" for end in ends], "rows": rows}


def refresh_trends(*, today: date | None = None, progress=None) -> int:
    """Forget and recompute the closed months' scores of every active, unfrozen scheme of this year or the last;
    returns how many month-end leaderboards were computed."""
    today = today or timezone.localdate()
    cache.set(STAMP_KEY, time.time_ns(), None)
    schemes = list(Scheme.objects.filter(is_active=True, frozen_on__isnull=True, year__gte=today.year - 1))
    work = [
        (scheme, group)
        for scheme in schemes
        for group in Group.values
        if scheme.indicators.filter(group=group, is_active=True).exists()
    ]
    computed = 0
    for done, (scheme, group) in enumerate(work):
        if progress is not None:
            progress(done, len(work))
        for end in month_ends(scheme.year, today)[:-1]:
            month_end_scores(scheme, group, end, today)
            computed += 1
    return computed
