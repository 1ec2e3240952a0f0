"""Workbench panels of the catalog: change sets waiting for the office's approval, and source changes offered to
the township and village catalogs the person maintains."""

from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.backoffice.workbench import Panel
from gongkai.catalog.access import can_edit_catalog
from gongkai.catalog.selectors import catalogs_for_staff, items_with_source_changes, pending_change_sets_for_approver


def panels(request) -> list[Panel]:
    return [panel for panel in (approvals_panel(request), offers_panel(request)) if panel is not None]


def approvals_panel(request) -> Panel | None:
    pending = pending_change_sets_for_approver(request.user)
    count = pending.count()
    if not count:
        return None
    items = [
        {
            "label": _("%(organization)s：%(note)s")
            % {
                "organization": change_set.catalog.organization.display_name,
                "note": change_set.note or _("目录变更"),
            },
            "url": reverse("backoffice:catalog:change_set", kwargs={"change_set_id": change_set.pk}),
            "meta": str(change_set.proposed_by or ""),
        }
        for change_set in pending[:5]
    ]
    return Panel(_("待审批的目录变更"), items=items, more_url=reverse("backoffice:catalog:changes"), count=count)


def offers_panel(request) -> Panel | None:
    items, count = [], 0
    for catalog in catalogs_for_staff(request.user):
        if catalog.organization.region.level == "county" or not can_edit_catalog(request.user, catalog):
            continue
        offers = items_with_source_changes(catalog)
        count += offers.count()
        items += [
            {
                "label": f"{item.code} {item.name}",
                "url": reverse("backoffice:catalog:item", kwargs={"item_id": item.pk}),
                "meta": catalog.organization.display_name,
            }
            for item in offers[: max(0, 5 - len(items))]
        ]
    if not count:
        return None
    return Panel(_("上级目录有新变化的事项"), items=items, count=count)
