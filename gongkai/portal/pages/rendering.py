"""Render a public URL exactly as Django answers a visitor, without a network round trip.

The request goes through the whole middleware stack (locale from the cookie, security headers, …) with the host
and scheme of GONGKAI_PUBLIC_URL, so absolute links (feeds, the QR code) point at the public site.
"""

from dataclasses import dataclass
from http.cookies import SimpleCookie
from io import BytesIO
from urllib.parse import urlsplit

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest

from .storage import Variant


@dataclass(frozen=True)
class Rendered:
    status: int
    content_type: str
    content: bytes


class PageHandler(BaseHandler):
    def __init__(self):
        super().__init__()
        self.load_middleware()

    def render(self, url: str, variant: Variant) -> Rendered:
        response = self.get_response(WSGIRequest(environ_for(url, variant)))
        try:
            content = b"".join(response.streaming_content) if response.streaming else response.content
            return Rendered(response.status_code, response.get("Content-Type", ""), content)
        finally:
            close_quietly(response)


def close_quietly(response) -> None:
    """Release the response's files without `response.close()`: that sends request_finished, which closes the
    database connection — in the middle of the transaction of the service whose on_commit is rendering (and of
    every test on PostgreSQL). No request_started was sent either: this is not a request of the WSGI server."""
    for closer in response._resource_closers:
        closer()
    response._resource_closers.clear()
    response.closed = True


def public_origin() -> tuple[str, str, str]:
    """(scheme, host, port) of the public site."""
    parts = urlsplit(settings.GONGKAI_PUBLIC_URL)
    scheme = parts.scheme or "https"
    port = str(parts.port or (443 if scheme == "https" else 80))
    return scheme, parts.hostname or "localhost", port


def environ_for(url: str, variant: Variant) -> dict:
    scheme, host, port = public_origin()
    default_port = (scheme == "https" and port == "443") or (scheme == "http" and port == "80")
    cookie = SimpleCookie()
    for name, value in variant.cookies.items():
        cookie[name] = value
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": url,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": host,
        "SERVER_PORT": port,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": host if default_port else f"{host}:{port}",
        "HTTP_X_FORWARDED_PROTO": scheme,
        "HTTP_COOKIE": cookie.output(header="", sep=";").strip(),
        "wsgi.url_scheme": scheme,
        "wsgi.input": BytesIO(),
        "wsgi.errors": BytesIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
