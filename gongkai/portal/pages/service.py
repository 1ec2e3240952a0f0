"""Refresh and remove static pages; announce changes.

`changed(topics)` re-renders what the change made stale, on the task queue (within seconds with a worker, at once
with the inline queue). `gone(topics)` removes the stale files synchronously, before returning, and then has them
re-rendered: a page that must no longer show something is never served from a file in between (nginx falls back to
Django, which reads the database). Nothing happens unless GONGKAI_STATIC_PAGES is on.
"""

import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http.request import validate_host

from . import generation, registry, storage
from .rendering import PageHandler, public_origin

logger = logging.getLogger(__name__)


def enabled() -> bool:
    return bool(settings.GONGKAI_STATIC_PAGES)


def refresh(urls: Iterable[str], *, progress: Callable[[int, int], None] | None = None) -> dict:
    """Render each URL in every variant: a 200 answer is written, anything else removes the file.

    Idempotent: rendering the same state twice writes the same bytes.
    """
    urls = list(urls)
    check_public_host()
    handler = PageHandler()
    counts = {"written": 0, "removed": 0, "pages": len(urls)}
    for number, url in enumerate(urls, start=1):
        for variant in storage.VARIANTS:
            with storage.locked():
                rendered = handler.render(url, variant)
                if rendered.status == 200:
                    storage.write(storage.path_for(url, variant, rendered.content_type), rendered.content)
                    counts["written"] += 1
                else:
                    counts["removed"] += storage.unlink(url, variant)
        if progress is not None:
            progress(number, len(urls))
    return counts


def check_public_host() -> None:
    _scheme, host, _port = public_origin()
    allowed = settings.ALLOWED_HOSTS or (["localhost", "127.0.0.1", "[::1]"] if settings.DEBUG else [])
    if not validate_host(host, allowed):
        raise ImproperlyConfigured(
            f"GONGKAI_PUBLIC_URL ({settings.GONGKAI_PUBLIC_URL}) names a host not in ALLOWED_HOSTS: "
            "static pages are rendered for the public address, set both to the site's name."
        )


def remove(urls: Iterable[str]) -> int:
    removed = 0
    with storage.locked():
        for url in urls:
            for variant in storage.VARIANTS:
                removed += storage.unlink(url, variant)
    return removed


def changed(topics: Iterable[str]) -> None:
    generation.bump()  # cached fragments of dynamic pages (the record page) go stale too, files or not
    if not enabled():
        return
    from .tasks import render_topics

    topics = sorted(set(topics))
    if not already_queued(render_topics, topics):
        render_topics.enqueue(topics)


def already_queued(task, *args) -> bool:
    """The same render waiting in the database queue covers this change too (a burst of publications, a seeding of
    70 organizations' columns): one render, not seventy."""
    if settings.GONGKAI_TASK_QUEUE != "database":
        return False
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        status="READY", task_path=task.module_path, args_kwargs={"args": list(args), "kwargs": {}}
    ).exists()


def gone(topics: Iterable[str]) -> int:
    """Remove at once every file the topics may have made stale, then re-render them on the queue."""
    generation.bump()
    if not enabled():
        return 0
    topics = sorted(set(topics))
    removed = remove(registry.stale_urls(topics))
    changed(topics)
    return removed


def rebuild(*, progress: Callable[[int, int], None] | None = None) -> dict:
    """Render every registered page and delete files no registered page produced (left by a removed record or
    family). Idempotent: a second run writes the same bytes and removes nothing."""
    urls = registry.all_urls()
    counts = refresh(urls, progress=progress)
    expected = set()
    for url in urls:
        for variant in storage.VARIANTS:
            expected.update(storage.candidates(url, variant))
    stray = 0
    with storage.locked():
        for path in storage.existing_files():
            if path not in expected:
                path.unlink()
                stray += 1
    counts["stray_removed"] = stray
    return counts
