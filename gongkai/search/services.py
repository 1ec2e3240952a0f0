"""Writes of the search app: keeping the index in step with what is public, rebuilding it, the office's terms,
and the query statistics."""

import logging
from collections.abc import Callable, Iterator
from itertools import chain

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import deferral
from gongkai.core.audit import log
from gongkai.orgs.models import Organization

from .backends import get_backend
from .backends.base import counted
from .documents import SearchDocument
from .errors import SearchError, SearchErrorCode, SearchUnavailable
from .models import QueryDay, Term
from .segmentation import clean_word
from .sources import source_for, sources
from .vocabulary import current_dictionary, forget_synonyms

logger = logging.getLogger(__name__)
MAX_SYNONYMS = 20


# The index ---------------------------------------------------------------------------------------------------


def index_object(*, kind: str, object_id: int) -> bool:
    """Bring one object's document up to date: indexed when public now, removed otherwise. True when indexed.

    Safe to run twice; called after the commit that changed the object.
    """
    source = source_for(kind)
    backend = get_backend()
    key = f"{kind}:{object_id}"
    document = source.fetch([object_id]).get(object_id) if source else None
    if document is None:
        backend.remove([key])
        return False
    backend.upsert([document])
    return True


def remove_object(*, kind: str, object_id: int) -> None:
    get_backend().remove([f"{kind}:{object_id}"])


class _Pending:
    """Objects changed in the current transaction, indexed together in one write when it commits."""

    def __init__(self, connection, keys=()):
        self.connection = connection
        self.keys: set[tuple[str, int]] = set(keys)

    def __call__(self):
        if self.connection.__dict__.get("_search_pending") is self:
            del self.connection.__dict__["_search_pending"]
        index_objects_safely(self.keys)


def index_after_commit(*, kind: str, object_id: int) -> None:
    """Index the object when the current transaction commits (at once outside a transaction).

    Every object changed in one transaction is indexed in one write: a catalog import touching hundreds of items
    commits the index once, not hundreds of times. If the transaction is rolled back, its keys are carried to the
    next commit (indexing re-reads the public state, so that is harmless).
    """
    if deferral.deferred("search"):  # a bulk build (the demo) rebuilds the index at its end
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        index_objects_safely({(kind, object_id)})
        return
    pending = connection.__dict__.get("_search_pending")
    if pending is None or not any(func is pending for _ids, func, _robust in connection.run_on_commit):
        pending = _Pending(connection, pending.keys if pending else ())
        connection.__dict__["_search_pending"] = pending
        transaction.on_commit(pending)
    pending.keys.add((kind, object_id))


def index_objects(keys: set[tuple[str, int]]) -> None:
    """Index what is public of those objects (and of the objects whose documents change with them, such as an
    adopted item's source) and remove the rest, in one write per backend operation."""
    keys = set(keys) | related_keys(keys)
    fresh = refresh_documents([f"{kind}:{object_id}" for kind, object_id in sorted(keys)])
    backend = get_backend()
    gone = [key for key, document in fresh.items() if document is None]
    present = [document for document in fresh.values() if document is not None]
    backend.remove(gone)
    backend.upsert(present)


def related_keys(keys: set[tuple[str, int]]) -> set[tuple[str, int]]:
    by_kind: dict[str, set[int]] = {}
    for kind, object_id in keys:
        by_kind.setdefault(kind, set()).add(object_id)
    related = set()
    for kind, ids in by_kind.items():
        source = source_for(kind)
        if source is not None:
            related.update((kind, object_id) for object_id in source.related_ids(ids))
    return related


def index_objects_safely(keys: set[tuple[str, int]]) -> None:
    """`index_objects`, logging a failure rather than raising it: the change itself is already committed, results
    shown to the public are re-checked against the selectors anyway, and `gongkai search reindex` repairs the index.
    When the search service cannot be reached, the indexing is queued for the worker, which retries it.
    """
    try:
        index_objects(keys)
    except SearchUnavailable:
        queue_indexing(keys)
    except Exception:
        logger.exception("search: indexing %s failed; run `gongkai search reindex`", sorted(keys)[:20])


def queue_indexing(keys: set[tuple[str, int]]) -> None:
    """The search service of a several-server installation cannot be reached: queue the indexing for the worker,
    which tries again (with backoff) until the service is back."""
    logger.warning("search: the search service is unavailable; indexing %s is queued", sorted(keys)[:20])
    from . import tasks

    try:
        tasks.index_later.enqueue(sorted([kind, object_id] for kind, object_id in keys))
    except Exception:
        logger.exception("search: queueing %s failed; run `gongkai search reindex`", sorted(keys)[:20])


def refresh_documents(keys: list[str]) -> dict[str, SearchDocument | None]:
    """The documents for those keys as they are now; None for what is no longer public."""
    by_kind: dict[str, list[int]] = {}
    for key in keys:
        kind, _separator, object_id = key.partition(":")
        by_kind.setdefault(kind, []).append(int(object_id))
    result: dict[str, SearchDocument | None] = dict.fromkeys(keys)
    for kind, ids in by_kind.items():
        source = source_for(kind)
        if source is not None:
            for object_id, document in source.fetch(ids).items():
                result[f"{kind}:{object_id}"] = document
    return result


