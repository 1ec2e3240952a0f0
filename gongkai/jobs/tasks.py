"""Tasks of the jobs app itself: removing result files of finished jobs after the retention period."""

import logging
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from .models import Job
from .progress import report
from .results import TASK_ID

logger = logging.getLogger(__name__)


def expired_folders(now: datetime) -> list[tuple[int, str, Path]]:
    """(person id, task id, folder) of every kept result whose newest file is older than the retention period."""
    root = Path(settings.GONGKAI_JOB_FILES_DIR)
    limit = (now - timedelta(days=settings.GONGKAI_JOB_FILES_RETENTION_DAYS)).timestamp()
    found = []
    if not root.is_dir():
        return found
    for person in sorted(root.iterdir()):
        if not (person.is_dir() and person.name.isdigit()):
            continue
        for folder in sorted(person.iterdir()):
            if not (folder.is_dir() and TASK_ID.match(folder.name)):
                continue
            newest = max((path.stat().st_mtime for path in folder.iterdir()), default=folder.stat().st_mtime)
            if newest < limit:
                found.append((int(person.name), folder.name, folder))
    return found


@task(takes_context=True)
def expire_result_files(context) -> int:
    """Remove the result files (exports, rendered reports) kept longer than GONGKAI_JOB_FILES_RETENTION_DAYS and
    mark their jobs' rows (`Job.file_expired_at`), which stay: 我的后台任务 then says the file expired. Each removal
    is logged. Safe to run twice: a removed folder is not found again, and a row already marked keeps its time."""
    now = timezone.now()
    folders = expired_folders(now)
    report(context, done=0, total=len(folders))
    for done, (person_id, task_id, folder) in enumerate(folders, start=1):
        modified = datetime.fromtimestamp(folder.stat().st_mtime, tz=UTC)
        shutil.rmtree(folder, ignore_errors=True)
        Job.objects.get_or_create(task_id=task_id, defaults={"first_task_id": task_id, "file_expired_at": now})
        Job.objects.filter(task_id=task_id, file_expired_at__isnull=True).update(file_expired_at=now)
        logger.info("removed the expired result file of job %s (person %s, made %s)", task_id, person_id, modified)
        report(context, done=done, total=len(folders))
    if folders:
        logger.warning("removed %d expired job result file(s)", len(folders))
    return len(folders)
