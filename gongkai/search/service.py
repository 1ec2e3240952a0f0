"""The search service: the embedded index on this machine, answering the app servers over HTTP.

`gongkai searchservice` serves this WSGI application with gunicorn (or `gunicorn gongkai.search_wsgi`). Every
request but `GET /healthz` carries `Authorization: Bearer <GONGKAI_SEARCH_SERVICE_TOKEN>`; the service listens on
the private network only (docs/operations.md). Requests are `POST /v1/<operation>` with a JSON body (the wire
format of `wire.py`), except the two long writes, whose body is one JSON line of parameters and then one line per
document. Answers are JSON, with the index's dictionary version in a header so clients notice a rebuild.

Writers on several worker processes are serialized by the embedded backend's file lock; readers share the index
files through the page cache.
"""

import hmac
import logging
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings

from . import wire
from .backends.embedded import EmbeddedBackend
from .backends.service import DICTIONARY_HEADER
from .documents import SearchDocument
from .segmentation import Dictionary
from .services import refresh_documents

logger = logging.getLogger(__name__)
MAX_BODY = 64 * 2**20  # a JSON request (a batch of upserts); streamed rebuilds are read line by line
MAX_LINE = 64 * 2**20

Environ = dict[str, Any]
StartResponse = Callable[..., Any]


class Refused(Exception):
    def __init__(self, status: str, message: str):
        super().__init__(message)
        self.status = status


def backend() -> EmbeddedBackend:
    return EmbeddedBackend(settings.GONGKAI_SEARCH_INDEX_DIR)


def application(environ: Environ, start_response: StartResponse) -> list[bytes]:
    index = backend()
    try:
        answer = _answer(environ, index)
        status = "200 OK"
    except Refused as refusal:
        status, answer = refusal.status, {"error": str(refusal)}
    except (KeyError, TypeError, ValueError) as error:
        status, answer = "400 Bad Request", {"error": f"invalid request: {error!r}"}
    except Exception:
        logger.exception("search service: %s failed", environ.get("PATH_INFO"))
        status, answer = "500 Internal Server Error", {"error": "the search service failed; see its log"}
    body = wire.dumps(answer)
    dictionary = index.dictionary()
    start_response(
        status,
        [
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(body))),
            (DICTIONARY_HEADER, dictionary.version if dictionary else ""),
        ],
    )
    return [body]


def _answer(environ: Environ, index: EmbeddedBackend) -> Any:
    path = environ.get("PATH_INFO", "")
    if path == "/healthz" and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
        return {"status": "ok"}
    _authorize(environ)
    if environ.get("REQUEST_METHOD") != "POST":
        raise Refused("405 Method Not Allowed", "POST only")
    operation = path.removeprefix("/v1/") if path.startswith("/v1/") else ""
    if operation in STREAMED:
        lines = _lines(environ)
        header = wire.loads(next(lines, b"{}"))
        documents = (wire.document_in(wire.loads(line)) for line in lines if line.strip())
        return STREAMED[operation](index, header, documents)
    handler = OPERATIONS.get(operation)
    if handler is None:
        raise Refused("404 Not Found", f"no operation {operation!r}")
    return handler(index, _json_body(environ))


def _authorize(environ: Environ) -> None:
    token = settings.GONGKAI_SEARCH_SERVICE_TOKEN
    given = environ.get("HTTP_AUTHORIZATION", "")
    if not token or not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        raise Refused("401 Unauthorized", "a valid token is required")


def _json_body(environ: Environ) -> dict[str, Any]:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise Refused("400 Bad Request", "invalid Content-Length") from None
    if length > MAX_BODY:
        raise Refused("413 Content Too Large", f"at most {MAX_BODY} bytes")
    data = environ["wsgi.input"].read(length) if length else b"{}"
    value = wire.loads(data)
    if not isinstance(value, dict):
        raise Refused("400 Bad Request", "the body must be a JSON object")
    return value


def _lines(environ: Environ) -> Iterator[bytes]:
    stream = environ["wsgi.input"]
    while True:
        line = stream.readline(MAX_LINE + 1)
        if not line:
            return
        if len(line) > MAX_LINE:
            raise Refused("413 Content Too Large", f"a document line is longer than {MAX_LINE} bytes")
        yield line


# Operations ------------------------------------------------------------------------------------------------


def _hits(hits: list) -> list[dict[str, Any]]:
    return [wire.hit_out(hit) for hit in hits]


def _search(index: EmbeddedBackend, body: dict[str, Any]) -> dict[str, Any]:
    hits, total = index.search(
        wire.parsed_in(body["query"]),
        wire.filters_in(body["filters"]),
        sort=str(body["sort"]),
        offset=max(0, int(body["offset"])),
        limit=max(1, min(int(body["limit"]), 1000)),
        exclude_keys=tuple(str(key) for key in body.get("exclude_keys") or ()),
    )
    return {"hits": _hits(hits), "total": total}


def _count(index: EmbeddedBackend, body: dict[str, Any]) -> dict[str, Any]:
    total = index.count(
        wire.parsed_in(body["query"]),
        wire.filters_in(body["filters"]),
        exclude_keys=tuple(str(key) for key in body.get("exclude_keys") or ()),
    )
    return {"total": total}


def _lookup(index: EmbeddedBackend, body: dict[str, Any]) -> dict[str, Any]:
    return {"hits": _hits(index.lookup(str(body["key"]), wire.filters_in(body["filters"])))}


def _upsert(index: EmbeddedBackend, body: dict[str, Any]) -> dict[str, Any]:
    documents = [wire.document_in(document) for document in body["documents"]]
    index.upsert(documents)
    return {"count": len(documents)}


def _remove(index: EmbeddedBackend, body: dict[str, Any]) -> dict[str, Any]:
    keys = [str(key) for key in body["keys"]]
    index.remove(keys)
    return {"count": len(keys)}


def _dictionary(index: EmbeddedBackend, body: dict[str, Any]) -> dict[str, Any]:
    dictionary = index.dictionary()
    if dictionary is None:
        return {"version": "", "words": None}
    return {"version": dictionary.version, "words": list(dictionary.words)}


def _status(index: EmbeddedBackend, body: dict[str, Any]) -> dict[str, Any]:
    return {"documents": index.document_count()}


def _contains(index: EmbeddedBackend, body: dict[str, Any]) -> dict[str, Any]:
    return {"found": index.contains(str(body["key"]))}


def _rebuild(index: EmbeddedBackend, header: dict[str, Any], documents: Iterator[SearchDocument]) -> dict[str, Any]:
    # Documents changed while the rebuild runs are read again from the database the app servers share.
    dictionary = Dictionary(tuple(str(word) for word in header["words"]))
    return {"count": index.rebuild(documents, dictionary, refresh=refresh_documents)}


def _replace_organization(
    index: EmbeddedBackend, header: dict[str, Any], documents: Iterator[SearchDocument]
) -> dict[str, Any]:
    return {"count": index.replace_organization(int(header["organization_id"]), documents)}


OPERATIONS: dict[str, Callable[[EmbeddedBackend, dict[str, Any]], dict[str, Any]]] = {
    "search": _search,
    "count": _count,
    "lookup": _lookup,
    "upsert": _upsert,
    "remove": _remove,
    "dictionary": _dictionary,
    "status": _status,
    "contains": _contains,
}
STREAMED: dict[str, Callable[[EmbeddedBackend, dict[str, Any], Iterator[SearchDocument]], dict[str, Any]]] = {
    "rebuild": _rebuild,
    "replace-organization": _replace_organization,
}
