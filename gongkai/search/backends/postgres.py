"""The PostgreSQL backend: segmented text in `search_indexeddocument`, a stored weighted tsvector ('simple'
configuration: title weight A, body weight D) with a RUM index, ranked in the index by RUM's `<=>` distance.

The backend for deployments with several app servers, where the embedded index on local disk does not fit (see
docs/search.md for the measurements).
"""

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
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
        rows = self._filtered(filters)
        if exclude_keys:
            rows = rows.exclude(key__in=exclude_keys)
        for phrase in parsed.phrases:
            rows = rows.filter(Q(title__icontains=phrase) | Q(body__icontains=phrase))
        if parsed.is_empty:
            total = rows.count()
            page = rows.order_by("-date", "-object_id").values(*COLUMNS, "body")[offset : offset + limit]
            return [_hit(row, None) for row in page], total
        query = tsquery_text(parsed)
        rows = rows.filter(RawSQL("vector @@ to_tsquery('simple', %s)", [query], output_field=BooleanField()))
        total = rows.count()
        if sort == SORT_DATE:
            page = rows.order_by("-date", "-object_id").values(*COLUMNS, "body")[offset : offset + limit]
            return [_hit(row, None) for row in page], total
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
