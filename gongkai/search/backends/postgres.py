"""The PostgreSQL backend: segmented text in `search_indexeddocument`, a stored weighted tsvector ('simple'
configuration: title weight A, body weight D) with a RUM index, ranked in the index by RUM's `<=>` distance.

The backend for deployments with several app servers, where the embedded index on local disk does not fit (see
docs/search.md for the measurements).
"""

import json
import math
from collections.abc import Iterable
from datetime import datetime

from django.db import connection, transaction
from django.db.models import BooleanField, FloatField, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone

from ..documents import (
    SORT_DATE,
    SORT_RELEVANCE,
    STANDING_CURRENT,
    STANDING_SUPERSEDED,
    SUPERSEDED,
    Hit,
    SearchDocument,
    SearchFilters,
)
from ..models import IndexedDocument, IndexState
from ..query import ParsedQuery
from ..segmentation import Dictionary, Segmenter, segmenter_for
from .base import Progress, Refresh, SearchBackend, day_bounds, order_hits, prepare

BATCH = 1000
# Hits with the same score as the last one of a page that are still ordered newer first (as the embedded engine).
TIE_WINDOW = 200
# Matches are counted exactly up to COUNT_CAP; above it the total is PostgreSQL's estimate (never below the cap).
# An exact count of a common word reads every match (1.3-1.5 s of CPU at 1,000,000 records, docs/search.md) while
# the estimate is within a few per cent and costs a millisecond; no one opens the 500th page of 10,000 results.
COUNT_CAP = 10_000
# The planner's estimate was within 1-2 % of the count on most benchmark queries (1,027 for 1,400 at worst); above
# the cap it is trusted without counting.
TRUST_ESTIMATE_ABOVE = 1
# A query with very many matches is ranked over its RANK_CANDIDATES newest matches (read from the date index), not
# over all of them: RUM computes the distance of every match before it returns the first (0.45-0.6 s of CPU for a
# word in most of 1,000,000 documents). Walking the date index costs about DATE_WALK_COST times as much per row as
# RUM's distance per match, and reads RANK_CANDIDATES x rows / matches rows, so the walk is cheaper only above
# sqrt(DATE_WALK_COST x RANK_CANDIDATES x rows) matches (about 110,000 of 1,000,000; measured, docs/search.md).
RANK_CANDIDATES = 1_000
DATE_WALK_COST = 12
UPDATE_FIELDS = [
    "kind",
    "object_id",
    "title",
    "body",
    "title_tokens",
    "body_tokens",
    "url",
    "date",
    "fields",
    "facets",
    "lookup_keys",
]
COLUMNS = ["key", "kind", "object_id", "title", "body", "url", "date", "fields"]


def to_row(document: SearchDocument, segmenter: Segmenter) -> IndexedDocument:
    prepared = prepare(document, segmenter)
    return IndexedDocument(
        key=document.key,
        kind=document.kind,
        object_id=document.id,
        title=document.title,
        body=document.body,
        title_tokens=prepared.title_tokens,
        body_tokens=prepared.body_tokens,
        url=document.url,
        date=document.date,
        fields=document.fields,
        facets={name: [str(value) for value in values] for name, values in document.filters.items()},
        lookup_keys=list(prepared.lookup_keys),
    )


def tsquery_text(parsed: ParsedQuery) -> str:
    """(a & b) | (c) groups joined by &. Tokens are runs of letters and digits only (see normalize_tokens)."""

    def alternative(tokens) -> str:
        return "(" + " & ".join(f"'{token}'" for token in tokens) + ")"

    return " & ".join("(" + " | ".join(alternative(alt) for alt in group) + ")" for group in parsed.groups)


