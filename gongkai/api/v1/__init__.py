"""Version 1 of the typed JSON API (django-ninja): one `NinjaAPI`, each module mounting its own router.

Every module that exposes endpoints has `gongkai/api/<module>/endpoints.py` with `router = Router(tags=[...])`, and
adds one line to `ROUTERS` below. Errors are always `{"code", "message"}` (and `field` when one field is wrong).
"""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from gongkai.core.errors import AccessDenied, DomainError

api = NinjaAPI(
    title=_("公开 Gongkai API"),
    version="1",
    urls_namespace="api-v1",
    description=_('基层政务公开标准化规范化平台的接口。错误统一为 {"code", "message"}。'),
)

# (prefix, router import path) — one line per module.
ROUTERS: list[tuple[str, str]] = [
    ("/oversight/", "gongkai.api.oversight.endpoints.router"),
    ("/engagement/", "gongkai.api.engagement.endpoints.router"),
    ("/services/", "gongkai.api.services.endpoints.router"),
    ("/villages/", "gongkai.api.villages.endpoints.router"),
]


def _error(request, code: str, message: str, status: int, **extra):
    return api.create_response(request, {"code": code, "message": str(message), **extra}, status=status)


@api.exception_handler(AccessDenied)
def access_denied(request, error: AccessDenied):
    return _error(request, error.code, error.message, 403)


@api.exception_handler(DomainError)
def domain_error(request, error: DomainError):
    return _error(request, error.code, error.message, 400, **({"field": error.field} if error.field else {}))


@api.exception_handler(Http404)
def not_found(request, error):
    return _error(request, "api.not_found", _("未找到。"), 404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, error):
    return _error(request, "api.unauthenticated", _("需要工作人员登录或有效的接口令牌。"), 401)


@api.exception_handler(ValidationError)
def invalid_input(request, error: ValidationError):
    first = error.errors[0] if error.errors else {}
    field = ".".join(str(part) for part in first.get("loc", ())[1:]) or None
    return _error(
        request, "api.invalid_input", _("请求参数有误：%(field)s") % {"field": field or "-"}, 422, field=field
    )


for prefix, router in ROUTERS:
    api.add_router(prefix, router)
