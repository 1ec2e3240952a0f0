"""The embedded backend: a Tantivy index on disk, no server needed.

Layout of settings.GONGKAI_SEARCH_INDEX_DIR:
- `current`: the name of the generation searches use;
- `gen-…/`: one Tantivy index and the `dictionary.json` it was segmented with;
- `lock`: held (flock) by whoever writes, across processes;
- `rebuilding` and `journal`: while a rebuild runs, the keys changed meanwhile, replayed into the new generation
  before it becomes current, so no publication or withdrawal made during a rebuild is lost.

Segmented text is indexed with Tantivy's whitespace tokenizer; title and body are separate fields so BM25 can weigh
title words more. Top-k collection stops early instead of ranking every match.
"""

import fcntl
import json
import os
import shutil
import threading
import uuid
from collections.abc import Iterable
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import tantivy

from ..documents import (
    FACETS,
    SORT_DATE,
    STANDING_CURRENT,
    STANDING_SUPERSEDED,
    SUPERSEDED,
    Hit,
    SearchDocument,
    SearchFilters,
)
from ..query import ParsedQuery, matches_phrases
from ..segmentation import Dictionary, Segmenter, segmenter_for
from .base import PreparedDocument, Progress, Refresh, SearchBackend, day_bounds, order_hits, prepare

TITLE_BOOST = 3.0
SMALL_WRITER_HEAP = 20_000_000
BULK_WRITER_HEAP = 400_000_000
# A phrase is checked against the stored text of candidates in rank order; this many at most are examined.
MAX_PHRASE_CANDIDATES = 10_000
PHRASE_BATCH = 500
TIE_WINDOW = 50
MAX_TIES = 1000
ID_LIMIT = 10_000_000

