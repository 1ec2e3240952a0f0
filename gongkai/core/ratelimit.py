"""Rate limits for public forms and endpoints, counted per client address (or another key) within a window.

The counts must be shared by every worker process: they live in the cache when it is Redis (RATE_LIMIT_STORE
"cache") and in the database otherwise ("database"), never in one process's memory.
"""

import hashlib
import random
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from .audit import client_ip
from .models import RateCounter

WINDOW_SECONDS = 3600
CLEANUP_PROBABILITY = 0.01  # now and then a hit also deletes long-expired counters


def _key(request, scope: str, key: str) -> str:
    subject = key or client_ip(request) or "unknown"
    if len(subject) > 100:
        subject = hashlib.sha256(subject.encode()).hexdigest()
    return f"ratelimit:{scope}:{subject}"[:200]


def _hit_cache(name: str, window: int) -> int:
    if cache.add(name, 1, timeout=window):
        return 1
    try:
        return cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, timeout=window)
        return 1


def _hit_database(name: str, window: int) -> int:
    """One UPDATE counts (or restarts an expired window) under the row's lock; the first hit inserts the row."""
    now = timezone.now()
    expires = now + timedelta(seconds=window)
    live = Q(expires_at__gt=now)
    counted = {
        "count": Case(When(live, then=F("count") + 1), default=Value(1)),
        "expires_at": Case(When(live, then=F("expires_at")), default=Value(expires)),
    }
    with transaction.atomic():
        if not RateCounter.objects.filter(key=name).update(**counted):
            try:
                with transaction.atomic():
                    RateCounter.objects.create(key=name, count=1, expires_at=expires)
                    return 1
            except IntegrityError:  # another worker inserted it at the same moment
                RateCounter.objects.filter(key=name).update(**counted)
        current = RateCounter.objects.values_list("count", flat=True).get(key=name)
    if random.random() < CLEANUP_PROBABILITY:  # noqa: S311 - housekeeping, not security
        RateCounter.objects.filter(expires_at__lt=now - timedelta(days=1)).delete()
    return current


def hit(request, scope: str, *, key: str = "", window: int = WINDOW_SECONDS) -> int:
    """Count one attempt and return the number of attempts in the current window."""
    name = _key(request, scope, key)
    if settings.RATE_LIMIT_STORE == "database":
        return _hit_database(name, window)
    return _hit_cache(name, window)


def over_limit(request, scope: str, limit: int, *, key: str = "", window: int = WINDOW_SECONDS) -> bool:
    """Count one attempt and say whether the limit has been passed within the window."""
    return hit(request, scope, key=key, window=window) > limit


def count(request, scope: str, *, key: str = "") -> int:
    """Attempts so far in the current window, without counting one."""
    name = _key(request, scope, key)
    if settings.RATE_LIMIT_STORE == "database":
        found = RateCounter.objects.filter(key=name, expires_at__gt=timezone.now()).values_list("count", flat=True)
        return found.first() or 0
    return cache.get(name) or 0


def peek(request, scope: str, limit: int, *, key: str = "") -> bool:
    """Whether the limit has already been reached, without counting an attempt."""
    return count(request, scope, key=key) >= limit