class PostgresBackend(SearchBackend):
    name = "postgres"

    def dictionary(self) -> Dictionary | None:
        state = IndexState.objects.filter(backend=self.name).first()
        return Dictionary(tuple(state.dictionary_words)) if state else None

    def _segmenter_for_writing(self) -> Segmenter:
        if self.dictionary() is None:
            from ..vocabulary import current_dictionary

            self._save_state(current_dictionary(), built=False)
        return self.segmenter()

    def _save_state(self, dictionary: Dictionary, *, built: bool) -> None:
        defaults = {"dictionary_words": list(dictionary.words), "dictionary_version": dictionary.version}
        if built:
            defaults["built_at"] = timezone.now()
        IndexState.objects.update_or_create(backend=self.name, defaults=defaults)

    def _save_rows(self, rows: list[IndexedDocument]) -> None:
        IndexedDocument.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["key"], update_fields=UPDATE_FIELDS, batch_size=BATCH
        )

    def upsert(self, documents: list[SearchDocument]) -> None:
        if not documents:
            return
        with transaction.atomic():
            segmenter = self._segmenter_for_writing()
            self._save_rows([to_row(document, segmenter) for document in documents])

    def remove(self, keys: list[str]) -> None:
        IndexedDocument.objects.filter(key__in=keys).delete()

    def replace_organization(self, organization_id: int, documents: Iterable[SearchDocument]) -> int:
        with transaction.atomic():
            segmenter = self._segmenter_for_writing()
            IndexedDocument.objects.filter(facets__contains={"organization": [str(organization_id)]}).delete()
            return self._insert(documents, segmenter, None)

    def _insert(self, documents: Iterable[SearchDocument], segmenter: Segmenter, progress: Progress | None) -> int:
        batch: list[IndexedDocument] = []
        count = 0
        for document in documents:
            batch.append(to_row(document, segmenter))
            count += 1
            if len(batch) >= BATCH:
                self._save_rows(batch)
                batch = []
            if progress is not None:
                progress(count)
        self._save_rows(batch)
        return count

    def rebuild(
        self,
        documents: Iterable[SearchDocument],
        dictionary: Dictionary,
        *,
        refresh: Refresh,
        progress: Progress | None = None,
    ) -> int:
        # One transaction: searches keep seeing the old rows until the new ones are committed, and writes made
        # meanwhile wait for it (row locks) and then apply on top.
        with transaction.atomic():
            IndexedDocument.objects.all().delete()
            count = self._insert(documents, segmenter_for(dictionary), progress)
            self._save_state(dictionary, built=True)
        return count

    def document_count(self) -> int:
        return IndexedDocument.objects.count()

    def contains(self, key: str) -> bool:
        return IndexedDocument.objects.filter(key=key).exists()

    def _filtered(self, filters: SearchFilters):
        rows = IndexedDocument.objects.all()
        facets = filters.facet_values()
        kind = facets.pop("kind", "")
        if kind:
            rows = rows.filter(kind=kind)
        if facets:
            rows = rows.filter(facets__contains={name: [value] for name, value in facets.items()})
        superseded = Q()
        for value in SUPERSEDED:
            superseded |= Q(facets__contains={"validity": [value]})
        if filters.standing == STANDING_CURRENT:
            rows = rows.exclude(superseded)
        elif filters.standing == STANDING_SUPERSEDED:
            rows = rows.filter(superseded)
        start, end = day_bounds(filters)
        if start:
            rows = rows.filter(date__gte=start)
        if end:
            rows = rows.filter(date__lt=end)
        return rows

    def lookup(self, key: str, filters: SearchFilters) -> list[Hit]:
        if not key:
            return []
        rows = self._filtered(filters).filter(lookup_keys__contains=[key]).values(*COLUMNS, "body")[:50]
        hits = [_hit(row, None) for row in rows]
        for hit in hits:
            hit.exact = True
        return order_hits(hits, SORT_DATE)

    def _matching(self, parsed: ParsedQuery, filters: SearchFilters, exclude_keys: tuple[str, ...]):
        """The matching rows (words, phrases, filters), and the tsquery text ("" without words)."""
        rows = self._filtered(filters)
        if exclude_keys:
            rows = rows.exclude(key__in=exclude_keys)
        for phrase in parsed.phrases:
            rows = rows.filter(Q(title__icontains=phrase) | Q(body__icontains=phrase))
        if parsed.is_empty:
            return rows, ""
        query = tsquery_text(parsed)
        return rows.filter(RawSQL("vector @@ to_tsquery('simple', %s)", [query], output_field=BooleanField())), query

    def count(self, parsed: ParsedQuery, filters: SearchFilters, *, exclude_keys: tuple[str, ...] = ()) -> int:
        """Counted as `search` counts (exact up to COUNT_CAP, the planner's estimate above), nothing ranked: ranking
        a small group in RUM's distance order walks the index past every match of the other groups."""
        rows, _query = self._matching(parsed, filters, exclude_keys)
        return capped_count(rows)[0]

    def search(
        self,
        parsed: ParsedQuery,
        filters: SearchFilters,
        *,
        sort: str,
        offset: int,
        limit: int,
        exclude_keys: tuple[str, ...] = (),
    ) -> tuple[list[Hit], int]:
        rows, query = self._matching(parsed, filters, exclude_keys)
        if not query:
            total = rows.count()
            page = rows.order_by("-date", "-object_id").values(*COLUMNS, "body")[offset : offset + limit]
            return [_hit(row, None) for row in page], total
        total, exact = capped_count(rows)
        if sort == SORT_DATE:
            page = rows.order_by("-date", "-object_id").values(*COLUMNS, "body")[offset : offset + limit]
            return [_hit(row, None) for row in page], total
        if not exact and total > newest_first_above():
            newest = rows.order_by("-date", "-object_id").values("pk")[: max(RANK_CANDIDATES, offset + limit)]
            rows = IndexedDocument.objects.filter(pk__in=newest)
        return self._ranked_page(rows, query, offset=offset, limit=limit), total

    def _ranked_page(self, rows, query: str, *, offset: int, limit: int) -> list[Hit]:
        """RUM's distance (1 / rank, same weights as ts_rank: A = 1.0, D = 0.1) read from the index in order, so
        only the first rows are ranked and fetched, not every match. ORDER BY must be the distance alone (with a
        second key PostgreSQL sorts every match instead); equal scores are put newer first here, over the page and
        TIE_WINDOW rows past it."""
        distance = RawSQL("vector <=> to_tsquery('simple', %s)", [query], output_field=FloatField())
        window = rows.annotate(distance=distance).order_by("distance").values("pk")[: offset + limit + TIE_WINDOW]
        page = (
            IndexedDocument.objects.filter(pk__in=window)
            .annotate(distance=distance)
            .order_by("distance", "-date", "-object_id")
            .values(*COLUMNS, "body", "distance")[offset : offset + limit]
        )
        return order_hits([_hit(row, score_of(row["distance"])) for row in page], SORT_RELEVANCE)


