"""Reads for the jobs page: recent task results with their attempt and progress, and the schedule."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django_tasks_db.models import DBTaskResult

from .labels import STATUS_LABELS, task_label
from .models import Job, ScheduledRun
from .results import result_file
from .schedule import SCHEDULE


@dataclass
class JobRow:
    task_id: str
    label: str
    task_path: str
    status: str
    status_label: str
    enqueued_at: datetime
    run_after: datetime | None
    started_at: datetime | None
    finished_at: datetime | None
    attempt: int
    done: int | None
    total: int | None
    percent: int | None
    note: str
    error: str
    has_file: bool = False
    file_expired_at: datetime | None = None


def recent_jobs(*, limit: int = 100, status: str = "", task_ids: list[str] | None = None) -> list[JobRow]:
    results = DBTaskResult.objects.order_by("-enqueued_at")
    if task_ids is not None:
        results = results.filter(id__in=task_ids)
    if status in STATUS_LABELS:
        results = results.filter(status=status)
    results = list(
        results.only(
            "id", "status", "task_path", "enqueued_at", "run_after", "started_at", "finished_at", "exception_class_path"
        )[:limit]
    )
    jobs = {job.task_id: job for job in Job.objects.filter(task_id__in=[str(result.id) for result in results])}
    rows = []
    for result in results:
        job = jobs.get(str(result.id))
        rows.append(
            JobRow(
                task_id=str(result.id),
                label=task_label(result.task_path),
                task_path=result.task_path,
                status=result.status,
                status_label=str(STATUS_LABELS.get(result.status, result.status)),
                enqueued_at=result.enqueued_at,
                run_after=result.run_after if result.status == "READY" and result.run_after.year < 9999 else None,
                started_at=result.started_at,
                finished_at=result.finished_at,
                attempt=job.attempt if job else 1,
                done=job.done if job else None,
                total=job.total if job else None,
                percent=job.percent if job else None,
                note=job.note if job else "",
                error=result.exception_class_path.rsplit(".", 1)[-1] if result.status == "FAILED" else "",
                file_expired_at=job.file_expired_at if job else None,
            )
        )
    return rows


def status_counts() -> dict[str, int]:
    counts = {status: 0 for status in STATUS_LABELS}
    for status in counts:
        counts[status] = DBTaskResult.objects.filter(status=status).count()
    return counts


def schedule_rows() -> list[dict]:
    last = {run.name: run for run in ScheduledRun.objects.all()}
    return [
        {
            "name": entry.name,
            "label": task_label(entry.task_path),
            "every_minutes": int(entry.every.total_seconds() // 60) if entry.every else None,
            "at": entry.at,
            "last": last[entry.name].last_enqueued_at if entry.name in last else None,
        }
        for entry in SCHEDULE
    ]


def queue_mode() -> str:
    return settings.GONGKAI_TASK_QUEUE


def jobs_of(*, person_id: int, limit: int = 50) -> list[JobRow]:
    """The jobs a person started (tasks that take `person_id`), newest first, with whether a result file is kept."""
    results = DBTaskResult.objects.filter(args_kwargs__kwargs__person_id=person_id).order_by("-enqueued_at")
    task_ids = [str(pk) for pk in results.values_list("id", flat=True)[:limit]]
    rows = recent_jobs(limit=limit, task_ids=task_ids)
    for row in rows:
        row.has_file = row.status == "SUCCESSFUL" and result_file(person_id=person_id, task_id=row.task_id) is not None
    return rows
