"""The public 热门 page (/hot/): the week's (or, with ?period=month, the month's) frequent searches and readings."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.search.frequent import minimum_days, minimum_searches

from .lists import hot_lists

PERIODS = {"week": _("近 7 天"), "month": _("近 30 天")}


def hot(request):
    period = request.GET.get("period", "week")
    if period not in PERIODS:
        period = "week"
    context = {
        "period": period,
        "periods": [(code, str(label)) for code, label in PERIODS.items()],
        "hot": hot_lists(period=period, today=timezone.localdate()),
        "min_searches": minimum_searches(),
        "min_days": minimum_days(),
    }
    return render(request, "portal/hot/index.html", context)
