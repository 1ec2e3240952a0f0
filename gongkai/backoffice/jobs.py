"""Starting a background job from a back-office view: enqueue it for the person, then answer at once.

With the inline queue the job has already finished when `enqueue` returns: the view answers with its file (or its
message), as before the job moved onto the queue. With the database queue the view says the job was queued and
points to 我的后台任务, where the person follows its progress and downloads the file.
"""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.tasks import TaskResultStatus
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

from gongkai.jobs.results import content_type_of, result_file

QUEUED = _("已加入后台任务，完成后可在“我的后台任务”查看结果和下载文件。")
FAILED = _("后台任务失败，请稍后重试；仍然失败请联系管理员查看服务器日志。")


def file_response(
    *, person_id: int, task_id: str, as_attachment: bool = True, remove: bool = False
) -> HttpResponse | None:
    """The job's file as a download (`remove`: delete it once read, for a job that ran inline and is answered
    at once, so nothing accumulates)."""
    path = result_file(person_id=person_id, task_id=task_id)
    if path is None:
        return None
    response = HttpResponse(path.read_bytes(), content_type=content_type_of(path))
    if as_attachment:
        response["Content-Disposition"] = content_disposition_header(True, path.name)
    if remove:
        path.unlink(missing_ok=True)
        path.parent.rmdir()
    return response


def download_job(request, task, *, back: str, as_attachment: bool = True, **kwargs) -> HttpResponse:
    """Enqueue a task that saves a result file for the requesting person (it takes `person_id`)."""
    result = task.enqueue(person_id=request.user.pk, **kwargs)
    if result.status == TaskResultStatus.SUCCESSFUL:
        response = file_response(
            person_id=request.user.pk, task_id=str(result.id), as_attachment=as_attachment, remove=True
        )
        if response is not None:
            return response
    if result.status == TaskResultStatus.FAILED:
        messages.error(request, FAILED)
        return redirect(back)
    messages.success(request, QUEUED)
    return redirect("backoffice:system:my_jobs")


def run_job(
    request, task, *, done: Callable[[object], HttpResponse], failed: Callable[[], HttpResponse], **kwargs
) -> HttpResponse:
    """Enqueue a task for the requesting person; `done(return_value)` answers when it already finished (inline)."""
    result = task.enqueue(person_id=request.user.pk, **kwargs)
    if result.status == TaskResultStatus.SUCCESSFUL:
        return done(result.return_value)
    if result.status == TaskResultStatus.FAILED:
        return failed()
    messages.success(request, QUEUED)
    return redirect("backoffice:system:my_jobs")
