"""Chinese first: the interface language is Chinese unless the visitor explicitly chose another.

Django's LocaleMiddleware would follow the browser's Accept-Language header, so a government portal opened in an
English-language browser would switch to English by itself. Here only the language cookie (set by the language
switch, /i18n/setlang/) changes it.
"""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.utils import translation
from django.utils.cache import patch_vary_headers


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


class AbsoluteSessionLimitMiddleware:
    """End a signed-in session SESSION_ABSOLUTE_AGE seconds after sign-in, however active it has been (the idle
    limit is SESSION_COOKIE_AGE). The sign-in time is stamped into the session at the first request after it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            started = request.session.setdefault(SIGNED_IN_AT, now)
            if now - started > settings.SESSION_ABSOLUTE_AGE:
                logout(request)
        return self.get_response(request)
