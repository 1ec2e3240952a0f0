"""A memoised gettext for messages attached to every detection: a scan can produce thousands of them per megabyte.

Used as `_` so makemessages still extracts the strings; the cache is keyed by the active language.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.utils.translation import get_language, gettext

_cache: dict[tuple[str | None, str], str] = {}
_language: ContextVar[str | None] = ContextVar("screening_language", default=None)


@contextmanager
def language_fixed():
    """Look the active language up once for a whole scan (Django's lookup goes through a slow context-local)."""
    token = _language.set(get_language() or "")
    try:
        yield
    finally:
        _language.reset(token)


def cached_gettext(message: str) -> str:
    language = _language.get()
    key = (get_language() if language is None else language, message)
    translated = _cache.get(key)
    if translated is None:
        translated = _cache[key] = gettext(message)
    return translated


def active_language() -> str:
    language = _language.get()
    return (get_language() or "") if language is None else language
