"""`gongkai worker`: run background tasks from the database queue (django-tasks-db's worker) with retries.

Same options as django-tasks-db's `db_worker` (`--batch`, `--max-tasks`, `--queue-name`, `--interval` …). A failed
task is retried with exponential backoff (see gongkai.jobs.retry).
"""

import logging
import os

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands import db_worker

from gongkai.jobs.retry import schedule_retry

logger = logging.getLogger("gongkai.jobs")


class RetryingWorker(db_worker.Worker):
    def run_task(self, db_task_result) -> None:
        super().run_task(db_task_result)
        db_task_result.refresh_from_db(fields=["status", "exception_class_path"])
        if db_task_result.status != TaskResultStatus.FAILED:
            return
        try:
            retry_id = schedule_retry(db_task_result)
        except Exception:
            logger.exception("Could not schedule a retry of task %s", db_task_result.id)
            return
        if retry_id:
            logger.warning("Task %s failed; retry %s enqueued", db_task_result.id, retry_id)


class Command(db_worker.Command):
    help = "Run background tasks from the database queue, retrying failed ones with backoff."

    def handle(self, *args, **options):
        if settings.GONGKAI_TASK_QUEUE != "database":
            raise CommandError(
                "GONGKAI_TASK_QUEUE is not 'database': tasks run inline in the process that starts them, "
                "there is nothing for a worker to do. Set GONGKAI_TASK_QUEUE=database and restart."
            )
        self.configure_logging(options["verbosity"])
        worker = RetryingWorker(
            queue_names=options["queue_name"].split(","),
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
        )
        if options["reload"] and not options["batch"]:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
