"""Reads of the search app: the public search, and the office's statistics, terms and index status."""

from dataclasses import replace
from datetime import timedelta

from django.db.models import QuerySet, Sum
from django.utils import timezone

from gongkai.core.errors import AccessDenied
from gongkai.orgs.access import roles_of
from gongkai.orgs.models import Role

from .backends import get_backend
from .backends.base import SearchBackend
from .documents import (
    SORT_DATE,
    SORT_RELEVANCE,
    STANDING_CURRENT,
    STANDING_SUPERSEDED,
    Hit,
    SearchFilters,
    SearchPage,
)
from .labels import standing_label
from .models import QueryDay, Term
from .query import parse_query
from .snippets import highlight_title, snippet
from .sources import source_for
from .vocabulary import current_dictionary, synonym_groups

PAGE_SIZE = 20
MAX_PAGE = 500
OVERSIGHT_ROLES = {Role.ADMIN, Role.OFFICE}


def search(
    text: str,
    filters: SearchFilters | None = None,
    *,
    sort: str = SORT_RELEVANCE,
    page: int = 1,
    page_size: int = PAGE_SIZE,
    backend: SearchBackend | None = None,
) -> SearchPage:
    """One page of public results. Exact document-number or index-number matches come first (on page 1); every
    hit is re-checked against its source's public selector, so nothing that is not public now is returned."""
    backend = backend or get_backend()
    filters = filters or SearchFilters()
    sort = sort if sort in (SORT_RELEVANCE, SORT_DATE) else SORT_RELEVANCE
    page = min(max(1, page), MAX_PAGE)
    parsed = parse_query(text, backend.segmenter(), synonym_groups())
    narrowed = bool(filters.facet_values() or filters.date_from or filters.date_to)
    exact = _only_public(backend.lookup(parsed.lookup_key, filters)) if parsed.lookup_key else []
    if parsed.is_empty and not narrowed:
        # Nothing to rank (no words, no filters): only an exact number match can answer.
        _decorate(exact[:page_size], parsed)
        return SearchPage(hits=exact[:page_size] if page == 1 else [], total=len(exact), page=page, page_size=page_size)
    exact_keys = tuple(hit.key for hit in exact)
    text_offset = max(0, (page - 1) * page_size - len(exact))
    text_limit = page_size - len(exact) if page == 1 else page_size
    text_hits, text_total = _ranked(
        backend, parsed, filters, sort=sort, offset=text_offset, limit=max(1, text_limit), exclude_keys=exact_keys
    )
    hits = (exact[:page_size] if page == 1 else []) + _only_public(text_hits[: max(0, text_limit)])
    _decorate(hits, parsed)
    return SearchPage(hits=hits, total=len(exact) + text_total, page=page, page_size=page_size)


def _ranked(
    backend: SearchBackend, parsed, filters: SearchFilters, *, sort: str, offset: int, limit: int, exclude_keys
) -> tuple[list[Hit], int]:
    """Ranked by relevance, documents in force come before repealed, lapsed and replaced ones (each group in the
    backend's own order): two searches, the second only as far as the page reaches into it. Works the same on every
    backend. Sorted by date, without words, or narrowed to one validity, the order is the backend's."""
    if sort != SORT_RELEVANCE or parsed.is_empty or filters.validity or filters.standing:
        return backend.search(parsed, filters, sort=sort, offset=offset, limit=limit, exclude_keys=exclude_keys)
    current, current_total = backend.search(
        parsed,
        replace(filters, standing=STANDING_CURRENT),
        sort=sort,
        offset=offset,
        limit=limit,
        exclude_keys=exclude_keys,
    )
    current = current[:limit]
    wanted = limit - len(current)
    superseded = replace(filters, standing=STANDING_SUPERSEDED)
    if wanted <= 0:  # the page is full of documents in force: the others are only counted
        return current, current_total + backend.count(parsed, superseded, exclude_keys=exclude_keys)
    rest, rest_total = backend.search(
        parsed, superseded, sort=sort, offset=max(0, offset - current_total), limit=wanted, exclude_keys=exclude_keys
    )
    return current + rest[:wanted], current_total + rest_total