def capped_count(rows) -> tuple[int, bool]:
    """The number of rows, exact up to COUNT_CAP (and then True), else the planner's estimate (and False).

    The estimate comes first (a millisecond): when it is well above the cap the rows are not counted at all, since
    even a count stopped at the cap reads COUNT_CAP rows from the table (0.1-0.8 s at 1,000,000 records)."""
    plan = json.loads(rows.values("pk").explain(format="json"))
    estimate = int(plan[0]["Plan"]["Plan Rows"])
    if estimate > COUNT_CAP * TRUST_ESTIMATE_ABOVE:
        return estimate, False
    counted = rows.values("pk")[: COUNT_CAP + 1].count()
    if counted <= COUNT_CAP:
        return counted, True
    return max(estimate, COUNT_CAP + 1), False


def newest_first_above() -> float:
    """The number of matches above which ranking the newest RANK_CANDIDATES matches is cheaper than ranking all."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = 'search_indexeddocument'::regclass")
        rows = max(float(cursor.fetchone()[0]), 1.0)
    return math.sqrt(DATE_WALK_COST * RANK_CANDIDATES * rows)


def score_of(distance: float) -> float:
    """The rank RUM's distance stands for; rounded as the float4 it was computed in, so ties stay ties."""
    return round(1.0 / distance, 6) if distance else 0.0


def _hit(row: dict, score: float | None) -> Hit:
    date: datetime = row["date"]
    return Hit(
        key=row["key"],
        kind=row["kind"],
        id=row["object_id"],
        title=row["title"],
        url=row["url"],
        date=date,
        score=score,
        fields=row["fields"],
        body=row["body"],
    )
