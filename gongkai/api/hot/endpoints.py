"""The public 热门 lists: the same cached figures as the portal's /hot/ page and its CSV file (search terms from the
search app, readings from the reports app; both apply the public thresholds of docs/bigscreen.md)."""

from datetime import date
from typing import Literal

from django.utils import timezone
from ninja import Query, Router, Schema

from gongkai.reports.frequent import frequent_reading, period_since
from gongkai.search.frequent import frequent_terms

from ..v1.schemas import ERRORS

router = Router(tags=["hot"])


class HotTermOut(Schema):
    query: str
    searches: int
    days: int


class HotReadingOut(Schema):
    kind: str
    id: int
    title: str
    url: str
    views: int


class HotOut(Schema):
    period: str
    since: date
    until: date
    terms: list[HotTermOut]
    records: list[HotReadingOut]
    guides: list[HotReadingOut]
    items: list[HotReadingOut]


class PeriodQuery(Schema):
    period: Literal["week", "month"] = "week"


@router.get("/", response={200: HotOut, **ERRORS}, auth=None)
def hot(request, query: Query[PeriodQuery]):
    today = timezone.localdate()
    terms = frequent_terms(period=query.period, today=today)
    return {
        "period": query.period,
        "since": period_since(query.period, today),
        "until": today,
        "terms": [{"query": row["query"], "searches": row["searches"], "days": row["days"]} for row in terms],
        **frequent_reading(period=query.period, today=today),
    }
