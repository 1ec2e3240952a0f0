"""Workbench panel of the services module: guides and changes of legal basis or time limit waiting for the
person's review (never their own submissions)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.backoffice.workbench import Panel
from gongkai.services.selectors import guides_waiting_for, pending_changes_for


def panels(request) -> list[Panel]:
    guides = list(guides_waiting_for(request.user)[:5])
    changes = list(pending_changes_for(request.user).exclude(proposed_by=request.user)[:5])
    if not guides and not changes:
        return []
    items = [
        {
            "label": _("审核办事指南：%(name)s") % {"name": guide.name},
            "url": reverse("backoffice:services:guide", kwargs={"guide_id": guide.pk}),
            "meta": guide.organization.display_name,
        }
        for guide in guides
    ] + [
        {
            "label": _("审核依据或时限变更：%(name)s") % {"name": change.guide.name},
            "url": reverse("backoffice:services:guide", kwargs={"guide_id": change.guide_id}),
            "meta": change.guide.organization.display_name,
        }
        for change in changes
    ]
    return [Panel(_("待审核的办事指南"), items=items, more_url=reverse("backoffice:services:index"), count=len(items))]
