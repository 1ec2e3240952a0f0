"""What every backend implements, and the steps they share (segmenting documents, ordering ties)."""

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone

from ..documents import SORT_DATE, Hit, SearchDocument, SearchFilters
from ..query import ParsedQuery, normalize_lookup_key
from ..segmentation import Dictionary, Segmenter, segmenter_for

# Keys of documents changed while a rebuild ran → the documents as they are now (None: no longer public).
Refresh = Callable[[list[str]], dict[str, SearchDocument | None]]
Progress = Callable[[int], None]


@dataclass(frozen=True)
class PreparedDocument:
    document: SearchDocument
    title_tokens: str
    body_tokens: str
    lookup_keys: tuple[str, ...]


def prepare(document: SearchDocument, segmenter: Segmenter) -> PreparedDocument:
    return PreparedDocument(
        document=document,
        title_tokens=segmenter.index_text(document.title),
        body_tokens=segmenter.index_text(f"{document.body}\n{document.extra}" if document.extra else document.body),
        lookup_keys=tuple(dict.fromkeys(key for key in map(normalize_lookup_key, document.lookup_keys) if key)),
    )


def day_bounds(filters: SearchFilters) -> tuple[datetime | None, datetime | None]:
    """The date range as aware datetimes: from the start of date_from to the end of date_to, local time."""
    zone = timezone.get_current_timezone()
    start = datetime.combine(filters.date_from, time.min, tzinfo=zone) if filters.date_from else None
    end = datetime.combine(filters.date_to + timedelta(days=1), time.min, tzinfo=zone) if filters.date_to else None
    return start, end


def counted(documents: Iterable[SearchDocument], progress: Progress | None) -> Iterator[SearchDocument]:
    """The documents unchanged, calling `progress(n)` as the n-th is taken (a rebuild's progress line)."""
    for count, document in enumerate(documents, start=1):
        if progress is not None:
            progress(count)
        yield document


def order_hits(hits: list[Hit], sort: str) -> list[Hit]:
    """The shared tie rules: equal scores (or dates) go newer first, then higher id."""
    if sort == SORT_DATE:
        return sorted(hits, key=lambda hit: (hit.date, hit.id), reverse=True)
    return sorted(hits, key=lambda hit: (hit.score or 0.0, hit.date, hit.id), reverse=True)


class SearchBackend(ABC):
    name = ""

    @abstractmethod
    def dictionary(self) -> Dictionary | None:
        """The dictionary the index was built with, or None when there is no index yet."""
        ...

    def segmenter(self) -> Segmenter:
        dictionary = self.dictionary()
        if dictionary is None:
            from ..vocabulary import current_dictionary

            dictionary = current_dictionary()
        return segmenter_for(dictionary)

    @abstractmethod
    def upsert(self, documents: list[SearchDocument]) -> None: ...

    @abstractmethod
    def remove(self, keys: list[str]) -> None: ...

    @abstractmethod
    def rebuild(
        self,
        documents: Iterable[SearchDocument],
        dictionary: Dictionary,
        *,
        refresh: Refresh,
        progress: Progress | None = None,
    ) -> int:
        """Replace the whole index; searches see the old index until the new one is complete."""
        ...

    @abstractmethod
    def replace_organization(self, organization_id: int, documents: Iterable[SearchDocument]) -> int:
        """Re-index one organization's documents with the index's current dictionary."""
        ...

    @abstractmethod
    def lookup(self, key: str, filters: SearchFilters) -> list[Hit]:
        """Documents whose normalized document number or index number is `key`."""
        ...

    @abstractmethod
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
        """One page of hits and the number of all matches."""
        ...

    def count(self, parsed: ParsedQuery, filters: SearchFilters, *, exclude_keys: tuple[str, ...] = ()) -> int:
        """The number of matches alone (what `search` returns beside its hits): for a group of results the page does
        not reach. Backends where ranking costs more than counting answer without ranking."""
        return self.search(parsed, filters, sort=SORT_DATE, offset=0, limit=1, exclude_keys=exclude_keys)[1]

    @abstractmethod
    def document_count(self) -> int: ...

    @abstractmethod
    def contains(self, key: str) -> bool: ...
