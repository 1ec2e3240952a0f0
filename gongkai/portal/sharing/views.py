"""Share card images of service guides and comment calls: only for what the public may see (a guide in force, a
public call), drawn once per content and served from the file."""

from django.conf import settings
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.engagement.selectors import public_call
from gongkai.services.selectors import public_guides

from .cards import cached_card

CACHE_SECONDS = 86400


def card_response(path) -> FileResponse:
    response = FileResponse(path.open("rb"), content_type="image/png")
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    return response


def guide_card(request, guide_id: int):
    guide = public_guides().filter(pk=guide_id).first()
    if guide is None:
        raise Http404
    promise = ""
    if guide.promised_days is not None and guide.statutory_days is not None:
        promise = _("承诺 %(promised)s 个工作日办结（法定 %(statutory)s 个工作日）") % {
            "promised": guide.promised_days,
            "statutory": guide.statutory_days,
        }
    fields = {
        "title": _("%(name)s办事指南") % {"name": guide.name},
        "lines": [guide.organization.name, promise],
        "url": request.build_absolute_uri(guide.get_absolute_url()),
        "site_name": str(settings.GONGKAI_SITE_NAME),
        "caption": _("扫码查看办事指南"),
    }
    return card_response(cached_card("guides", guide.pk, fields))


def call_card(request, call_id: int):
    call = public_call(call_id)
    if call is None:
        raise Http404
    fields = {
        "title": call.title,
        "lines": [
            call.organization.name,
            _("征集期限 %(start)s 至 %(end)s") % {"start": call.starts_on.isoformat(), "end": call.ends_on.isoformat()},
        ],
        "url": request.build_absolute_uri(reverse("portal:engagement:call", args=[call.pk])),
        "site_name": str(settings.GONGKAI_SITE_NAME),
        "caption": _("扫码参与意见征集"),
    }
    return card_response(cached_card("calls", call.pk, fields))
