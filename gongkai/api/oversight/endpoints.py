"""Typed API endpoints of the oversight module (mounted at /api/v1/oversight/).

- `GET leaderboard?year=&group=`: the live (or frozen) leaderboard, for the office over the scheme's region;
- `GET scores/{organization_id}?year=`: one organization's score with the records behind each deduction, for its
  own staff and the office over it;
- `GET public/leaderboard?year=&group=`: the leaderboard the office published, for everyone.
"""

from datetime import date

from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.security import django_auth

from gongkai.api.v1.lists import Page, PageQuery, page_of
from gongkai.api.v1.schemas import ERRORS, STAFF_ERRORS
from gongkai.core.errors import AccessDenied
from gongkai.oversight.access import require_office_region
from gongkai.oversight.groups import group_of
from gongkai.oversight.models import Group
from gongkai.oversight.scoring import explain, leaderboard
from gongkai.oversight.selectors import organization_for_scores, published_schemes, scheme_for_year

router = Router(tags=["oversight"])


class EvidenceOut(Schema):
    label: str
    detail: str
    url: str
    kind: str
    id: int | None = None
    points: str | None = None


class DeductionOut(Schema):
    rule: str
    reason: str
    count: int
    total: int
    points: float
    records: list[EvidenceOut] | None = None


class IndicatorOut(Schema):
    code: str
    name: str
    weight: float
    score: float
    deductions: list[DeductionOut]


class ScoreOut(Schema):
    organization: str
    credit_code: str
    score: float
    rank: int
    indicators: list[IndicatorOut]


def scheme_or_404(year: int):
    scheme = scheme_for_year(year)
    if scheme is None or not scheme.is_active:
        raise Http404
    return scheme


def check_group(group: str) -> str:
    if group not in Group.values:
        raise Http404
    return group


class LeaderboardQuery(PageQuery):
    """A leaderboard is always in rank order (ties share a rank), so it declares no other ordering."""

    year: int = Field(ge=2000, le=2100, description="考核年度。")
    group: str = Field(Group.DEPARTMENTS, max_length=20, description="考核分组：departments、towns 或 villages。")


@router.get("leaderboard", response={200: Page[ScoreOut], **STAFF_ERRORS}, auth=django_auth)
def office_leaderboard(request, query: Query[LeaderboardQuery]):
    scheme = scheme_or_404(query.year)
    require_office_region(request.auth, scheme.region)
    board = leaderboard(scheme, check_group(query.group), timezone.localdate())
    items, envelope = page_of(board, query, count=len(board))
    return {**envelope, "results": [entry.as_dict() for entry in items]}


@router.get("scores/{organization_id}", response=ScoreOut, auth=django_auth)
def organization_score(request, organization_id: int, year: int):
    try:
        organization = organization_for_scores(person=request.auth, organization_id=organization_id)
    except AccessDenied as error:
        raise Http404 from error
    scheme = scheme_or_404(year)
    group = group_of(organization)
    if group is None or not organization.region.path.startswith(scheme.region.path):
        raise Http404
    return explain(scheme, group, organization, timezone.localdate()).as_dict(with_evidence=True)


class PublicRow(Schema):
    organization: str
    score: float
    rank: int


@router.get("public/leaderboard", response={200: Page[PublicRow], **ERRORS})
def public_leaderboard(request, query: Query[LeaderboardQuery]):
    scheme = published_schemes().filter(year=query.year).order_by("region__depth").first()
    if scheme is None:
        raise Http404
    as_of = min(timezone.localdate(), date(query.year, 12, 31))
    board = leaderboard(scheme, check_group(query.group), as_of)
    items, envelope = page_of(board, query, count=len(board))
    return {
        **envelope,
        "results": [
            {"organization": entry.organization.name, "score": float(entry.score), "rank": entry.rank}
            for entry in items
        ],
    }
