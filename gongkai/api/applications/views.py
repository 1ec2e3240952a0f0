"""JSON API of the applications module: the clock calculator and staff lists without personal data."""

import json

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from gongkai.applications import selectors, services
from gongkai.applications.clock import compute_clock, parse_clock_input

from ..responses import api_view, error_response, json_response

PAGE_SIZE = 50


def summary(application, light: str) -> dict:
    return {
        "id": application.pk,
        "tracking_code": application.tracking_code,
        "organization": application.organization.name,
        "applicant_type": application.applicant_type,
        "received_on": application.received_on.isoformat(),
        "status": application.status,
        "due_on": application.due_on.isoformat() if application.due_on else None,
        "light": light,
        "outcome": application.outcome or None,
        "decided_on": application.decided_on.isoformat() if application.decided_on else None,
        "delivered_on": application.delivered_on.isoformat() if application.delivered_on else None,
    }


@csrf_exempt  # a pure calculation: it reads nothing private and writes nothing
@require_POST
@api_view()
def clock(request):
    try:
        data = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return error_response("applications.invalid_clock_input", gettext("请求体应为 JSON 对象。"), 400)
    received, events = parse_clock_input(data)
    return json_response(compute_clock(received, events).as_dict())


@require_GET
@api_view(staff=True)
def applications(request):
    today = timezone.localdate()
    queryset = selectors.applications_for_staff(person=request.user).order_by("-received_on", "-id")
    if request.GET.get("status"):
        queryset = queryset.filter(status=request.GET["status"])
    if request.GET.get("light"):
        queryset = selectors.filter_by_light(queryset, request.GET["light"], today)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    items = list(page)
    lights = selectors.lights_for(items, today) if items else {}
    return json_response(
        {
            "count": page.paginator.count,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "results": [summary(application, lights[application.pk]) for application in items],
        }
    )


@require_GET
@api_view(staff=True)
def application(request, application_id: int):
    item = selectors.application_for_staff(application_id=application_id, person=request.user)
    today = timezone.localdate()
    data = summary(item, selectors.light_of(item, today))
    data["clock"] = services.clock_for(item).as_dict()
    data["timeline"] = [
        {"kind": event.kind, "on": event.on.isoformat(), "days": event.days, "note": event.note}
        for event in selectors.timeline(item)
    ]
    return json_response(data)
