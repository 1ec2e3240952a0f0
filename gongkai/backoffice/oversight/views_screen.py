"""The office's big screen (公开数据监控大屏) with its JSON feed, and the frequent-items page (热门事项)."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.backoffice.decorators import staff_required
from gongkai.oversight.access import OFFICE_ROLES
from gongkai.oversight.bigscreen import screen_data, site_points
from gongkai.reports.frequent import PERIODS, frequent_reading
from gongkai.search.frequent import frequent_terms

DEFAULT_REFRESH_SECONDS = 60


def refresh_seconds(request) -> int:
    """The refresh interval: `?refresh=` (seconds, at least 1; tests use a short one), else the setting."""
    try:
        return max(1, int(request.GET.get("refresh", "")))
    except ValueError:
        return int(getattr(settings, "GONGKAI_SCREEN_REFRESH_SECONDS", DEFAULT_REFRESH_SECONDS))


@staff_required(roles=OFFICE_ROLES)
def screen(request):
    data = screen_data(person=request.user)
    context = {
        "data": data,
        "publication_rows": list(zip(data["publications"]["days"], data["publications"]["counts"], strict=True)),
        "due_rows": list(zip(data["applications"]["days"], data["applications"]["counts"], strict=True)),
        "sites": site_points(),
        "refresh": refresh_seconds(request),
        "map": {"tiles": settings.GONGKAI_MAP_TILE_URL, "attribution": settings.GONGKAI_MAP_TILE_ATTRIBUTION},
        "labels": {
            "publications": _("发布数量"),
            "due": _("到期申请"),
            "yellow": _("黄灯"),
            "red": _("红灯"),
            "score": _("得分"),
            "views": _("次数"),
            "failed": _("更新失败，稍后自动重试"),
        },
    }
    return render(request, "backoffice/oversight/screen.html", context)


@staff_required(roles=OFFICE_ROLES)
def screen_feed(request):
    response = JsonResponse(screen_data(person=request.user))
    response["Cache-Control"] = "no-store"
    return response


@staff_required(roles=OFFICE_ROLES)
def frequent(request):
    period = request.GET.get("period", "week")
    if period not in PERIODS:
        period = "week"
    today = timezone.localdate()
    reading = frequent_reading(period=period, today=today, limit=20)
    terms = frequent_terms(period=period, today=today, limit=20, public=False)
    public_terms = {row["query"] for row in frequent_terms(period=period, today=today, limit=20)}
    chart = {
        "terms": [row["query"] for row in terms][::-1],
        "searches": [row["searches"] for row in terms][::-1],
        "label": _("检索次数"),
    }
    context = {
        "period": period,
        "periods": [("week", _("近 7 天")), ("month", _("近 30 天"))],
        "terms": [{**row, "public": row["query"] in public_terms} for row in terms],
        "sections": [
            ("records", _("热门信息"), reading["records"]),
            ("guides", _("热门办事指南"), reading["guides"]),
            ("items", _("热门公开事项"), reading["items"]),
        ],
        "chart": chart,
    }
    return render(request, "backoffice/oversight/frequent.html", context)
