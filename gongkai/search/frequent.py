"""Frequent search terms (热门检索) for the public and the office, per week or month, from `QueryDay` counts.

A term reaches the public list only when no single visitor can have put it there, and nothing offensive or
personal is shown: it was searched at least `GONGKAI_HOT_MIN_SEARCHES` times (default 5) on at least
`GONGKAI_HOT_MIN_DAYS` different days (default 2), is 2–20 characters long, holds no digit run of four or more (phone,
ID and case numbers), and the screening scan finds nothing in it (personal data, the sensitive-word lexicon, banned
expressions). The office sees the same list without the screen (`public=False`): it may read every query already.
"""

import re
from datetime import date, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Sum

from gongkai.screening.lexicon import LexiconSnapshot, current_lexicon
from gongkai.screening.scanning import scan_content

from .models import QueryDay

PERIODS = {"week": 7, "month": 30}
CACHE_SECONDS = 3600
LONG_NUMBER = re.compile(r"\d{4,}")


def minimum_searches() -> int:
    return int(getattr(settings, "GONGKAI_HOT_MIN_SEARCHES", 5))


def minimum_days() -> int:
    return int(getattr(settings, "GONGKAI_HOT_MIN_DAYS", 2))


def may_show(query: str, lexicon: LexiconSnapshot | None = None) -> bool:
    """Whether a term may be shown to the public (its counts already passed the thresholds)."""
    if not 2 <= len(query) <= 20 or LONG_NUMBER.search(query):
        return False
    return not scan_content(query, lexicon=lexicon or current_lexicon()).detections


def term_totals(since: date, until: date) -> list[dict]:
    """The 500 most searched terms of the period with their searches and the number of days they were searched."""
    rows = (
        QueryDay.objects.filter(day__gte=since, day__lte=until)
        .values("query")
        .annotate(searches=Sum("searches"), days=Count("day"))
        .order_by("-searches", "query")[:500]
    )
    return [dict(row) for row in rows]


def frequent_terms(*, period: str, today: date, limit: int = 10, public: bool = True) -> list[dict]:
    """[{"query", "searches", "days"}], most searched first; with `public` only terms that pass every threshold."""
    key = f"search:frequent:{period}:{today.isoformat()}:{limit}:{int(public)}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    since = today - timedelta(days=PERIODS.get(period, PERIODS["week"]) - 1)
    found: list[dict] = []
    lexicon = None  # loaded only when a term passes the counts (two queries)
    for row in term_totals(since, today):
        if len(found) >= limit:
            break
        if public:
            if row["searches"] < minimum_searches() or row["days"] < minimum_days():
                continue
            lexicon = lexicon or current_lexicon()
            if not may_show(row["query"], lexicon):
                continue
        found.append(row)
    cache.set(key, found, CACHE_SECONDS)
    return found


def searches_by_day(*, queries: list[str], since: date, until: date) -> dict[str, dict[date, int]]:
    """Searches of the given terms per day ({query: {day: searches}}), for the big screen's heat map."""
    found: dict[str, dict[date, int]] = {}
    rows = QueryDay.objects.filter(query__in=queries, day__gte=since, day__lte=until)
    for query, day, searches in rows.values_list("query", "day", "searches"):
        found.setdefault(query, {})[day] = searches
    return found
