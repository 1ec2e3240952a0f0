"""Rate limits of the public pages: the shared implementation lives in `gongkai.core.ratelimit`."""

from gongkai.core.ratelimit import WINDOW_SECONDS, count, hit, over_limit, peek

__all__ = ["WINDOW_SECONDS", "count", "hit", "over_limit", "peek"]
