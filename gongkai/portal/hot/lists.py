"""The portal's 热门 lists: the public frequent search terms (search app) beside the most read records, guides and
catalog items (reports app); the two domain apps are independent, so the portal joins them."""

from datetime import date

from django.urls import reverse
from django.utils.http import urlencode

from gongkai.reports.frequent import frequent_reading
from gongkai.search.frequent import frequent_terms


def hot_lists(*, period: str, today: date, limit: int = 10) -> dict:
    """{"terms": [{"query", "searches", "url"}], "records", "guides", "items"} for the public (thresholds applied)."""
    search = reverse("portal:search:search")
    terms = [
        {**row, "url": f"{search}?{urlencode({'q': row['query']})}"}
        for row in frequent_terms(period=period, today=today, limit=limit)
    ]
    return {"terms": terms, **frequent_reading(period=period, today=today, limit=limit)}
