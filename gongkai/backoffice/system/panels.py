"""Workbench panel of the system settings: holiday schedules the office still has to enter."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.backoffice.workbench import Panel
from gongkai.core.selectors import missing_schedule_years
from gongkai.orgs.access import may_edit_national_schedule


def panels(request) -> list[Panel]:
    if not may_edit_national_schedule(request.user):
        return []
    missing = missing_schedule_years(today=timezone.localdate())
    if not missing:
        return []
    items = [
        {
            "label": _("录入%(year)s年节假日安排") % {"year": year},
            "url": reverse("backoffice:system:calendar_edit", kwargs={"year": year}),
            "light": "red" if year == timezone.localdate().year else "yellow",
            "meta": _("未录入时按周一至周五计算期限并给出警告"),
        }
        for year in missing
    ]
    return [Panel(_("工作日历"), items=items, more_url=reverse("backoffice:system:calendar"), count=len(items))]
