"""Typed API endpoints of the oversight module (mounted at /api/v1/oversight/).

- `GET leaderboard?year=&group=`: the live (or frozen) leaderboard, for the office over the scheme's region;
- `GET scores/{organization_id}?year=`: one organization's score with the records behind each deduction, for its
  own staff and the office over it;
- `GET public/leaderboard?year=&group=`: the leaderboard the office published, for everyone.
"""

from datetime import date

from django.http import Http404
from django.utils import timezone
from ninja import Router, Schema
from ninja.security import django_auth

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


@router.get("leaderboard", response=list[ScoreOut], auth=django_auth)
def office_leaderboard(request, year: int, group: str = Group.DEPARTMENTS):
    scheme = scheme_or_404(year)
    require_office_region(request.auth, scheme.region)
    return [entry.as_dict() for entry in leaderboard(scheme, check_group(group), timezone.localdate())]


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


@router.get("public/leaderboard", response=list[PublicRow])
def public_leaderboard(request, year: int, group: str = Group.DEPARTMENTS):
    scheme = published_schemes().filter(year=year).order_by("region__depth").first()
    if scheme is None:
        raise Http404
    as_of = min(timezone.localdate(), date(year, 12, 31))
    return [
        {"organization": entry.organization.name, "score": float(entry.score), "rank": entry.rank}
        for entry in leaderboard(scheme, check_group(group), as_of)
    ]
