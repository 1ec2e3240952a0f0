"""Which kinds of object can be counted, and how to tell that an object is public (so counts cannot be stuffed for
drafts or made-up ids). Apps register their kind: publishing's records and engagement's answers here; service guides
are registered by the portal (`portal/engagement/counted_kinds.py`), since services and engagement are independent
apps of the same layer. A kind nobody registered counts nothing (404)."""

from collections.abc import Callable, Iterable

from gongkai.publishing.selectors import published_records

from .models import CountedKind
from .selectors import published_inquiries

PublicLookup = Callable[[Iterable[int]], object]  # returns a queryset of the public objects among the ids
_LOOKUPS: dict[str, PublicLookup] = {}


def register_counted_kind(kind: str, lookup: PublicLookup) -> None:
    _LOOKUPS[kind] = lookup


def is_public(kind: str, object_id: int) -> bool:
    lookup = _LOOKUPS.get(kind)
    return lookup is not None and lookup([object_id]).filter(pk=object_id).exists()


def _published_answers(ids):
    return published_inquiries().filter(pk__in=list(ids))


register_counted_kind(CountedKind.RECORD, lambda ids: published_records().filter(pk__in=list(ids)))
register_counted_kind(CountedKind.ANSWER, _published_answers)
