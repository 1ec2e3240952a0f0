"""The notification centre: the person's pending work, i.e. exactly the yellow and red lights the daily reminder
digest would send them (`oversight.reminders.recipients` of `all_lights`), with a link to each and a read/unread state.

The header's bell costs no query on the page: `static/backoffice/notifications.js` asks `count` for the number of
unread lights, which is cached per person for a minute (the lights of every organization are computed at most once a
minute for everybody).
"""

from django.contrib import messages
from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.backoffice.decorators import staff_required
from gongkai.oversight.models import PendingWorkRead
from gongkai.oversight.reminders import KINDS, Light, all_lights, recipients
from gongkai.oversight.services import mark_pending_work_read

CACHE_SECONDS = 60
LINKS = {
    "records": ("backoffice:publishing:record", "record_id"),
    "applications": ("backoffice:applications:detail", "application_id"),
    "inquiries": ("backoffice:engagement:inquiry", "inquiry_id"),
    "problems": ("backoffice:oversight:problem", "problem_id"),
}


def pending_work(person) -> list[Light]:
    """The person's lights today, red first; every person's lights are computed together, at most once a minute."""
    today = timezone.localdate()
    key = f"backoffice:pending-work:{today}"
    everyone = cache.get_or_set(key, lambda: recipients(all_lights(today)), CACHE_SECONDS)
    return sorted(everyone.get(person.pk, []), key=lambda light: (light.light != "red", light.kind))


def count_key(person) -> str:
    return f"backoffice:pending-work-unread:{person.pk}"


def link(light: Light) -> str:
    if light.kind == "periodic":
        return reverse("backoffice:oversight:periodic")
    url_name, argument = LINKS[light.kind]
    return reverse(url_name, kwargs={argument: light.target_id})


@staff_required
def index(request):
    lights = pending_work(request.user)
    read = set(
        PendingWorkRead.objects.filter(person=request.user, key__in=[light.key for light in lights]).values_list(
            "key", flat=True
        )
    )
    rows = [
        {"light": light, "kind": KINDS[light.kind], "url": link(light), "unread": light.key not in read}
        for light in lights
    ]
    unread = sum(1 for row in rows if row["unread"])
    cache.set(count_key(request.user), unread, CACHE_SECONDS)
    return render(request, "backoffice/notifications/index.html", {"rows": rows, "unread": unread})


@staff_required
def count(request):
    unread = cache.get(count_key(request.user))
    if unread is None:
        lights = pending_work(request.user)
        read = PendingWorkRead.objects.filter(person=request.user, key__in=[light.key for light in lights]).count()
        unread = len(lights) - read
        cache.set(count_key(request.user), unread, CACHE_SECONDS)
    return JsonResponse({"unread": unread})


@require_POST
@staff_required
def mark_read(request):
    keys = request.POST.getlist("key")
    if request.POST.get("all"):
        keys = [light.key for light in pending_work(request.user)]
    marked = mark_pending_work_read(actor=request.user, keys=keys)
    cache.delete(count_key(request.user))
    messages.success(request, _("已将 %(count)d 条提醒标为已读。") % {"count": marked})
    return redirect("backoffice:notifications:index")
