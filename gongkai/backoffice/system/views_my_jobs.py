"""我的后台任务: the jobs a person started from the back office (exports, imports, checks), their progress, and
the files they produced, which only that person can download."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render

from gongkai.backoffice.decorators import staff_required
from gongkai.backoffice.jobs import file_response
from gongkai.jobs.selectors import jobs_of, queue_mode


@staff_required
def my_jobs(request):
    rows = jobs_of(person_id=request.user.pk) if queue_mode() == "database" else []
    context = {
        "queue_mode": queue_mode(),
        "rows": rows,
        "retention_days": settings.GONGKAI_JOB_FILES_RETENTION_DAYS,
    }
    return render(request, "backoffice/system/my_jobs.html", context)


@staff_required
def job_file(request, task_id: str):
    response = file_response(person_id=request.user.pk, task_id=task_id)
    if response is None:
        raise Http404
    return response
