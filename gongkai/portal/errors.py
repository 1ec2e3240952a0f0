"""The site's error pages (404, 403, 410, 500) for production settings: the site header, a plain explanation and a
way back. Django calls these handlers only with DEBUG off; `gongkai/urls.py` names them."""

from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _

BACKOFFICE_PREFIX = "/backoffice/"


def _way_back(request) -> str:
    return BACKOFFICE_PREFIX if request.path.startswith(BACKOFFICE_PREFIX) else "/"


def error_page(request, status: int, **extra) -> HttpResponse:
    context = {"way_back": _way_back(request), "requested_path": request.path, **extra}
    return render(request, f"portal/errors/{status}.html", context, status=status)


def page_not_found(request, exception=None):
    return error_page(request, 404)


def permission_denied(request, exception=None):
    if request.path.startswith(BACKOFFICE_PREFIX):
        # The back office keeps its own page, which may carry the reason its access check gave.
        return render(request, "403.html", {"exception": str(exception or "")}, status=403)
    return error_page(request, 403)


def gone(request, exception=None):
    return error_page(request, 410)


def server_error(request):
    """Renders without the database where possible; if even the styled page fails, a plain Chinese page."""
    try:
        template = loader.get_template("portal/errors/500.html")
        return HttpResponseServerError(template.render({"way_back": _way_back(request), "site_name": ""}))
    except Exception:  # noqa: BLE001 — the error page itself must never raise
        return HttpResponseServerError(
            "<!DOCTYPE html><html lang='zh-CN'><meta charset='utf-8'><title>500</title>"
            f"<h1>{_('服务器出错了')}</h1><p><a href='/'>{_('返回首页')}</a></p></html>"
        )
