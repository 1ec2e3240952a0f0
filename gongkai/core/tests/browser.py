"""Shared helpers of the real-browser tests: Debian's chromium driven by Playwright, axe-core from npm.

The fixtures built on these live in the top-level conftest.py (`browser`, `browser_context`, `phone_context`); tests
using them carry the `browser` marker and are skipped only where /usr/bin/chromium is not installed (`.ci/run`
installs it, so they always run in CI). Playwright never downloads a browser here.
"""

import shutil
import time
from pathlib import Path

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.test import Client

CHROMIUM = "/usr/bin/chromium"
AXE = Path(settings.NODE_MODULES) / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 360, "height": 740}
PHONE = {"width": 390, "height": 844}
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
# axe impacts that fail a page; "moderate" and "minor" ones are left to review.
FAILING_IMPACTS = {"serious", "critical"}


def chromium_installed() -> bool:
    return shutil.which(CHROMIUM) is not None


def sign_in(context, live_server, person) -> None:
    """Give the browser context a signed-in session of `person` (the login form has its own test)."""
    client = Client()
    client.force_login(person)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])


def browser_session(context, live_server) -> SessionBase:
    """The server-side session of the browser context: tests read the captcha's answer from it, as only the server
    can (production code has no way to reveal it)."""
    from importlib import import_module

    engine = import_module(settings.SESSION_ENGINE)
    cookies = {c["name"]: c["value"] for c in context.cookies(live_server.url)}
    return engine.SessionStore(cookies[settings.SESSION_COOKIE_NAME])


class PageProblems:
    """Console errors and failed requests seen by a page, collected while a test drives it."""

    def __init__(self, page):
        self.errors: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)

    def _console(self, message) -> None:
        if message.type == "error":
            where = (message.location or {}).get("url", "")
            self.errors.append(f"console: {message.text}" + (f" ({where})" if where else ""))

    def _request_failed(self, request) -> None:
        # A request still in flight when the page navigates away is cancelled by the browser (ERR_ABORTED): that is
        # the reader leaving, not the site failing.
        if request.failure != "net::ERR_ABORTED":
            self.errors.append(f"request failed: {request.url} ({request.failure})")

    def _response(self, response) -> None:
        if response.status == 400:  # the console names the page, not the request: say which request it was
            self.errors.append(f"{response.status}: {response.request.method} {response.url}")
        if response.status >= 500:
            self.errors.append(f"{response.status}: {response.url}")

    def take(self) -> list[str]:
        errors, self.errors = self.errors, []
        return errors


def axe_violations(page) -> list[str]:
    """Serious and critical axe-core violations of the page as it is now, one line each."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern (a
        # <script> tag would be refused, as it should be).
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(str(node["target"]) for node in violation["nodes"][:3])
        for violation in result["violations"]
        if violation["impact"] in FAILING_IMPACTS
    ]


def overflow(page) -> list[str]:
    """What scrolls the page sideways (wider than the viewport), outside the tables' own scroll boxes."""
    width = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if width <= 0:
        return []
    wide = page.evaluate(
        """() => {
            const scrolls = a => ['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX);
            const clipped = e => { for (let a = e.parentElement; a; a = a.parentElement) {
                if (scrolls(a)) return true; } return false; };
            return [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !clipped(e))
                .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''))
                .slice(0, 6); }"""
    )
    return [f"scrolls sideways by {width}px: {wide}"]


def broken_images(page) -> list[str]:
    """Images the browser loaded but cannot show (an SVG without its namespace, a wrong content type)."""
    return [
        f"broken image: {source}"
        for source in page.evaluate(
            "[...document.images].filter(i => i.complete && i.naturalWidth === 0).map(i => i.currentSrc || i.src)"
        )
    ]


def page_problems(page, problems: PageProblems) -> list[str]:
    """Everything the sweep refuses on the page shown now: axe, overflow at the current width, broken images,
    console errors."""
    return axe_violations(page) + overflow(page) + broken_images(page) + problems.take()


def wait_until(page, expression: str, *, timeout: float = 15.0) -> None:
    """Wait until the JavaScript `expression` is true in the page. Not `page.wait_for_function`: its polling runs the
    predicate through `new Function` inside the page, which the page's Content-Security-Policy (no 'unsafe-eval')
    refuses; `page.evaluate` goes through the DevTools protocol, which the policy does not govern."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(f"() => Boolean({expression})"):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {expression}")
        page.wait_for_timeout(100)
