"""The unversioned /api/<module>/ URLs of before v1: answered with 410 and where the endpoint lives now.

They are not redirected: parameters and answers changed with v1 (one paging convention, `ordering`), so a silent
redirect would return different data to an old client instead of telling it to move."""

from django.http import JsonResponse
from django.utils.translation import gettext as _


def moved(request, rest: str = ""):
    return JsonResponse(
        {
            "code": "api.moved",
            "message": _("该接口已迁移到 /api/v1/，请参阅 /api/v1/docs 中的接口文档。"),
            "location": f"/api/v1/{rest}",
        },
        status=410,
        json_dumps_params={"ensure_ascii": False},
    )
