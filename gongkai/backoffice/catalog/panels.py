"""Workbench panels of the catalog: change sets waiting for the office's approval."""

from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.backoffice.workbench import Panel
from gongkai.catalog.selectors import pending_change_sets_for_approver


def panels(request) -> list[Panel]:
    pending = pending_change_sets_for_approver(request.user)
    count = pending.count()
    if not count:
        return []
    items = [
        {
            "label": _("%(organization)s：%(note)s")
            % {"organization": change_set.catalog.organization.display_name, "note": change_set.note or _("目录变更")},
            "url": reverse("backoffice:catalog:change_set", kwargs={"change_set_id": change_set.pk}),
            "meta": str(change_set.proposed_by or ""),
        }
        for change_set in pending[:5]
    ]
    return [Panel(_("待审批的目录变更"), items=items, more_url=reverse("backoffice:catalog:changes"), count=count)]