_open_indexes: dict[str, tantivy.Index] = {}
_open_lock = threading.Lock()
_dictionaries: dict[str, Dictionary] = {}
_preloads: dict[str, threading.Thread] = {}
PRELOAD_CHUNK = 1 << 20


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("key", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("kind", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("title_tokens", tokenizer_name="whitespace", index_option="freq")
    builder.add_text_field("body_tokens", tokenizer_name="whitespace", index_option="freq")
    builder.add_text_field("lookup", tokenizer_name="raw", index_option="basic")
    for facet in FACETS:
        builder.add_text_field(facet, tokenizer_name="raw", index_option="basic")
    builder.add_date_field("date", indexed=True, fast=True)
    builder.add_unsigned_field("stamp", fast=True)
    builder.add_bytes_field("payload", stored=True)
    return builder.build()


SCHEMA = build_schema()


def sort_stamp(date: datetime, object_id: int) -> int:
    """Newer first, then higher id, in one unsigned number Tantivy can sort on."""
    return int(date.timestamp()) * ID_LIMIT + object_id % ID_LIMIT


def to_tantivy_document(prepared: PreparedDocument) -> tantivy.Document:
    document = prepared.document
    result = tantivy.Document()
    result.add_text("key", document.key)
    result.add_text("kind", document.kind)
    result.add_text("title_tokens", prepared.title_tokens)
    result.add_text("body_tokens", prepared.body_tokens)
    for key in prepared.lookup_keys:
        result.add_text("lookup", key)
    for facet in FACETS:
        for value in document.filters.get(facet, ()):
            result.add_text(facet, str(value))
    result.add_date("date", document.date.astimezone(UTC))
    result.add_unsigned("stamp", sort_stamp(document.date, document.id))
    payload = {
        "kind": document.kind,
        "id": document.id,
        "title": document.title,
        "body": document.body,
        "url": document.url,
        "date": document.date.isoformat(),
        "fields": document.fields,
    }
    result.add_bytes("payload", json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    return result


class EmbeddedBackend(SearchBackend):
    name = "embedded"

    def __init__(self, root: Path):
        self.root = Path(root)

    # Generations -------------------------------------------------------------------------------------------

    def _current_name(self) -> str | None:
        try:
            return (self.root / "current").read_text(encoding="utf-8").strip() or None
        except FileNotFoundError:
            return None

    def _open(self, name: str) -> tantivy.Index:
        path = str(self.root / name)
        with _open_lock:
            index = _open_indexes.get(path)
            if index is None:
                index = tantivy.Index(SCHEMA, path=path, reuse=True)
                _open_indexes[path] = index
                preloading = threading.Thread(target=_preload, args=(Path(path),), name="search-preload", daemon=True)
                _preloads[path] = preloading
                preloading.start()
        return index

    def wait_for_preload(self) -> None:
        """Block until the current generation's files have been read into the page cache (see `_preload`)."""
        current = self._current()
        if current is not None:
            preloading = _preloads.get(str(self.root / current[0]))
            if preloading is not None:
                preloading.join()

    def _current(self) -> tuple[str, tantivy.Index] | None:
        name = self._current_name()
        if name is None or not (self.root / name).is_dir():
            return None
        return name, self._open(name)

    def dictionary(self) -> Dictionary | None:
        name = self._current_name()
        if name is None:
            return None
        path = str(self.root / name)
        dictionary = _dictionaries.get(path)  # a generation's dictionary never changes
        if dictionary is None:
            try:
                words = json.loads((self.root / name / "dictionary.json").read_text(encoding="utf-8"))["words"]
            except FileNotFoundError:
                return None
            dictionary = _dictionaries[path] = Dictionary(tuple(words))
        return dictionary

    def _new_generation(self, dictionary: Dictionary) -> tuple[str, tantivy.Index]:
        name = f"gen-{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
        path = self.root / name
        path.mkdir(parents=True)
        (path / "dictionary.json").write_text(
            json.dumps({"version": dictionary.version, "words": list(dictionary.words)}, ensure_ascii=False),
            encoding="utf-8",
        )
        return name, self._open(name)

    def _make_current(self, name: str) -> None:
        temporary = self.root / f"current.{uuid.uuid4().hex[:8]}"
        temporary.write_text(name, encoding="utf-8")
        os.replace(temporary, self.root / "current")

    def _remove_old_generations(self, keep: str) -> None:
        # Only older generations: a newer one may be another rebuild still being written.
        for path in self.root.glob("gen-*"):
            if path.name < keep and path.is_dir():
                with _open_lock:
                    _open_indexes.pop(str(path), None)
                    _preloads.pop(str(path), None)
                shutil.rmtree(path, ignore_errors=True)

    @contextmanager
    def _locked(self):
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / "lock", "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _current_for_writing(self) -> tuple[tantivy.Index, Segmenter]:
        """The current generation, created empty with today's vocabulary when there is none (call under the lock)."""
        current = self._current()
        if current is None:
            from ..vocabulary import current_dictionary

            dictionary = current_dictionary()
            name, index = self._new_generation(dictionary)
            self._make_current(name)
            return index, segmenter_for(dictionary)
        return current[1], self.segmenter()

    # Writing -----------------------------------------------------------------------------------------------

    def _note_in_journal(self, keys: list[str]) -> None:
        if (self.root / "rebuilding").exists():
            with open(self.root / "journal", "a", encoding="utf-8") as journal:
                journal.writelines(f"{key}\n" for key in keys)

    def upsert(self, documents: list[SearchDocument]) -> None:
        if not documents:
            return
        with self._locked():
            index, segmenter = self._current_for_writing()
            _write(index, [document.key for document in documents], [prepare(d, segmenter) for d in documents])
            self._note_in_journal([document.key for document in documents])

    def remove(self, keys: list[str]) -> None:
        if not keys:
            return
        with self._locked():
            current = self._current()
            if current is not None:
                _write(current[1], keys, [])
            self._note_in_journal(keys)

    def replace_organization(self, organization_id: int, documents: Iterable[SearchDocument]) -> int:
        with self._locked():
            index, segmenter = self._current_for_writing()
            writer = index.writer(BULK_WRITER_HEAP, 0)
            writer.delete_documents_by_term("organization", str(organization_id))
            count = 0
            keys = []
            for document in documents:
                writer.delete_documents_by_term("key", document.key)
                writer.add_document(to_tantivy_document(prepare(document, segmenter)))
                keys.append(document.key)
                count += 1
            writer.commit()
            writer.wait_merging_threads()
            index.reload()
            self._note_in_journal(keys)
        return count

    def rebuild(
        self,
        documents: Iterable[SearchDocument],
        dictionary: Dictionary,
        *,
        refresh: Refresh,
        progress: Progress | None = None,
    ) -> int:
        with self._locked():
            name, index = self._new_generation(dictionary)
            (self.root / "journal").write_text("", encoding="utf-8")
            (self.root / "rebuilding").write_text(name, encoding="utf-8")
        try:
            segmenter = segmenter_for(dictionary)
            writer = index.writer(BULK_WRITER_HEAP, 0)
            count = 0
            for document in documents:
                writer.add_document(to_tantivy_document(prepare(document, segmenter)))
                count += 1
                if progress is not None:
                    progress(count)
            writer.commit()
            writer.wait_merging_threads()
            with self._locked():
                changed = list(dict.fromkeys(self._read_journal()))
                if changed:
                    fresh = refresh(changed)
                    present = [doc for doc in (fresh.get(key) for key in changed) if doc is not None]
                    _write(index, changed, [prepare(doc, segmenter) for doc in present])
                index.reload()
                self._make_current(name)
                (self.root / "rebuilding").unlink(missing_ok=True)
                (self.root / "journal").unlink(missing_ok=True)
                self._remove_old_generations(keep=name)
        except BaseException:
            with self._locked():
                (self.root / "rebuilding").unlink(missing_ok=True)
                (self.root / "journal").unlink(missing_ok=True)
                if self._current_name() != name:
                    with _open_lock:
                        _open_indexes.pop(str(self.root / name), None)
                        _preloads.pop(str(self.root / name), None)
                    shutil.rmtree(self.root / name, ignore_errors=True)
            raise
        return count

    def _read_journal(self) -> list[str]:
        try:
            return [line for line in (self.root / "journal").read_text(encoding="utf-8").splitlines() if line]
        except FileNotFoundError:
            return []

    # Reading -----------------------------------------------------------------------------------------------

    def _searcher(self) -> tantivy.Searcher | None:
        current = self._current()
        if current is None:
            return None
        index = current[1]
        index.reload()
        return index.searcher()

    def document_count(self) -> int:
        searcher = self._searcher()
        return searcher.num_docs if searcher else 0

    def contains(self, key: str) -> bool:
        searcher = self._searcher()
        if searcher is None:
            return False
        return searcher.search(tantivy.Query.term_query(SCHEMA, "key", key), 1).count > 0

    def lookup(self, key: str, filters: SearchFilters) -> list[Hit]:
        searcher = self._searcher()
        if searcher is None or not key:
            return []
        query = _with_filters(tantivy.Query.term_query(SCHEMA, "lookup", key), filters)
        found = searcher.search(query, 50, count=False).hits
        hits = [_hit(searcher, address, None) for _, address in found]
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
        searcher = self._searcher()
        if searcher is None:
            return [], 0
        query = _with_filters(_text_query(parsed), filters, exclude_keys)
        if parsed.phrases:
            return _search_phrases(searcher, query, parsed, sort, offset, limit)
        if sort == SORT_DATE or parsed.is_empty:
            result = searcher.search(
                query, limit, count=True, order_by_field="stamp", offset=offset, order=tantivy.Order.Desc
            )
            return [_hit(searcher, address, None) for _, address in result.hits], result.count
        # Fetch past the page while scores tie at its end, so ties get the shared order (newer first). Templated
        # titles can tie by the thousand: at most MAX_TIES past the page are fetched (two passes at most).
        wanted = offset + limit
        for fetch in (wanted + TIE_WINDOW, wanted + MAX_TIES):
            result = searcher.search(query, fetch, count=True)
            found = result.hits
            if len(found) < fetch or found[wanted - 1][0] != found[-1][0]:
                break
        stamps = searcher.fast_field_values("stamp", [address for _, address in found])
        ranked = sorted(zip(found, stamps, strict=True), key=lambda pair: (pair[0][0], pair[1]), reverse=True)
        return [_hit(searcher, address, score) for (score, address), _ in ranked[offset:wanted]], result.count


def _preload(path: Path) -> None:
    """Read a generation's files once so the OS keeps them in its page cache (run in a thread when it is opened).

    Tantivy reads the index through mmap: on a cold page cache every stored document shown costs a random disk read
    (2–3 ms each on the benchmark machine, 50 ms and more for a page of 20), and posting lists likewise. Reading the
    files sequentially once (about 0.7 s for the 1,000,000-document index) keeps queries at their CPU cost. Files
    removed meanwhile (an older generation) are skipped.
    """
    buffer = bytearray(PRELOAD_CHUNK)
    try:
        files = [file for file in path.iterdir() if file.is_file()]
    except OSError:
        return
    for file in files:
        try:
            with open(file, "rb", buffering=0) as handle:
                while handle.readinto(buffer):
                    pass
        except OSError:
            continue


def _write(index: tantivy.Index, delete_keys: list[str], documents: list[PreparedDocument]) -> None:
    writer = index.writer(SMALL_WRITER_HEAP, 1)
    for key in delete_keys:
        writer.delete_documents_by_term("key", key)
    for prepared in documents:
        writer.add_document(to_tantivy_document(prepared))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()


def _term(field: str, value: str) -> tantivy.Query:
    return tantivy.Query.term_query(SCHEMA, field, value)


def _token_query(token: str) -> tantivy.Query:
    return tantivy.Query.boolean_query(
        [
            (tantivy.Occur.Should, tantivy.Query.boost_query(_term("title_tokens", token), TITLE_BOOST)),
            (tantivy.Occur.Should, _term("body_tokens", token)),
        ]
    )


def _all_of(queries: list[tantivy.Query]) -> tantivy.Query:
    if len(queries) == 1:
        return queries[0]
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, query) for query in queries])


