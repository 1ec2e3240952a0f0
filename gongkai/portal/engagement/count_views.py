"""Counting readings, shares and 有用/没用 without touching the pages: the pages stay cacheable (no cookie, no
token, nothing per visitor), a beacon or a plain form posts here, and the count is added by a background task.

The endpoints are CSRF-exempt on purpose: a CSRF token would make every page vary per visitor and defeat the page
cache, and what can be forged is only one more anonymous count, which the per-address limit bounds.
"""

from datetime import timedelta

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from gongkai.engagement.counted import is_public
from gongkai.engagement.models import CountedEvent, CountedKind
from gongkai.engagement.selectors import engagement_counts
from gongkai.engagement.tasks import record_count
from gongkai.portal.applications.ratelimit import over_limit

# Per address and object within an hour: repeated reloads are not readings, and one person rates once.
LIMITS = {CountedEvent.VIEW: 1, CountedEvent.SHARE: 3, CountedEvent.USEFUL: 1, CountedEvent.NOT_USEFUL: 1}


def _target(data) -> tuple[str, int]:
    kind, object_id = data.get("kind", ""), data.get("id", "")
    if kind not in CountedKind.values or not str(object_id).isdigit():
        raise Http404
    return kind, int(object_id)


@csrf_exempt
@require_POST
def count(request):
    kind, object_id = _target(request.POST)
    event = request.POST.get("event", "")
    if event not in CountedEvent.values or not is_public(kind, object_id):
        raise Http404
    rating = event in (CountedEvent.USEFUL, CountedEvent.NOT_USEFUL)
    scope = f"engagement.count.{kind}.{object_id}.{'rating' if rating else event}"
    if not over_limit(request, scope, LIMITS[event]):
        record_count.enqueue(kind, object_id, event, timezone.localdate().isoformat())
    back = request.POST.get("next", "")
    if rating and back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(f"{back.split('#')[0]}#feedback")
    return HttpResponse(status=204)


@require_GET
@cache_control(public=True, max_age=300)
def counts(request):
    """Totals of one object (the last 365 days) as JSON for the page's script; cacheable for five minutes."""
    kind, object_id = _target(request.GET)
    totals = engagement_counts(kind=kind, object_ids=[object_id], since=timezone.localdate() - timedelta(days=365))
    return JsonResponse(totals.get(object_id, {"views": 0, "shares": 0, "useful": 0, "not_useful": 0}))
