"""Views of the public portal shell: the home page and the elder-friendly switch."""

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from gongkai.orgs.models import Organization, Region

from .columns import column_links, optional_url

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


@require_POST
def elder_mode(request):
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.POST.get("on") == "1":
        response.set_cookie("elder_mode", "1", max_age=ELDER_COOKIE_AGE, samesite="Lax", secure=request.is_secure())
    else:
        response.delete_cookie("elder_mode")
    return response