def count_public_documents(*, organization: Organization | None = None) -> int:
    organization_id = organization.pk if organization else None
    return sum(source.count(organization_id) for source in sources())


def reindex(
    *,
    actor=None,
    organization: Organization | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Rebuild the index from the public selectors with the current dictionary (or only one organization's
    documents, with the dictionary the index already has). Returns the number of documents indexed."""
    backend = get_backend()
    organization_id = organization.pk if organization else None
    documents: Iterator[SearchDocument] = chain.from_iterable(source.documents(organization_id) for source in sources())
    if organization is None:
        dictionary = current_dictionary()
        count = backend.rebuild(documents, dictionary, refresh=refresh_documents, progress=progress)
    else:
        dictionary = backend.dictionary() or current_dictionary()
        count = backend.replace_organization(organization.pk, counted(documents, progress))
    with transaction.atomic():
        log(
            "search.index.rebuilt",
            actor=actor,
            organization=organization,
            data={"backend": backend.name, "documents": count, "dictionary_version": dictionary.version},
        )
    return count


# Policy terms and synonyms -----------------------------------------------------------------------------------


def _clean_term(word: str, synonyms: list[str]) -> tuple[str, list[str]]:
    cleaned = clean_word(word)
    if not cleaned:
        raise SearchError(
            SearchErrorCode.INVALID_TERM,
            _("词语“%(word)s”无效：应为2至30个字、含汉字、不含空格。") % {"word": word},
            field="word",
        )
    result = []
    for synonym in synonyms:
        synonym = synonym.strip()
        if not synonym or synonym == cleaned or synonym in result:
            continue
        if not clean_word(synonym):
            raise SearchError(
                SearchErrorCode.INVALID_TERM,
                _("同义词“%(word)s”无效：应为2至30个字、含汉字、不含空格。") % {"word": synonym},
                field="synonyms",
            )
        result.append(synonym)
    if len(result) > MAX_SYNONYMS:
        raise SearchError(
            SearchErrorCode.INVALID_TERM,
            _("同义词最多 %(count)s 个，请拆分为多个词条。") % {"count": MAX_SYNONYMS},
            field="synonyms",
        )
    return cleaned, result


def create_term(*, word: str, synonyms: list[str], note: str = "", actor) -> Term:
    word, synonyms = _clean_term(word, synonyms)
    try:
        with transaction.atomic():
            term = Term.objects.create(word=word, synonyms=synonyms, note=note.strip()[:200], created_by=actor)
            log("search.term.created", actor=actor, target=term, data={"word": word, "synonyms": synonyms})
    except IntegrityError as error:
        raise SearchError(
            SearchErrorCode.DUPLICATE_TERM, _("词语“%(word)s”已存在，请直接修改该词条。") % {"word": word}, field="word"
        ) from error
    transaction.on_commit(forget_synonyms)
    return term


def update_term(*, term: Term, word: str, synonyms: list[str], note: str = "", is_active: bool = True, actor) -> Term:
    word, synonyms = _clean_term(word, synonyms)
    if Term.objects.filter(word=word).exclude(pk=term.pk).exists():
        raise SearchError(
            SearchErrorCode.DUPLICATE_TERM, _("词语“%(word)s”已存在，请直接修改该词条。") % {"word": word}, field="word"
        )
    with transaction.atomic():
        term = Term.objects.select_for_update().get(pk=term.pk)
        before = {"word": term.word, "synonyms": term.synonyms, "is_active": term.is_active}
        term.word, term.synonyms, term.note, term.is_active = word, synonyms, note.strip()[:200], is_active
        term.full_clean()
        term.save()
        after = {"word": word, "synonyms": synonyms, "is_active": is_active}
        log("search.term.changed", actor=actor, target=term, data={"before": before, "after": after})
    transaction.on_commit(forget_synonyms)
    return term


# Query statistics --------------------------------------------------------------------------------------------


def normalize_logged_query(text: str) -> str:
    return " ".join((text or "").split())[:200]


def record_search(*, query: str, result_count: int) -> None:
    """Count one portal search of `query` today, and whether it found nothing.

    Not written to the audit log: these counters are themselves the log, and they keep no searcher's identity.
    """
    query = normalize_logged_query(query)
    if not query:
        return
    today = timezone.localdate()
    zero = 1 if result_count == 0 else 0
    with transaction.atomic():
        updated = QueryDay.objects.filter(query=query, day=today).update(
            searches=F("searches") + 1, zero_results=F("zero_results") + zero
        )
        if not updated:
            try:
                with transaction.atomic():
                    QueryDay.objects.create(query=query, day=today, searches=1, zero_results=zero)
            except IntegrityError:
                QueryDay.objects.filter(query=query, day=today).update(
                    searches=F("searches") + 1, zero_results=F("zero_results") + zero
                )
