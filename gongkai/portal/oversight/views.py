"""Public pages of oversight: the leaderboard once the office publishes it (with its trend table), and the
inspection notices the office chose to publish with the organizations' answers."""

import calendar
from datetime import date

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from gongkai.oversight.models import Group, Notice, NoticeStatus
from gongkai.oversight.scoring import leaderboard
from gongkai.oversight.selectors import published_schemes


def month_ends(year: int, today: date) -> list[date]:
    last = 12 if today.year > year else today.month
    return [min(today, date(year, month, calendar.monthrange(year, month)[1])) for month in range(1, last + 1)]


@require_GET
def leaderboard_page(request):
    schemes = list(published_schemes().order_by("-year", "region__depth"))
    year = request.GET.get("year", "")
    scheme = next((s for s in schemes if str(s.year) == year), schemes[0] if schemes else None)
    group = request.GET.get("group", Group.DEPARTMENTS)
    if group not in Group.values:
        raise Http404
    today = timezone.localdate()
    board, trend = [], None
    if scheme is not None:
        board = leaderboard(scheme, group, today)
        ends = [scheme.frozen_on] if scheme.is_frozen else month_ends(scheme.year, today)[-6:]
        rows = {entry.organization.pk: [entry.organization.display_name] for entry in board}
        for end in ends:
            for entry in leaderboard(scheme, group, end):
                rows.setdefault(entry.organization.pk, [entry.organization.display_name]).append(float(entry.score))
        trend = {"months": [f"{end:%Y-%m}" for end in ends], "rows": list(rows.values())}
    context = {
        "scheme": scheme,
        "schemes": schemes,
        "board": board,
        "group": Group(group),
        "groups": Group.choices,
        "trend": trend,
    }
    return render(request, "portal/oversight/leaderboard.html", context)


def published_notices():
    return Notice.objects.filter(status=NoticeStatus.ISSUED, is_published=True).select_related("issuer")


@require_GET
def notices(request):
    return render(request, "portal/oversight/notices.html", {"notices": published_notices().order_by("-issued_on")})


@require_GET
def notice(request, notice_id: int):
    notice = published_notices().filter(pk=notice_id).first()
    if notice is None:
        raise Http404
    problems = notice.problems.select_related("organization").prefetch_related("answers")
    return render(request, "portal/oversight/notice.html", {"notice": notice, "problems": problems})
