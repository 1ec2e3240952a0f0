"""Frequent items (热门): the records, service guides and catalog items read most over a week or a month.

Counted from engagement's aggregated daily reading counts (`DailyCount`, no visitor kept); only objects that are
public now are listed, with their public address. A catalog item's readings are the readings of the published
records filed under it (item pages themselves are not counted). Search terms are the search app's
(`search.frequent`): the two apps sit side by side and never import each other; the interface joins them.
Results are cached per day (the key holds the date), so a new day starts a new list.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Sum

from gongkai.catalog.models import Item, ItemStatus
from gongkai.engagement.models import CountedKind, DailyCount
from gongkai.publishing.selectors import published_records
from gongkai.services.selectors import public_guides

PERIODS = {"week": 7, "month": 30}
CACHE_SECONDS = 3600


@dataclass(frozen=True)
class Frequent:
    """One frequently read object: what it is, its title, its public address and its readings in the period."""

    kind: str
    object_id: int
    title: str
    url: str
    views: int

    def as_dict(self) -> dict:
        return {"kind": self.kind, "id": self.object_id, "title": self.title, "url": self.url, "views": self.views}


def period_days(period: str) -> int:
    return PERIODS.get(period, PERIODS["week"])


def period_since(period: str, today: date) -> date:
    return today - timedelta(days=period_days(period) - 1)


def minimum_views() -> int:
    return int(getattr(settings, "GONGKAI_HOT_MIN_VIEWS", 3))


def view_totals(since: date, until: date) -> dict[str, dict[int, int]]:
    """Readings per object of every counted kind in the period, in one query: {kind: {object_id: views}}."""
    rows = (
        DailyCount.objects.filter(kind__in=(CountedKind.RECORD, CountedKind.GUIDE), day__gte=since, day__lte=until)
        .values("kind", "object_id")
        .annotate(total=Sum("views"))
        .order_by()
    )
    found: dict[str, dict[int, int]] = {CountedKind.RECORD: {}, CountedKind.GUIDE: {}}
    for row in rows:
        if row["total"]:
            found[row["kind"]][row["object_id"]] = row["total"]
    return found


def top(totals: dict[int, int], limit: int, minimum: int) -> list[int]:
    ranked = sorted((pk for pk, total in totals.items() if total >= minimum), key=lambda pk: (-totals[pk], pk))
    return ranked[: limit * 2]  # some may no longer be public: keep spares


def frequent_records(totals: dict[int, int], limit: int) -> list[Frequent]:
    ids = top(totals, limit, minimum_views())
    if not ids:
        return []
    records = published_records().select_related(None).only("pk", "title").in_bulk(ids)
    found = [
        Frequent("record", pk, records[pk].title, records[pk].get_absolute_url(), totals[pk])
        for pk in ids
        if pk in records
    ]
    return found[:limit]


def frequent_guides(totals: dict[int, int], limit: int) -> list[Frequent]:
    ids = top(totals, limit, minimum_views())
    if not ids:
        return []
    guides = public_guides().select_related("organization").in_bulk(ids)
    found = [
        Frequent("guide", pk, guides[pk].name, guides[pk].get_absolute_url(), totals[pk]) for pk in ids if pk in guides
    ]
    return found[:limit]


def frequent_items(record_totals: dict[int, int], limit: int) -> list[Frequent]:
    """Catalog items in force by the readings of their published records (a record under two items counts for both)."""
    if not record_totals:
        return []
    links = Item.records.through.objects.filter(
        record_id__in=published_records().filter(pk__in=list(record_totals)).values("pk"),
        item__status=ItemStatus.IN_FORCE,
    ).values_list("item_id", "record_id")
    totals: dict[int, int] = {}
    for item_id, record_id in links:
        totals[item_id] = totals.get(item_id, 0) + record_totals[record_id]
    ids = top(totals, limit, minimum_views())
    if not ids:
        return []
    items = Item.objects.select_related("catalog__organization").in_bulk(ids)
    found = [
        Frequent("item", pk, items[pk].name, items[pk].get_absolute_url(), totals[pk]) for pk in ids if pk in items
    ]
    return found[:limit]


def frequent_reading(*, period: str, today: date, limit: int = 10) -> dict[str, list[dict]]:
    """{"records", "guides", "items"}: each a list of `Frequent.as_dict()`, most read first; cached for the day."""
    key = f"reports:frequent:{period}:{today.isoformat()}:{limit}"
    found = cache.get(key)
    if found is None:
        totals = view_totals(period_since(period, today), today)
        records, guides = totals[CountedKind.RECORD], totals[CountedKind.GUIDE]
        found = {
            "records": [row.as_dict() for row in frequent_records(records, limit)],
            "guides": [row.as_dict() for row in frequent_guides(guides, limit)],
            "items": [row.as_dict() for row in frequent_items(records, limit)],
        }
        cache.set(key, found, CACHE_SECONDS)
    return found


def reading_by_day(*, kind: str, object_ids: list[int], since: date, until: date) -> dict[int, dict[date, int]]:
    """Readings of the given objects per day ({object_id: {day: views}}), for the big screen's heat map."""
    found: dict[int, dict[date, int]] = {}
    rows = DailyCount.objects.filter(kind=kind, object_id__in=object_ids, day__gte=since, day__lte=until)
    for object_id, day, views in rows.values_list("object_id", "day", "views"):
        found.setdefault(object_id, {})[day] = views
    return found
