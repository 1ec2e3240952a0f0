"""Chinese first: the interface language is Chinese unless the visitor explicitly chose another.

Django's LocaleMiddleware would follow the browser's Accept-Language header, so a government portal opened in an
English-language browser would switch to English by itself. Here only the language cookie (set by the language
switch, /i18n/setlang/) changes it.
"""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.db import DataError
from django.http import HttpResponseBadRequest, HttpResponseNotFound
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

TEXT = "text/plain; charset=utf-8"


class ChineseFirstLocaleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


SIGNED_IN_AT = "signed_in_at"
REFRESHED_AT = "refreshed_at"


class AbsoluteSessionLimitMiddleware:
    """End a signed-in session SESSION_ABSOLUTE_AGE seconds after sign-in, however active it has been, and keep the
    idle limit (SESSION_COOKIE_AGE) sliding: a signed-in person's session is saved again when their last save is
    SESSION_REFRESH_SECONDS old, so the idle limit is kept to within that much. The sign-in time is stamped into the
    session at the first request after it.

    Not SESSION_SAVE_EVERY_REQUEST: that writes the session row on every request, page, image and script fetch
    alike, of visitors too (a captcha answer is a session), so a page and its images race to write the same row.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            started = request.session.setdefault(SIGNED_IN_AT, now)
            if now - started > settings.SESSION_ABSOLUTE_AGE:
                logout(request)
            elif now - request.session.get(REFRESHED_AT, 0) >= settings.SESSION_REFRESH_SECONDS:
                request.session[REFRESHED_AT] = now
        return self.get_response(request)


class RejectNulMiddleware:
    """A NUL character has no business in a path, a query or a form field; PostgreSQL refuses it in a query with an
    error, so it is answered here with 400 before any view can turn it into a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):  # the typed API validates its input itself and answers in JSON
            return self.get_response(request)
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", "") or self._in_form(request):
            return HttpResponseBadRequest(
                _("请求中含有不允许的空字符（NUL），请检查链接或输入的内容。"), content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)

    @staticmethod
    def _in_form(request) -> bool:
        if request.method != "POST" or request.content_type not in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            return False
        return any("\x00" in value for values in request.POST.lists() for value in values[1])


class PrivateResponseMiddleware:
    """Headers no page should go without, and `Cache-Control: no-store` on every response that may carry personal
    data: everything a signed-in person sees (the back office, its letters and exports) and the public application
    pages (the form, the acknowledgement with its tracking code, the tracking page). Shared caches and the browser's
    back button must not keep a copy of those."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.GONGKAI_PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.GONGKAI_PERMISSIONS_POLICY)
        if self.is_private(request):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response

    @staticmethod
    def is_private(request) -> bool:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return True
        return request.path.startswith(settings.GONGKAI_PRIVATE_PATHS)


class NumberOutOfRangeMiddleware:
    """A number in a URL or a filter too large for the database (`/records/99999999999999999999/`, `?organization=`
    with twenty digits) cannot name anything: SQLite raises OverflowError and PostgreSQL a numeric-out-of-range
    DataError while binding it. Answer 404 when the number was in the path and 400 when it was in the query, instead
    of a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not self._out_of_range(exception):
            return None
        match = getattr(request, "resolver_match", None)
        in_path = match is not None and any(
            str(value).lstrip("-").isdigit() and len(str(value)) > 18 for value in match.kwargs.values()
        )
        if in_path:
            return HttpResponseNotFound(_("没有找到这个页面：链接中的编号超出范围。"), content_type=TEXT)
        return HttpResponseBadRequest(_("请求中的数字超出范围，请检查链接或输入的内容。"), content_type=TEXT)

    @staticmethod
    def _out_of_range(exception) -> bool:
        if isinstance(exception, OverflowError):
            return True
        cause = exception.__cause__
        return isinstance(exception, DataError) and type(cause).__name__ == "NumericValueOutOfRange"
