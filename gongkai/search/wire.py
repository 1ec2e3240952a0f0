"""The search service's wire format: documents, filters, parsed queries and hits as JSON, both ways.

Shared by the client backend (`backends/service.py`, on every app server) and the service (`service.py`, on the
machine that holds the index), so the two cannot disagree. Dates travel as ISO 8601 with their offset.
"""

from datetime import date, datetime
from typing import Any

import orjson

from .documents import Hit, SearchDocument, SearchFilters
from .query import ParsedQuery

PROTOCOL = "1"


def dumps(value: Any) -> bytes:
    return orjson.dumps(value)


def loads(data: bytes | str) -> Any:
    return orjson.loads(data)


def document_out(document: SearchDocument) -> dict[str, Any]:
    return {
        "kind": document.kind,
        "id": document.id,
        "title": document.title,
        "body": document.body,
        "url": document.url,
        "date": document.date.isoformat(),
        "fields": document.fields,
        "filters": {name: list(values) for name, values in document.filters.items()},
        "lookup_keys": list(document.lookup_keys),
        "extra": document.extra,
    }


def document_in(data: dict[str, Any]) -> SearchDocument:
    return SearchDocument(
        kind=str(data["kind"]),
        id=int(data["id"]),
        title=str(data["title"]),
        body=str(data["body"]),
        url=str(data["url"]),
        date=_aware(data["date"]),
        fields=dict(data.get("fields") or {}),
        filters={str(name): tuple(str(v) for v in values) for name, values in (data.get("filters") or {}).items()},
        lookup_keys=tuple(str(key) for key in data.get("lookup_keys") or ()),
        extra=str(data.get("extra") or ""),
    )


def filters_out(filters: SearchFilters) -> dict[str, Any]:
    return {
        "kind": filters.kind,
        "organization": filters.organization,
        "column": filters.column,
        "domain": filters.domain,
        "stage": filters.stage,
        "validity": filters.validity,
        "file_type": filters.file_type,
        "date_from": filters.date_from.isoformat() if filters.date_from else None,
        "date_to": filters.date_to.isoformat() if filters.date_to else None,
        "standing": filters.standing,
    }


def filters_in(data: dict[str, Any]) -> SearchFilters:
    text = {
        name: str(data.get(name) or "")
        for name in ("kind", "organization", "column", "domain", "stage", "validity", "file_type", "standing")
    }
    return SearchFilters(
        **text,
        date_from=date.fromisoformat(data["date_from"]) if data.get("date_from") else None,
        date_to=date.fromisoformat(data["date_to"]) if data.get("date_to") else None,
    )


def parsed_out(parsed: ParsedQuery) -> dict[str, Any]:
    return {
        "text": parsed.text,
        "groups": [[list(alternative) for alternative in group] for group in parsed.groups],
        "phrases": list(parsed.phrases),
        "lookup_key": parsed.lookup_key,
    }


def parsed_in(data: dict[str, Any]) -> ParsedQuery:
    return ParsedQuery(
        text=str(data["text"]),
        groups=tuple(
            tuple(tuple(str(token) for token in alternative) for alternative in group) for group in data["groups"]
        ),
        phrases=tuple(str(phrase) for phrase in data["phrases"]),
        lookup_key=str(data["lookup_key"]),
    )


def hit_out(hit: Hit) -> dict[str, Any]:
    return {
        "key": hit.key,
        "kind": hit.kind,
        "id": hit.id,
        "title": hit.title,
        "url": hit.url,
        "date": hit.date.isoformat(),
        "score": hit.score,
        "fields": hit.fields,
        "body": hit.body,
        "exact": hit.exact,
    }


def hit_in(data: dict[str, Any]) -> Hit:
    return Hit(
        key=str(data["key"]),
        kind=str(data["kind"]),
        id=int(data["id"]),
        title=str(data["title"]),
        url=str(data["url"]),
        date=_aware(data["date"]),
        score=data["score"],
        fields=dict(data["fields"]),
        body=str(data.get("body") or ""),
        exact=bool(data.get("exact")),
    )


def _aware(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(f"date without an offset: {value}")
    return parsed
