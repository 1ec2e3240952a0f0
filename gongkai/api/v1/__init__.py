"""Version 1 of the typed JSON API (django-ninja): one `NinjaAPI`, each module mounting its own router.

Every module that exposes endpoints has `gongkai/api/<module>/endpoints.py` with `router = Router(tags=[...])`, and
adds one line to `ROUTERS` below. Errors are always `{"code", "message"}` (and `field` when one field is wrong).
"""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from gongkai.core.errors import AccessDenied, DomainError, NotInScope
from gongkai.search.errors import SearchUnavailable

from ..errors import Conflict, NotFound, RateLimited
from .renderers import Utf8JsonRenderer
from .schemas import ErrorOut

ERROR_STATUSES = {
    "400": "请求不符合规则",
    "401": "需要登录或接口令牌",
    "403": "无权访问",
    "404": "未找到",
    "409": "与已有数据冲突",
    "410": "已下线或已迁移",
    "422": "请求参数有误",
    "429": "调用过于频繁",
}
# Answered by the web server (gunicorn, nginx) before the request reaches the application: no JSON body.
TRANSPORT_STATUSES = {
    "414": "请求地址过长（由 Web 服务器直接拒绝，响应体不是 JSON）",
}


class GongkaiAPI(NinjaAPI):
    """The API whose OpenAPI document states, on every operation, the {"code", "message"} errors any endpoint may
    answer (bad input, sign-in, access, not found, rate limit): a module's router declares only its successes."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.setdefault("ErrorOut", ErrorOut.model_json_schema())
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                responses = operation.setdefault("responses", {})
                for status, description in ERROR_STATUSES.items():
                    responses.setdefault(
                        status,
                        {
                            "description": description,
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
                        },
                    )
                for status, description in TRANSPORT_STATUSES.items():
                    responses.setdefault(status, {"description": description})
        return schema


api = GongkaiAPI(
    title=_("公开 Gongkai API"),
    version="1",
    urls_namespace="api-v1",
    description=_('基层政务公开标准化规范化平台的接口。错误统一为 {"code", "message"}。'),
    renderer=Utf8JsonRenderer(),
)

# (prefix, router import path) — one line per module.
ROUTERS: list[tuple[str, str]] = [
    ("/catalog/", "gongkai.api.catalog.endpoints.router"),
    ("/publishing/", "gongkai.api.publishing.endpoints.router"),
    ("/screening/", "gongkai.api.screening.endpoints.router"),
    ("/applications/", "gongkai.api.applications.endpoints.router"),
    ("/reports/", "gongkai.api.reports.endpoints.router"),
    ("/search/", "gongkai.api.search.endpoints.router"),
    ("/inbound/", "gongkai.api.inbound.endpoints.router"),
    ("/cases/", "gongkai.api.cases.endpoints.router"),
    ("/oversight/", "gongkai.api.oversight.endpoints.router"),
    ("/engagement/", "gongkai.api.engagement.endpoints.router"),
    ("/services/", "gongkai.api.services.endpoints.router"),
    ("/villages/", "gongkai.api.villages.endpoints.router"),
    ("/statistics/", "gongkai.api.statistics.endpoints.router"),
    ("/hot/", "gongkai.api.hot.endpoints.router"),
]


def _error(request, code: str, message: str, status: int, **extra):
    return api.create_response(request, {"code": code, "message": str(message), **extra}, status=status)


@api.exception_handler(AccessDenied)
def access_denied(request, error: AccessDenied):
    return _error(request, error.code, error.message, 403)


@api.exception_handler(NotInScope)
def not_in_scope(request, error: NotInScope):
    """Outside the caller's organizations: 404, as for an id that does not exist."""
    return _error(request, error.code, error.message, 404)


@api.exception_handler(DomainError)
def domain_error(request, error: DomainError):
    return _error(request, error.code, error.message, 400, **({"field": error.field} if error.field else {}))


@api.exception_handler(SearchUnavailable)
def search_unavailable(request, error: SearchUnavailable):
    """The search service of a several-server installation cannot answer now (its detail is in the log)."""
    response = _error(request, error.code, error.message, 503)
    response["Retry-After"] = "30"
    return response


@api.exception_handler(NotFound)
def not_found_here(request, error: NotFound):
    return _error(request, error.code, error.message, 404)


@api.exception_handler(Conflict)
def conflict(request, error: Conflict):
    return _error(request, error.code, error.message, 409, **({"field": error.field} if error.field else {}))


@api.exception_handler(RateLimited)
def rate_limited(request, error: RateLimited):
    response = _error(request, error.code, error.message, 429)
    response["Retry-After"] = str(error.retry_after)
    return response


@api.exception_handler(Throttled)
def throttled(request, error: Throttled):
    seconds = int(error.wait or 60)
    response = _error(
        request, "api.rate_limited", _("调用过于频繁，请 %(seconds)s 秒后再试。") % {"seconds": seconds}, 429
    )
    response["Retry-After"] = str(seconds)
    return response


@api.exception_handler(HttpError)
def http_error(request, error: HttpError):
    if error.status_code == 400:
        return _error(request, "api.unreadable_body", _("请求体无法解析：应为 JSON 对象。"), 400)
    return _error(request, "api.http_error", _("请求无法处理。"), error.status_code)


@api.exception_handler(Http404)
def not_found(request, error):
    return _error(request, "api.not_found", _("未找到。"), 404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, error):
    return _error(request, "api.unauthenticated", _("需要工作人员登录或有效的接口令牌。"), 401)


@api.exception_handler(ValidationError)
def invalid_input(request, error: ValidationError):
    first = error.errors[0] if error.errors else {}
    location = list(first.get("loc", ()))
    # ("body", "payload", "text") names the field "text": the body parameter's own name means nothing to a client.
    parts = location[2:] if location[:1] == ["body"] and len(location) > 2 else location[1:]
    field = ".".join(str(part) for part in parts) or None
    return _error(
        request, "api.invalid_input", _("请求参数有误：%(field)s") % {"field": field or "-"}, 422, field=field
    )


for prefix, router in ROUTERS:
    api.add_router(prefix, router)
