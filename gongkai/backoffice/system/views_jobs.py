"""The jobs page: background tasks on the queue with their attempt and progress, and the periodic schedule.

For administrators and disclosure offices (the tasks carry object ids only, no personal data); read-only.
"""

from django.shortcuts import render

from gongkai.backoffice.decorators import staff_required
from gongkai.jobs.labels import STATUS_LABELS
from gongkai.jobs.selectors import queue_mode, recent_jobs, schedule_rows, status_counts
from gongkai.orgs.access import MANAGERS


@staff_required(roles=MANAGERS)
def jobs(request):
    status = request.GET.get("status", "")
    context = {
        "queue_mode": queue_mode(),
        "rows": recent_jobs(status=status),
        "counts": [
            (code, label, count)
            for (code, label), count in zip(STATUS_LABELS.items(), status_counts().values(), strict=True)
        ],
        "status": status,
        "schedule": schedule_rows(),
    }
    return render(request, "backoffice/system/jobs.html", context)
