"""Who may call: signed-in staff (session cookie, CSRF checked on writes) or a business system's bearer token.

A token endpoint names the scope it needs (`TokenAuth(TokenScope.RECORDS_WRITE)`); a token without it is refused
with 403, an unknown, expired or revoked one with 401. Each token has its own rate limit per minute, and every
call made with a token is written to the audit log with the token's name.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _
from ninja.security import APIKeyCookie, HttpBearer
from ninja.throttling import BaseThrottle

from gongkai.core.audit import client_ip
from gongkai.core.errors import AccessDenied
from gongkai.orgs.access import is_staff_member

from ..errors import ApiErrorCode, RateLimited
from ..tokens import record_call, token_by_secret

WINDOW_SECONDS = 60


def count_call(scope: str, ident: str, limit: int, window: int = WINDOW_SECONDS) -> int | None:
    """Count one call in the current fixed window; the seconds to wait when `limit` is passed, else None."""
    now = time.time()
    slot = int(now // window)
    key = f"api:rate:{scope}:{ident}:{slot}"
    if cache.add(key, 1, timeout=window + 1):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=window + 1)
            count = 1
    if count > limit:
        return max(1, int((slot + 1) * window - now) + 1)
    return None


def too_many_calls(retry_after: int) -> RateLimited:
    return RateLimited(_("调用过于频繁，请 %(seconds)s 秒后再试。") % {"seconds": retry_after}, retry_after=retry_after)


class StaffSession(APIKeyCookie):
    """Django's session for staff members; ninja checks the CSRF token on unsafe methods."""

    param_name = settings.SESSION_COOKIE_NAME

    def authenticate(self, request, key):
        user = request.user
        if user.is_authenticated and is_staff_member(user):
            return user
        return None


class TokenAuth(HttpBearer):
    """`Authorization: Bearer gk_…` with the scope the endpoint needs."""

    def __init__(self, scope: str):
        super().__init__()
        self.scope = str(scope)

    def authenticate(self, request, token):
        found = token_by_secret(token or "")
        if found is None:
            return None
        wait = count_call("token", str(found.pk), found.rate_per_minute)
        if wait is not None:
            raise too_many_calls(wait)
        allowed = found.has_scope(self.scope)
        record_call(
            token=found,
            method=request.method,
            path=request.get_full_path(),
            ip_address=client_ip(request),
            refused="" if allowed else ApiErrorCode.TOKEN_SCOPE,
        )
        if not allowed:
            raise AccessDenied(
                _("该令牌没有“%(scope)s”权限，请联系政务公开办公室。") % {"scope": self.scope},
                code=ApiErrorCode.TOKEN_SCOPE,
            )
        request.api_token = found
        return found


class ClientRate(BaseThrottle):
    """A per-client-address limit on public endpoints, `limit` calls per minute from a setting."""

    def __init__(self, scope: str, setting: str, default: int):
        self.scope, self.setting, self.default = scope, setting, default
        self._wait: int | None = None

    def allow_request(self, request) -> bool:
        limit = getattr(settings, self.setting, self.default)
        self._wait = count_call(self.scope, client_ip(request) or "unknown", limit)
        return self._wait is None

    def wait(self):
        return self._wait


staff = StaffSession()