def _decorate(hits: list[Hit], parsed) -> None:
    terms = parsed.highlight_terms()
    for hit in hits:
        hit.standing_label = standing_label(hit.fields.get("standing", ""))
        hit.title_html = highlight_title(hit.title, terms)
        hit.snippet = snippet(hit.body, terms)


def _only_public(hits: list[Hit]) -> list[Hit]:
    """Drop hits whose object is no longer public (one query per kind); kinds without a source are dropped."""
    by_kind: dict[str, list[int]] = {}
    for hit in hits:
        by_kind.setdefault(hit.kind, []).append(hit.id)
    public: set[tuple[str, int]] = set()
    for kind, ids in by_kind.items():
        source = source_for(kind)
        if source is not None:
            public.update((kind, object_id) for object_id in source.public_ids(ids))
    return [hit for hit in hits if (hit.kind, hit.id) in public]


# For the office ----------------------------------------------------------------------------------------------


def require_oversight(person) -> None:
    if not roles_of(person) & OVERSIGHT_ROLES:
        raise AccessDenied()


def popular_queries(*, person, days: int = 30, limit: int = 20, zero_only: bool = False) -> list[dict]:
    """The most searched queries of the last `days` days (or those that found nothing), most searched first."""
    require_oversight(person)
    since = timezone.localdate() - timedelta(days=days - 1)
    rows = QueryDay.objects.filter(day__gte=since)
    if zero_only:
        rows = rows.filter(zero_results__gt=0)
    rows = (
        rows.values("query")
        .annotate(searches=Sum("searches"), zero_results=Sum("zero_results"))
        .order_by("-zero_results" if zero_only else "-searches", "query")
    )
    return list(rows[:limit])


def searches_naming(names: dict[int, str], *, days: int = 30, queries: int = 500) -> dict[int, int]:
    """How often each name (by key) was searched over the last `days` days: the portal queries (of the `queries`
    most searched) that contain the name or are contained in it, two characters at least. Only counts leave this
    function, never the queries (which may hold personal data), so its result may feed a public chart."""
    since = timezone.localdate() - timedelta(days=days - 1)
    rows = list(
        QueryDay.objects.filter(day__gte=since)
        .values("query")
        .annotate(searches=Sum("searches"))
        .order_by("-searches", "query")
        .values_list("query", "searches")[:queries]
    )
    counts = {}
    for key, name in names.items():
        total = sum(count for query, count in rows if len(query) >= 2 and (query in name or name in query))
        if total:
            counts[key] = total
    return counts


def daily_searches(*, person, days: int = 30) -> list[dict]:
    """Searches and searches without results per day, oldest first, every day present (zeros included)."""
    require_oversight(person)
    today = timezone.localdate()
    since = today - timedelta(days=days - 1)
    totals = {
        row["day"]: row
        for row in QueryDay.objects.filter(day__gte=since)
        .values("day")
        .annotate(searches=Sum("searches"), zero_results=Sum("zero_results"))
    }
    result = []
    for offset in range(days):
        day = since + timedelta(days=offset)
        row = totals.get(day, {})
        result.append({"day": day, "searches": row.get("searches", 0), "zero_results": row.get("zero_results", 0)})
    return result


def terms_for_staff(*, person) -> QuerySet[Term]:
    require_oversight(person)
    return Term.objects.select_related("created_by").order_by("-is_active", "word")


def term_for_staff(*, person, term_id: int) -> Term:
    require_oversight(person)
    try:
        return Term.objects.get(pk=term_id)
    except Term.DoesNotExist as error:
        raise AccessDenied() from error


def index_status(*, person, backend: SearchBackend | None = None) -> dict:
    """Which engine serves searches, how many documents it holds, and whether its dictionary is out of date."""
    require_oversight(person)
    backend = backend or get_backend()
    built_with = backend.dictionary()
    current = current_dictionary()
    return {
        "backend": backend.name,
        "documents": backend.document_count(),
        "dictionary_version": built_with.version if built_with else "",
        "dictionary_words": len(built_with.words) if built_with else 0,
        "current_version": current.version,
        "current_words": len(current.words),
        "needs_rebuild": built_with is None or built_with.version != current.version,
    }
