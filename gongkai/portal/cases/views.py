"""Public pages of case progress (办件公开): look a case up by number and verification code; statistics per service.

The lookup is rate-limited per address and per case number (failed attempts), like the application tracking page,
and shows only the service, the organization and the dates of each step: a case holds no personal data."""

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from gongkai.cases.models import STAGE_ORDER, CaseStage
from gongkai.cases.selectors import case_for_lookup, statistics

from ..applications.ratelimit import over_limit, peek
from .forms import CaseLookupForm

FAILED_LOOKUPS_PER_NUMBER = 5


def lookup_rate() -> int:
    return getattr(settings, "GONGKAI_CASE_LOOKUP_RATE", settings.GONGKAI_PUBLIC_FORM_RATE * 3)


def steps_of(case) -> list[dict]:
    recorded = {step.stage: step.on for step in case.steps.all()}
    return [{"label": CaseStage(stage).label, "on": recorded.get(stage)} for stage in STAGE_ORDER]


@never_cache
@require_http_methods(["GET", "POST"])
def lookup(request):
    form = CaseLookupForm(request.POST or None)
    context = {"form": form, "case": None, "limited": False, "not_found": False}
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["number"].strip().upper()
        if over_limit(request, "cases.lookup", lookup_rate()) or peek(
            request, "cases.lookup.number", FAILED_LOOKUPS_PER_NUMBER, key=number
        ):
            context["limited"] = True
            return render(request, "portal/cases/lookup.html", context, status=429)
        case = case_for_lookup(number=number, verification_code=form.cleaned_data["verification_code"])
        if case is None:
            over_limit(request, "cases.lookup.number", FAILED_LOOKUPS_PER_NUMBER, key=number)
            context["not_found"] = True
        else:
            context.update({"case": case, "steps": steps_of(case)})
    return render(request, "portal/cases/lookup.html", context)


def statistics_page(request):
    years = list(range(timezone.localdate().year, timezone.localdate().year - 5, -1))
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and int(year) in years else None
    return render(
        request,
        "portal/cases/statistics.html",
        {"rows": statistics(year=year), "years": years, "year": year},
    )
