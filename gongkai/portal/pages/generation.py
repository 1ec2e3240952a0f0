"""A marker every process sees change whenever a public page may have gone stale (the same announcements that
re-render or remove static files: `service.changed` and `service.gone`). Caches of rendered fragments put it in
their keys, so one announcement makes every cached fragment miss, in every gunicorn worker and the task worker
alike, without a shared cache server: the marker is a small file under GONGKAI_CACHE_DIR, rewritten atomically."""

import os
import secrets
import tempfile
from pathlib import Path

from django.conf import settings


def path() -> Path:
    return Path(settings.GONGKAI_CACHE_DIR) / "pages.generation"


def current() -> str:
    """The marker now ("" before the first change: a fresh installation)."""
    try:
        return path().read_text()
    except FileNotFoundError:
        return ""


def bump() -> None:
    marker = path()
    marker.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=marker.parent, prefix=".tmp-generation-")
    with os.fdopen(descriptor, "w") as handle:
        handle.write(secrets.token_hex(8))
    os.replace(temporary, marker)
