"""Cache-based rate limits for the public pages, counted per client address (and optionally per other key)."""

from django.core.cache import cache

from gongkai.core.audit import client_ip

WINDOW_SECONDS = 3600


def over_limit(request, scope: str, limit: int, *, key: str = "", window: int = WINDOW_SECONDS) -> bool:
    """Count one attempt and say whether the limit has been passed within the window."""
    cache_key = f"ratelimit:{scope}:{key or client_ip(request) or 'unknown'}"
    if cache.add(cache_key, 1, timeout=window):
        return False
    try:
        count = cache.incr(cache_key)
    except ValueError:
        cache.set(cache_key, 1, timeout=window)
        return False
    return count > limit


def peek(request, scope: str, limit: int, *, key: str = "") -> bool:
    """Whether the limit has already been passed, without counting an attempt."""
    count = cache.get(f"ratelimit:{scope}:{key or client_ip(request) or 'unknown'}") or 0
    return count >= limit
