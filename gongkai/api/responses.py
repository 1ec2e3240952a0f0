"""Helpers shared by API endpoints: JSON responses, domain errors as {"code", "message"}, staff sign-in."""

from functools import wraps

from django.http import JsonResponse

from gongkai.core.errors import AccessDenied, DomainError
from gongkai.orgs.access import is_staff_member


def json_response(data, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def error_response(code: str, message: str, status: int) -> JsonResponse:
    return json_response({"code": code, "message": message}, status=status)


def api_view(*, staff: bool = False):
    """Wrap an endpoint: require signed-in staff when `staff`, and render domain errors as JSON."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if staff and not (request.user.is_authenticated and is_staff_member(request.user)):
                return error_response("api.unauthenticated", "需要工作人员登录。", 401)
            try:
                return view(request, *args, **kwargs)
            except AccessDenied as error:
                return error_response(error.code, error.message, 403)
            except DomainError as error:
                return error_response(error.code, error.message, 400)

        return wrapper

    return decorator
