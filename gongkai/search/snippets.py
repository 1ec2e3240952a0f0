"""Highlighted snippets: a window of the text around the matched words, HTML-escaped, the words in <mark>."""

import re
from html import escape

from django.utils.safestring import SafeString, mark_safe

SNIPPET_LENGTH = 120
LEAD = 30


def _pattern(terms: list[str]) -> re.Pattern | None:
    terms = [term for term in terms if term]
    if not terms:
        return None
    return re.compile("|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)), re.IGNORECASE)


def _mark(text: str, pattern: re.Pattern | None) -> SafeString:
    if pattern is None:
        return mark_safe(escape(text))  # noqa: S308 - escaped just now
    spans: list[list[int]] = []
    for match in pattern.finditer(text):
        if spans and match.start() == spans[-1][1]:
            spans[-1][1] = match.end()  # adjacent words share one <mark>
        else:
            spans.append([match.start(), match.end()])
    parts = []
    position = 0
    for start, end in spans:
        parts.append(escape(text[position:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of the text is escaped


def highlight_title(title: str, terms: list[str]) -> SafeString:
    return _mark(title, _pattern(terms))


def snippet(text: str, terms: list[str], length: int = SNIPPET_LENGTH) -> SafeString:
    """The stretch of `text` (plain text) with the most matched words, or its beginning when none matches."""
    text = " ".join((text or "").split())
    pattern = _pattern(terms)
    if not text:
        return mark_safe("")
    start = 0
    lead = min(LEAD, length // 4)
    if pattern is not None:
        positions = [match.start() for _, match in zip(range(200), pattern.finditer(text), strict=False)]
        if positions:
            best, best_count = positions[0], 0
            for position in positions:
                count = sum(1 for other in positions if position <= other < position + length - lead)
                if count > best_count:
                    best, best_count = position, count
            start = max(0, best - lead)
    end = min(len(text), start + length)
    window = text[start:end]
    marked = _mark(window, pattern)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(f"{prefix}{marked}{suffix}")  # noqa: S308 - marked is escaped
