"""The office's monitoring big screen (公开数据监控大屏): everything it shows, as one JSON-ready dict per person.

Scoped to the organizations the person acts for as office or admin (`organizations_for`); the frequent items are the
public lists (the same for everyone). The slow parts (the lights of every open deadline, the live leaderboard) are
cached for `SLOW_SECONDS` per scope and day; publication counts are live (two small queries).
"""

from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from gongkai.applications.models import OPEN_STATUSES, Application
from gongkai.engagement.models import CountedKind
from gongkai.orgs.access import organizations_for
from gongkai.publishing.selectors import published_records
from gongkai.reports.frequent import frequent_reading, reading_by_day
from gongkai.search.frequent import frequent_terms, searches_by_day
from gongkai.services.selectors import public_sites

from .access import OFFICE_ROLES
from .models import Group
from .reminders import KINDS, all_lights
from .scoring import leaderboard
from .selectors import schemes_for_staff

SLOW_SECONDS = 300
HEAT_DAYS = 7
HEAT_ROWS = 8
LEADERS = 10


def scope_ids(person) -> list[int]:
    return sorted(organizations_for(person, OFFICE_ROLES).values_list("pk", flat=True))


def day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def publications(ids: list[int], today: date) -> dict[str, Any]:
    """Records published today and this month, and the month's records per day (every day present)."""
    first = today.replace(day=1)
    rows = (
        published_records()
        .filter(
            organization_id__in=ids,
            published_at__gte=day_start(first),
            published_at__lt=day_start(today + timedelta(days=1)),
        )
        .annotate(on=TruncDate("published_at", tzinfo=timezone.get_current_timezone()))
        .values("on")
        .annotate(count=Count("pk"))
        .order_by()
    )
    per_day = {row["on"]: row["count"] for row in rows}
    days = [first + timedelta(days=offset) for offset in range((today - first).days + 1)]
    return {
        "today": per_day.get(today, 0),
        "month": sum(per_day.values()),
        "days": [day.isoformat() for day in days],
        "counts": [per_day.get(day, 0) for day in days],
    }


def lights(ids: list[int], today: date) -> list[dict]:
    """Yellow and red lights per kind (records, periodic items, applications, inquiries, problems)."""
    scope = set(ids)
    counts = {kind: {"yellow": 0, "red": 0} for kind in KINDS}
    for light in all_lights(today):
        if light.organization_id in scope:
            counts[light.kind][light.light] += 1
    return [{"kind": kind, "label": str(label), **counts[kind]} for kind, label in KINDS.items()]


def applications_due(ids: list[int], today: date) -> dict[str, Any]:
    """Open applications whose reply is due from today to Sunday of this week, per day, and those already overdue."""
    sunday = today + timedelta(days=6 - today.weekday())
    open_ones = Application.objects.filter(organization_id__in=ids, status__in=OPEN_STATUSES, due_on__isnull=False)
    rows = (
        open_ones.filter(due_on__gte=today, due_on__lte=sunday).values("due_on").annotate(count=Count("pk")).order_by()
    )
    per_day = {row["due_on"]: row["count"] for row in rows}
    days = [today + timedelta(days=offset) for offset in range((sunday - today).days + 1)]
    return {
        "days": [day.isoformat() for day in days],
        "counts": [per_day.get(day, 0) for day in days],
        "total": sum(per_day.values()),
        "overdue": open_ones.filter(due_on__lt=today).count(),
    }


def leaders(person, today: date) -> dict[str, Any]:
    """The top of the live leaderboard of this year's scheme of the person's region (first group with scores)."""
    scheme = schemes_for_staff(person=person).filter(year=today.year).order_by("region__depth", "region__path").first()
    if scheme is None:
        return {"scheme": "", "group": "", "rows": []}
    for group in Group:
        board = leaderboard(scheme, group, today)
        if board:
            rows = [
                {"rank": row.rank, "name": getattr(row.organization, "name", ""), "score": float(row.score)}
                for row in board
            ]
            return {"scheme": scheme.name, "group": str(group.label), "rows": rows[:LEADERS]}
    return {"scheme": scheme.name, "group": "", "rows": []}


def heat(today: date) -> dict[str, Any]:
    """Per day of the last week: searches of the most searched public terms and readings of the most read records."""
    since = today - timedelta(days=HEAT_DAYS - 1)
    days = [since + timedelta(days=offset) for offset in range(HEAT_DAYS)]
    terms = [row["query"] for row in frequent_terms(period="week", today=today, limit=HEAT_ROWS)]
    records = frequent_reading(period="week", today=today, limit=HEAT_ROWS)["records"]
    term_counts = searches_by_day(queries=terms, since=since, until=today)
    record_counts = reading_by_day(
        kind=CountedKind.RECORD, object_ids=[row["id"] for row in records], since=since, until=today
    )
    rows = [
        {"label": term, "kind": "term", "values": [term_counts.get(term, {}).get(day, 0) for day in days]}
        for term in terms
    ]
    rows += [
        {
            "label": row["title"],
            "kind": "record",
            "values": [record_counts.get(row["id"], {}).get(day, 0) for day in days],
        }
        for row in records
    ]
    return {"days": [day.isoformat() for day in days], "rows": rows}


def slow_parts(person, ids: list[int], today: date) -> dict[str, Any]:
    key = f"oversight:bigscreen:{today.isoformat()}:{person.pk}"
    found = cache.get(key)
    if found is None:
        found = {"lights": lights(ids, today), "leaderboard": leaders(person, today), "heat": heat(today)}
        cache.set(key, found, SLOW_SECONDS)
    return found


def screen_data(*, person, today: date | None = None) -> dict[str, Any]:
    """Everything the big screen shows, for the organizations in the person's office scope."""
    today = today or timezone.localdate()
    ids = scope_ids(person)
    return {
        "today": today.isoformat(),
        "publications": publications(ids, today),
        "applications": applications_due(ids, today),
        **slow_parts(person, ids, today),
    }


def site_points() -> list[dict]:
    """The public service sites (name and position): drawn once when the screen opens, not on every refresh."""
    rows = public_sites().order_by("pk").values_list("name", "latitude", "longitude")
    return [{"name": name, "lat": float(lat), "lng": float(lng)} for name, lat, lng in rows]
