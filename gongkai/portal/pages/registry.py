"""The registry of statically published page families.

A family is a set of URLs rendered the same way (every record page, every column page, the sitemap …):

    from gongkai.portal.pages.registry import register

    register(
        "villages.notices",
        urls=lambda: [f"/villages/{pk}/notices/" for pk in Village.objects.values_list("pk", flat=True)],
        depends_on={"villages"},                      # any change announced with topic "villages" re-renders all
        scoped={"village": lambda pk: [f"/villages/{pk}/notices/"]},  # "village:12" re-renders just that one
    )

and announce changes with `gongkai.portal.pages.service.changed({"village:12"})` (re-render on the queue) or
`gone({...})` (remove at once). Only GET pages without a query string are ever served from files; everything
else (search, forms, tracking, `?page=2`) stays dynamic. A URL whose render is not 200 gets no file.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class PageFamily:
    name: str
    urls: Callable[[], Iterable[str]]
    depends_on: frozenset[str] = frozenset()
    scoped: dict[str, Callable[[str], Iterable[str]]] = field(default_factory=dict)


FAMILIES: dict[str, PageFamily] = {}


def register(name: str, *, urls, depends_on=(), scoped=None) -> PageFamily:
    family = PageFamily(name=name, urls=urls, depends_on=frozenset(depends_on), scoped=dict(scoped or {}))
    FAMILIES[name] = family
    return family


def families() -> list[PageFamily]:
    return list(FAMILIES.values())


def all_urls() -> list[str]:
    seen: dict[str, None] = {}
    for family in families():
        for url in family.urls():
            seen.setdefault(url, None)
    return list(seen)


def stale_urls(topics: Iterable[str]) -> list[str]:
    """Every URL a change announced with `topics` ("records", "record:12" …) may have made stale."""
    topics = set(topics)
    plain = {topic for topic in topics if ":" not in topic}
    scoped = [topic.split(":", 1) for topic in topics if ":" in topic]
    seen: dict[str, None] = {}
    for family in families():
        if family.depends_on & plain:
            for url in family.urls():
                seen.setdefault(url, None)
            continue
        for kind, key in scoped:
            if kind in family.scoped:
                for url in family.scoped[kind](key):
                    seen.setdefault(url, None)
    return list(seen)