def _text_query(parsed: ParsedQuery) -> tantivy.Query:
    if parsed.is_empty:
        return tantivy.Query.all_query()
    groups = []
    for group in parsed.groups:
        alternatives = [_all_of([_token_query(token) for token in alternative]) for alternative in group]
        if len(alternatives) == 1:
            groups.append(alternatives[0])
        else:
            groups.append(tantivy.Query.boolean_query([(tantivy.Occur.Should, alt) for alt in alternatives]))
    return _all_of(groups)


def _with_filters(query: tantivy.Query, filters: SearchFilters, exclude_keys: tuple[str, ...] = ()) -> tantivy.Query:
    clauses = [(tantivy.Occur.Must, query)]
    for facet, value in filters.facet_values().items():
        clauses.append((tantivy.Occur.Must, _term(facet, value)))
    if filters.standing == STANDING_CURRENT:
        clauses.extend((tantivy.Occur.MustNot, _term("validity", value)) for value in SUPERSEDED)
    elif filters.standing == STANDING_SUPERSEDED:
        superseded = [(tantivy.Occur.Should, _term("validity", value)) for value in SUPERSEDED]
        clauses.append((tantivy.Occur.Must, tantivy.Query.boolean_query(superseded)))
    start, end = day_bounds(filters)
    if start or end:
        clauses.append(
            (
                tantivy.Occur.Must,
                tantivy.Query.range_query(
                    SCHEMA,
                    "date",
                    tantivy.FieldType.Date,
                    lower_bound=start.astimezone(UTC) if start else None,
                    upper_bound=end.astimezone(UTC) if end else None,
                    include_lower=True,
                    include_upper=end is None,
                ),
            )
        )
    for key in exclude_keys:
        clauses.append((tantivy.Occur.MustNot, _term("key", key)))
    if len(clauses) == 1:
        return query
    return tantivy.Query.boolean_query(clauses)


