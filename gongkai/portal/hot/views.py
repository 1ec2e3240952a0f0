"""The public 热门 page (/hot/): the week's (or, with ?period=month, the month's) frequent searches and readings."""

import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from gongkai.core.spreadsheets import csv_row
from gongkai.search.frequent import minimum_days, minimum_searches

from .lists import hot_lists

PERIODS = {"week": gettext_lazy("近 7 天"), "month": gettext_lazy("近 30 天")}


def _period(request) -> str:
    period = request.GET.get("period", "week")
    return period if period in PERIODS else "week"


@require_GET
def hot(request):
    period = _period(request)
    context = {
        "period": period,
        "periods": [(code, str(label)) for code, label in PERIODS.items()],
        "hot": hot_lists(period=period, today=timezone.localdate()),
        "min_searches": minimum_searches(),
        "min_days": minimum_days(),
    }
    return render(request, "portal/hot/index.html", context)


@require_GET
def download(request):
    """The same lists as the page, as one CSV file (类别, 名称, 次数, 地址), most used first within each list."""
    period = _period(request)
    today = timezone.localdate()
    lists = hot_lists(period=period, today=today)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="hot-{period}-{today.isoformat()}.csv"'
    response.write("\ufeff")  # the byte-order mark: Excel and WPS then read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(csv_row([_("类别"), _("名称"), _("次数"), _("地址")]))
    site = request.build_absolute_uri("/")[:-1]
    for row in lists["terms"]:
        writer.writerow(csv_row([_("检索词"), row["query"], row["searches"], site + row["url"]]))
    labels = {"records": _("信息"), "guides": _("办事指南"), "items": _("公开事项")}
    for name, label in labels.items():
        for row in lists[name]:
            writer.writerow(csv_row([label, row["title"], row["views"], site + row["url"]]))
    return response
