"""The "service" backend: the embedded engine's index, held by one search service that every app server asks.

For several app servers (a provincial platform): one machine runs `gongkai searchservice`, which keeps the Tantivy
index on its own disk and answers over HTTP; every app server and task worker sets
GONGKAI_SEARCH_BACKEND=service, GONGKAI_SEARCH_SERVICE_URL and the shared GONGKAI_SEARCH_SERVICE_TOKEN. Searches,
writes and rebuilds then reach the one index, so a record published on one server is found from every other, and a
withdrawal disappears from all of them at once (docs/search.md, "The search service").

The wire format is `wire.py`. Connections are kept open per thread. A service that cannot be reached, or that
answers with an error, raises SearchUnavailable (the detail goes to the log): the portal and the API then say that
search is unavailable for the moment, and a failed indexing is logged for `gongkai search reindex` to repair
(services.index_objects_safely).
"""

import http.client
import logging
import threading
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from .. import wire
from ..documents import Hit, SearchDocument, SearchFilters
from ..errors import SearchError, SearchErrorCode, SearchUnavailable
from ..query import ParsedQuery
from ..segmentation import Dictionary
from .base import Progress, Refresh, SearchBackend, counted

logger = logging.getLogger(__name__)
DICTIONARY_HEADER = "X-Gongkai-Dictionary"
# Documents per chunk of a streamed rebuild (each chunk is one line per document).
STREAM_BATCH = 200
# What this process last learned of each service's dictionary: url → (version, dictionary).
_dictionaries: dict[str, tuple[str, Dictionary | None]] = {}
_seen_versions: dict[str, str] = {}
_local = threading.local()


