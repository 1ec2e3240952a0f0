"""Where static pages live and how they are written: `<GONGKAI_STATIC_PAGES_DIR>/<language>/<mode>/<url path>`.

A URL ending in "/" becomes `index.html`, `index.rss` or `index.atom` in that folder (by the response's content
type, so nginx sends the right Content-Type from the file name); any other URL (`/sitemap.xml`,
`/records/5/qr.svg`) is the file itself. Files are written to a temporary name and renamed, so nginx never reads a
half-written page. Every write and every removal holds one lock (an flock on `.lock`): a removal waits for a render
in progress, so a page rendered just before a withdrawal committed cannot be written after its removal.
"""

import fcntl
import os
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings


@dataclass(frozen=True)
class Variant:
    """What nginx picks from the visitor's cookies: the language (django_language) and elder mode (elder_mode)."""

    language: str
    elder: bool

    @property
    def folder(self) -> str:
        return f"{self.language}/{'elder' if self.elder else 'normal'}"

    @property
    def cookies(self) -> dict[str, str]:
        cookies = {settings.LANGUAGE_COOKIE_NAME: self.language}
        if self.elder:
            cookies["elder_mode"] = "1"
        return cookies


VARIANTS = tuple(Variant(code, elder) for code, _name in settings.LANGUAGES for elder in (False, True))

SUFFIXES = {
    "text/html": "index.html",
    "application/rss+xml": "index.rss",
    "application/atom+xml": "index.atom",
    "application/xml": "index.xml",
}


def root() -> Path:
    return Path(settings.GONGKAI_STATIC_PAGES_DIR)


def check_url(url: str) -> str:
    parts = url.split("/")
    if not url.startswith("/") or "?" in url or any(part in {".", ".."} for part in parts) or "\\" in url:
        raise ValueError(f"not a page path: {url!r}")
    return url


def candidates(url: str, variant: Variant) -> list[Path]:
    """Every file that could hold the page `url` (all index names for a folder URL)."""
    base = root() / variant.folder / check_url(url).lstrip("/")
    if url.endswith("/"):
        return [base / name for name in SUFFIXES.values()]
    return [base]


def path_for(url: str, variant: Variant, content_type: str) -> Path:
    base = root() / variant.folder / check_url(url).lstrip("/")
    if not url.endswith("/"):
        return base
    kind = content_type.split(";")[0].strip().lower()
    return base / SUFFIXES.get(kind, "index.html")


@contextmanager
def locked():
    folder = root()
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def unlink(url: str, variant: Variant) -> int:
    removed = 0
    for path in candidates(url, variant):
        if path.is_file():
            path.unlink()
            removed += 1
    return removed


def existing_files() -> list[Path]:
    folder = root()
    if not folder.is_dir():
        return []
    return [path for path in folder.rglob("*") if path.is_file() and not path.name.startswith(".")]
