"""Workbench panel of screening: open findings that block publication, in the person's organizations."""

from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.backoffice.workbench import Panel
from gongkai.screening.kinds import Severity
from gongkai.screening.models import Finding
from gongkai.screening.selectors import findings_for_staff


def panels(request) -> list[Panel]:
    blocking = findings_for_staff(person=request.user, severity=Severity.BLOCK, status=Finding.Status.OPEN)
    count = blocking.count()
    if not count:
        return []
    items = [
        {
            "label": _("%(target)s：%(kind)s“%(text)s”")
            % {"target": finding.target_label, "kind": finding.get_kind_display(), "text": finding.text},
            "url": reverse("backoffice:screening:finding", kwargs={"finding_id": finding.pk}),
            "light": "red",
            "meta": finding.organization.name,
        }
        for finding in blocking[:5]
    ]
    more = reverse("backoffice:screening:findings") + "?status=open&severity=block"
    return [Panel(_("阻止发布的预审问题"), items=items, more_url=more, count=count)]
