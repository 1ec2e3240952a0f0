"""The system settings hub."""

from django.shortcuts import render
from django.utils import timezone

from gongkai.backoffice.decorators import staff_required
from gongkai.core.selectors import missing_schedule_years
from gongkai.orgs.access import MANAGERS, may_edit_national_schedule, roles_of


@staff_required
def hub(request):
    return render(
        request,
        "backoffice/system/hub.html",
        {
            "missing_years": missing_schedule_years(today=timezone.localdate()),
            "may_edit_schedule": may_edit_national_schedule(request.user),
            "manages": bool(roles_of(request.user) & set(MANAGERS)),
        },
    )