class ServiceBackend(SearchBackend):
    name = "service"
    # http.client's connection for the URL's scheme; the tests put one here that calls the service in-process.
    connection_class: type[http.client.HTTPConnection] | None = None

    def __init__(self, url: str, token: str, *, timeout: float = 10.0, rebuild_timeout: float = 86_400.0):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SearchError(
                SearchErrorCode.UNKNOWN_BACKEND,
                _("检索服务地址“%(url)s”无效：应为 http://主机:端口。") % {"url": url},
            )
        self.url = url.rstrip("/")
        self.scheme, self.host, self.port = parts.scheme, parts.hostname, parts.port
        self.prefix = parts.path.rstrip("/")
        self.token = token
        self.timeout = timeout
        self.rebuild_timeout = rebuild_timeout

    # Transport ---------------------------------------------------------------------------------------------

    def _connection(self, timeout: float) -> http.client.HTTPConnection:
        connections = getattr(_local, "connections", None)
        if connections is None:
            connections = _local.connections = {}
        connection = connections.get(self.url)
        if connection is None:
            kind = self.connection_class or (
                http.client.HTTPSConnection if self.scheme == "https" else http.client.HTTPConnection
            )
            connection = connections[self.url] = kind(self.host, self.port, timeout=timeout)
        connection.timeout = timeout
        if connection.sock is not None:
            connection.sock.settimeout(timeout)
        return connection

    def _drop_connection(self) -> None:
        connection = getattr(_local, "connections", {}).pop(self.url, None)
        if connection is not None:
            connection.close()

    def _headers(self) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {self.token}",
            "Content-Type": "application/json",
            "X-Gongkai-Protocol": wire.PROTOCOL,
        }

    def _call(self, operation: str, payload: dict[str, Any]) -> Any:
        """One request with a JSON body. Every operation is idempotent, so a connection the service closed while
        idle (a restart) is opened again and the request repeated once."""
        body = wire.dumps(payload)
        for attempt in (1, 2):
            connection = self._connection(self.timeout)
            try:
                connection.request("POST", f"{self.prefix}/v1/{operation}", body=body, headers=self._headers())
                response = connection.getresponse()
                data = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError) as error:
                self._drop_connection()
                if attempt == 2:
                    raise self._unavailable(error) from error
                continue
            except (OSError, http.client.HTTPException) as error:
                self._drop_connection()
                raise self._unavailable(error) from error
            return self._answer(response, data)
        raise AssertionError("unreachable")  # pragma: no cover

    def _stream(self, operation: str, header: dict[str, Any], documents: Iterable[SearchDocument]) -> Any:
        """A long write (a rebuild): the header line, then one line per document, sent as a chunked body while the
        documents are produced, so neither side holds them all. Not repeated: the documents are consumed."""

        def chunks() -> Iterator[bytes]:
            yield wire.dumps(header) + b"\n"
            batch: list[bytes] = []
            for document in documents:
                batch.append(wire.dumps(wire.document_out(document)))
                if len(batch) >= STREAM_BATCH:
                    yield b"\n".join(batch) + b"\n"
                    batch = []
            if batch:
                yield b"\n".join(batch) + b"\n"

        self._drop_connection()  # a fresh connection with the long timeout
        connection = self._connection(self.rebuild_timeout)
        try:
            connection.request(
                "POST",
                f"{self.prefix}/v1/{operation}",
                body=chunks(),
                headers={**self._headers(), "Content-Type": "application/x-ndjson"},
                encode_chunked=True,
            )
            response = connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as error:
            raise self._unavailable(error) from error
        finally:
            self._drop_connection()
        return self._answer(response, data)

    def _answer(self, response: http.client.HTTPResponse, data: bytes) -> Any:
        version = response.getheader(DICTIONARY_HEADER)
        if version is not None:
            _seen_versions[self.url] = version
        try:
            answer = wire.loads(data) if data else {}
        except ValueError:
            answer = {}
        if response.status != 200:
            detail = answer.get("error") if isinstance(answer, dict) else ""
            message = f"the search service at {self.url} answered HTTP {response.status}: {detail or response.reason}"
            logger.error("search: %s", message)
            raise SearchUnavailable(message)
        return answer

    def _unavailable(self, error: BaseException) -> SearchUnavailable:
        message = f"cannot reach the search service at {self.url}: {error!r}"
        logger.error("search: %s", message)
        return SearchUnavailable(message)

    # The interface -----------------------------------------------------------------------------------------

    def dictionary(self) -> Dictionary | None:
        known = _dictionaries.get(self.url)
        if known is not None and _seen_versions.get(self.url, known[0]) == known[0]:
            return known[1]
        answer = self._call("dictionary", {})
        words = answer.get("words")
        dictionary = Dictionary(tuple(words)) if words is not None else None
        version = answer.get("version") or ""
        _dictionaries[self.url] = (version, dictionary)
        _seen_versions[self.url] = version
        return dictionary

    def upsert(self, documents: list[SearchDocument]) -> None:
        if documents:
            self._call("upsert", {"documents": [wire.document_out(document) for document in documents]})

    def remove(self, keys: list[str]) -> None:
        if keys:
            self._call("remove", {"keys": list(keys)})

    def rebuild(
        self,
        documents: Iterable[SearchDocument],
        dictionary: Dictionary,
        *,
        refresh: Refresh,
        progress: Progress | None = None,
    ) -> int:
        """Streams the documents to the service, which builds a new generation beside the one searches use and
        swaps it in when complete. Documents changed meanwhile are refreshed by the service from the database it
        shares with the app servers (`refresh` runs there, as `services.refresh_documents`)."""
        answer = self._stream("rebuild", {"words": list(dictionary.words)}, counted(documents, progress))
        return int(answer["count"])

    def replace_organization(self, organization_id: int, documents: Iterable[SearchDocument]) -> int:
        answer = self._stream("replace-organization", {"organization_id": organization_id}, documents)
        return int(answer["count"])

    def lookup(self, key: str, filters: SearchFilters) -> list[Hit]:
        answer = self._call("lookup", {"key": key, "filters": wire.filters_out(filters)})
        return [wire.hit_in(hit) for hit in answer["hits"]]

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
        answer = self._call(
            "search",
            {
                "query": wire.parsed_out(parsed),
                "filters": wire.filters_out(filters),
                "sort": sort,
                "offset": offset,
                "limit": limit,
                "exclude_keys": list(exclude_keys),
            },
        )
        return [wire.hit_in(hit) for hit in answer["hits"]], int(answer["total"])

    def count(self, parsed: ParsedQuery, filters: SearchFilters, *, exclude_keys: tuple[str, ...] = ()) -> int:
        answer = self._call(
            "count",
            {
                "query": wire.parsed_out(parsed),
                "filters": wire.filters_out(filters),
                "exclude_keys": list(exclude_keys),
            },
        )
        return int(answer["total"])

    def document_count(self) -> int:
        return int(self._call("status", {})["documents"])

    def contains(self, key: str) -> bool:
        return bool(self._call("contains", {"key": key})["found"])


def forget_dictionaries() -> None:
    """For tests: forget what was learned of every service's dictionary."""
    _dictionaries.clear()
    _seen_versions.clear()
