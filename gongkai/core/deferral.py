"""Work each write would do at once, left for one pass at the end of a bulk build.

`gongkai demo` builds hundreds of records, items and guides through the services; indexing each for search as it
is published cost a third of the demo's time, and the demo's last step rebuilds the index anyway. Inside
`deferring("search")`, `deferred("search")` answers True (and notes that something was left), so the search app
skips its per-write indexing; `was_deferred("search")` then tells the final step to rebuild.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_LEFT: ContextVar[dict[str, bool] | None] = ContextVar("gongkai_deferred_work", default=None)


@contextmanager
def deferring(*kinds: str) -> Iterator[None]:
    token = _LEFT.set(dict.fromkeys(kinds, False))
    try:
        yield
    finally:
        _LEFT.reset(token)


def deferred(kind: str) -> bool:
    """True when work of this kind is being deferred (and remembers that some was)."""
    left = _LEFT.get()
    if left is None or kind not in left:
        return False
    left[kind] = True
    return True


def was_deferred(kind: str) -> bool:
    left = _LEFT.get()
    return bool(left and left.get(kind))
