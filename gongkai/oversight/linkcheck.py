"""Checking the links of published records: internal ones against the site itself, external ones politely.

Internal links (relative, or to one of the site's own hosts) are resolved against the URL configuration and, for
record and attachment pages, against the database: no HTTP request. External links go through a bounded client:
at most `GONGKAI_OVERSIGHT_LINK_LIMIT` URLs per run, one at a time, `GONGKAI_OVERSIGHT_LINK_DELAY` seconds between
two requests to the same host, a timeout, HEAD first and GET only when HEAD is refused, an identifying user agent.
`GONGKAI_OVERSIGHT_CHECK_EXTERNAL_LINKS = False` switches external checks off.
"""

import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve

HREF = re.compile(r"""(?:href|src)\s*=\s*["']([^"'#][^"']*)["']""", re.IGNORECASE)
USER_AGENT = "Gongkai-SelfInspection/1.0 (+government website self-check; contact the site's disclosure office)"
SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")


@dataclass(frozen=True)
class Link:
    url: str
    internal: bool
    path: str = ""


def site_hosts() -> set[str]:
    hosts = {host.lower() for host in settings.ALLOWED_HOSTS if host and "*" not in host and host != "."}
    return hosts | {host.lower() for host in settings.GONGKAI_OVERSIGHT_SITE_HOSTS}


def links_in(html: str, hosts: set[str]) -> list[Link]:
    links = []
    for url in dict.fromkeys(HREF.findall(html or "")):
        url = url.strip()
        if not url or url.lower().startswith(SKIPPED_SCHEMES):
            continue
        parts = urlsplit(url)
        if not parts.scheme and not parts.netloc:
            links.append(Link(url, True, parts.path if parts.path.startswith("/") else ""))
        elif parts.scheme in ("http", "https") and (parts.hostname or "").lower() in hosts:
            links.append(Link(url, True, parts.path or "/"))
        elif parts.scheme in ("http", "https"):
            links.append(Link(url, False))
    return links


@dataclass(frozen=True)
class Target:
    """What an internal path points at: a view, possibly a record or an attachment that must be public."""

    exists: bool
    record_id: int | None = None
    attachment_id: str | None = None


def resolve_internal(path: str) -> Target:
    if not path:
        return Target(True)  # a link relative to the page: nothing reliable to check against
    try:
        match = resolve(path)
    except Resolver404:
        return Target(False)
    if match.view_name == "portal:publishing:record":
        return Target(True, record_id=match.kwargs["record_id"])
    if match.view_name == "portal:publishing:attachment":
        return Target(True, record_id=match.kwargs["record_id"], attachment_id=str(match.kwargs["public_id"]))
    return Target(True)


class PoliteClient:
    """One request at a time, a pause per host, a cap per run; answers None when fine, else why it failed."""

    def __init__(self, *, limit=None, delay=None, timeout=None, sleep=time.sleep, clock=time.monotonic):
        self.limit = settings.GONGKAI_OVERSIGHT_LINK_LIMIT if limit is None else limit
        self.delay = settings.GONGKAI_OVERSIGHT_LINK_DELAY if delay is None else delay
        self.timeout = settings.GONGKAI_OVERSIGHT_LINK_TIMEOUT if timeout is None else timeout
        self.sleep, self.clock = sleep, clock
        self.last_request: dict[str, float] = {}
        self.checked: dict[str, str | None] = {}

    @property
    def exhausted(self) -> bool:
        return len(self.checked) >= self.limit

    def check(self, url: str) -> str | None:
        if url in self.checked:
            return self.checked[url]
        if self.exhausted:
            return None
        self.wait_for(urlsplit(url).hostname or "")
        self.checked[url] = self.fetch(url)
        return self.checked[url]

    def wait_for(self, host: str) -> None:
        last = self.last_request.get(host)
        if last is not None:
            pause = self.delay - (self.clock() - last)
            if pause > 0:
                self.sleep(pause)
        self.last_request[host] = self.clock()

    def fetch(self, url: str) -> str | None:
        for method in ("HEAD", "GET"):
            request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})  # noqa: S310
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                    if response.status < 400:
                        return None
            except urllib.error.HTTPError as error:
                if method == "HEAD" and error.code in (403, 405, 501):
                    continue
                return f"HTTP {error.code}"
            except (urllib.error.URLError, TimeoutError, OSError) as error:
                return str(getattr(error, "reason", error))[:200]
        return None
