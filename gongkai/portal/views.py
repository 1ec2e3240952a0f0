"""Views of the public portal shell: the home page and the elder-friendly switch."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from gongkai.orgs.models import Organization, Region

from .columns import column_links, optional_url
from .hot.lists import hot_lists

ELDER_COOKIE_AGE = 365 * 24 * 3600


def home(request):
    region = Region.objects.filter(parent=None).order_by("path").first()
    government = (
        Organization.objects.filter(region=region, kind=Organization.Kind.GOVERNMENT, is_active=True).first()
        if region
        else None
    )
    context = {
        "region": region,
        "government": government,
        "columns": column_links(),
        "hot": hot_lists(period="week", today=timezone.localdate(), limit=5),
        "links": {
            "catalog": optional_url("portal:catalog:index"),
            "apply": optional_url("portal:applications:apply"),
            "track": optional_url("portal:applications:track"),
            "search": optional_url("portal:search:search"),
            "cases": optional_url("portal:cases:lookup"),
            "case_statistics": optional_url("portal:cases:statistics"),
            "opendata": optional_url("portal:opendata:index"),
        },
    }
    return render(request, "portal/home.html", context)


def safe_next(request) -> str:
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    return target


# The two display switches carry no CSRF token: every public page is published as a static file (the same bytes
# for every visitor), which cannot hold a per-visitor token. Each switch only sets a display preference cookie for
# the visitor's own browser, the worst a forged request can do is show large print or English, and `next` is
# checked to stay on this site.
@csrf_exempt
@require_POST
def elder_mode(request):
    response = HttpResponseRedirect(safe_next(request))
    if request.POST.get("on") == "1":
        response.set_cookie("elder_mode", "1", max_age=ELDER_COOKIE_AGE, samesite="Lax", secure=request.is_secure())
    else:
        response.delete_cookie("elder_mode")
    return response


@csrf_exempt
@require_POST
def language(request):
    """Switch the interface language (the cookie Django's locale handling and nginx's page choice both read)."""
    response = HttpResponseRedirect(safe_next(request))
    chosen = request.POST.get("language")
    if chosen in {code for code, _name in settings.LANGUAGES}:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            chosen,
            max_age=settings.LANGUAGE_COOKIE_AGE or ELDER_COOKIE_AGE,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response
