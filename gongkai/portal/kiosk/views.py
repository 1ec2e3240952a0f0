"""Kiosk mode (一体查询机): a touch-first variant of the portal for a hall terminal, at /kiosk/.

Every page links only to other kiosk pages; where the full site or another site would be needed the page shows a QR
code to continue on a phone instead (no link leaves the kiosk, none leaves the site). Record bodies are shown without
their links and images. Pages work without JavaScript; a small script returns to the start page after an idle
minute (`GONGKAI_KIOSK_IDLE_SECONDS`). Dynamic on purpose (not published as files): a few terminals read them.
"""

import nh3
from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from gongkai.portal.columns import column_links
from gongkai.portal.hot.lists import hot_lists
from gongkai.portal.pages.families import listing_of
from gongkai.portal.publishing.views import cached_qr
from gongkai.publishing.sanitizing import ALLOWED_TAGS
from gongkai.publishing.selectors import in_column, published_records
from gongkai.services.selectors import public_guides

KIOSK_TAGS = ALLOWED_TAGS - {"a", "img"}
PAGE_SIZE = 12


def kiosk_render(request, template: str, context: dict, status: int = 200) -> HttpResponse:
    context["idle_seconds"] = int(getattr(settings, "GONGKAI_KIOSK_IDLE_SECONDS", 60))
    return render(request, template, context, status=status)


def kiosk_url(row: dict) -> str:
    """The kiosk page of a frequent record or guide; "" for a catalog item (shown with its QR code)."""
    if row["kind"] == "record":
        return reverse("portal:kiosk:record", kwargs={"record_id": row["id"]})
    if row["kind"] == "guide":
        return reverse("portal:kiosk:guide", kwargs={"guide_id": row["id"]})
    return ""


def start(request):
    hot = hot_lists(period="week", today=timezone.localdate(), limit=6)
    context = {"records": [{**row, "kiosk_url": kiosk_url(row)} for row in hot["records"]]}
    return kiosk_render(request, "portal/kiosk/start.html", context)


def hot(request):
    lists = hot_lists(period="week", today=timezone.localdate(), limit=10)
    for key in ("records", "guides", "items"):
        lists[key] = [{**row, "kiosk_url": kiosk_url(row)} for row in lists[key]]
    lists["terms"] = [{**row, "kiosk_url": ""} for row in lists["terms"]]
    return kiosk_render(request, "portal/kiosk/hot.html", {"hot": lists})


def columns(request):
    found = [column for column in column_links() if column["url"]]
    return kiosk_render(request, "portal/kiosk/columns.html", {"columns": found})


def column(request, slug: str):
    found = next((column for column in column_links() if column["slug"] == slug and column["url"]), None)
    if found is None:
        raise Http404
    slugs, stages, domains = listing_of(slug, {})
    records = in_column(published_records(), slugs, stages=stages, domain_ids=domains)
    context = {
        "column": found,
        "records": list(records.select_related(None).only("pk", "title", "published_at")[:PAGE_SIZE]),
    }
    return kiosk_render(request, "portal/kiosk/column.html", context)


def record(request, record_id: int):
    found = published_records().filter(pk=record_id).first()
    if found is None:
        raise Http404
    body = mark_safe(nh3.clean(found.body or "", tags=KIOSK_TAGS, attributes={}))  # noqa: S308 - cleaned by nh3
    return kiosk_render(request, "portal/kiosk/record.html", {"record": found, "body": body})


def guides(request):
    found = list(public_guides().select_related("organization").order_by("organization__sort_order", "name")[:60])
    return kiosk_render(request, "portal/kiosk/guides.html", {"guides": found})


def guide(request, guide_id: int):
    found = public_guides().select_related("organization").filter(pk=guide_id).first()
    if found is None:
        raise Http404
    return kiosk_render(request, "portal/kiosk/guide.html", {"guide": found})


def qr(request):
    """The QR code of one page of this site (`?to=/path/`), to continue reading on a phone; only site paths."""
    path = request.GET.get("to", "")
    if not path.startswith("/") or path.startswith("//"):
        raise Http404
    try:
        resolve(path.split("?", 1)[0])
    except Resolver404 as error:
        raise Http404 from error
    return HttpResponse(cached_qr(request.build_absolute_uri(path)), content_type="image/svg+xml")
