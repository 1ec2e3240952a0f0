"""Task panels of the publishing module on the workbench home."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.backoffice.workbench import Panel
from gongkai.core.workdays import ProvisionalDates
from gongkai.publishing.deadlines import annotate_lights

from .lists import visible_work_lists, work_list_records

PANEL_SIZE = 6


def item_for(record, work_list, provisional: ProvisionalDates) -> dict:
    meta = record.organization.display_name
    if work_list.slug == "scheduled" and record.scheduled_for:
        meta = f"{meta} · {timezone.localtime(record.scheduled_for):%Y-%m-%d %H:%M}"
    elif record.published_at and work_list.slug in ("published", "emergency", "interpretations"):
        meta = f"{meta} · {timezone.localtime(record.published_at):%Y-%m-%d}"
    elif getattr(record, "light_reason", "") and record.due_on:
        meta = _("%(reason)s（%(due)s%(provisional)s）· %(organization)s") % {
            "reason": record.light_reason,
            "due": f"{record.due_on:%Y-%m-%d}",
            "provisional": provisional.mark(record.written_on, record.due_on),
            "organization": meta,
        }
    elif record.due_on:
        meta = f"{meta} · {record.due_on:%Y-%m-%d}{provisional.mark(record.written_on, record.due_on)}"
    item = {"label": record.title, "url": reverse("backoffice:publishing:record", args=[record.pk]), "meta": meta}
    if getattr(record, "light", None):
        item["light"] = record.light
        item["light_label"] = record.light_label
    return item


def panels(request) -> list[Panel]:
    wanted = request.GET.get("organization", "")
    organization_id = wanted if wanted.isdigit() else None
    result = []
    for work_list in visible_work_lists(request.user):
        records = work_list_records(request.user, work_list.slug, organization_id)
        count = records.count()
        if count == 0 and work_list.slug in ("emergency", "interpretations", "overdue"):
            continue
        shown = list(records[:PANEL_SIZE])
        if work_list.with_lights:
            shown = annotate_lights(shown, timezone.localdate())
        provisional = ProvisionalDates(day for record in shown for day in (record.written_on, record.due_on))
        items = [item_for(record, work_list, provisional) for record in shown]
        result.append(
            Panel(
                title=str(work_list.title),
                items=items,
                more_url=reverse("backoffice:publishing:list", args=[work_list.slug]),
                count=count,
                warnings=provisional.warnings(),
            )
        )
    return result