def _payload(searcher: tantivy.Searcher, address) -> dict:
    return json.loads(searcher.doc(address).get_first("payload"))


def _hit(searcher: tantivy.Searcher, address, score: float | None, payload: dict | None = None) -> Hit:
    payload = payload or _payload(searcher, address)
    return Hit(
        key=f"{payload['kind']}:{payload['id']}",
        kind=payload["kind"],
        id=payload["id"],
        title=payload["title"],
        url=payload["url"],
        date=datetime.fromisoformat(payload["date"]),
        score=score,
        fields=payload["fields"],
        body=payload["body"],
    )


def _search_phrases(searcher, query, parsed: ParsedQuery, sort: str, offset: int, limit: int):
    """Candidates in rank (or date) order, kept when their stored text contains every phrase literally."""
    matched: list[Hit] = []
    examined = 0
    while examined < MAX_PHRASE_CANDIDATES:
        if sort == SORT_DATE:
            batch = searcher.search(
                query, PHRASE_BATCH, count=False, order_by_field="stamp", offset=examined, order=tantivy.Order.Desc
            ).hits
        else:
            batch = searcher.search(query, PHRASE_BATCH, count=False, offset=examined).hits
        if not batch:
            break
        for value, address in batch:
            payload = _payload(searcher, address)
            if matches_phrases(parsed, payload["title"], payload["body"]):
                matched.append(_hit(searcher, address, None if sort == SORT_DATE else value, payload))
        examined += len(batch)
        if len(batch) < PHRASE_BATCH:
            break
    matched = order_hits(matched, sort)
    return matched[offset : offset + limit], len(matched)
