"""What the back office shows about background jobs beyond the task queue's own rows: how far a job got, which
attempt it is, and when each scheduled job last ran."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    """One run of a task (keyed by the task result's id): its attempt number and its progress so far.

    The queue's own table (django_tasks_db's DBTaskResult) holds status, arguments and errors; this row holds what
    the queue does not: `attempt` counts retries (a retry is a new task result pointing at the first one through
    `first_task_id`), `done`/`total`/`note` are written by the task itself through `jobs.progress.report`.
    """

    task_id = models.CharField(_("任务编号"), max_length=64, unique=True)
    first_task_id = models.CharField(_("首次任务编号"), max_length=64, db_index=True)
    task_path = models.CharField(_("任务"), max_length=200)
    attempt = models.PositiveSmallIntegerField(_("第几次尝试"), default=1)
    done = models.PositiveIntegerField(_("已完成"), default=0)
    total = models.PositiveIntegerField(_("总数"), null=True, blank=True)
    note = models.CharField(_("进度说明"), max_length=200, blank=True)
    # Set when the retention period removed the job's result file (`jobs.tasks.expire_result_files`); the row stays.
    file_expired_at = models.DateTimeField(_("结果文件过期删除时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("后台任务进度")
        verbose_name_plural = _("后台任务进度")

    def __str__(self):
        return f"{self.task_path} #{self.attempt} {self.done}/{self.total or '?'}"

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, round(100 * self.done / self.total))


class ScheduledRun(models.Model):
    """When `gongkai scheduler` last enqueued one entry of the schedule (so a restart neither repeats nor skips)."""

    name = models.CharField(_("计划任务"), max_length=100, unique=True)
    last_enqueued_at = models.DateTimeField(_("上次加入队列"))
    last_task_id = models.CharField(_("上次任务编号"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("计划任务记录")
        verbose_name_plural = _("计划任务记录")

    def __str__(self):
        return f"{self.name} @ {self.last_enqueued_at:%Y-%m-%d %H:%M}"


class Completion(models.Model):
    """A job that must happen once per key (one reminder digest per day) marks its key done here."""

    key = models.CharField(_("键"), max_length=200, unique=True)
    done_at = models.DateTimeField(_("完成时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("已完成的一次性任务")
        verbose_name_plural = _("已完成的一次性任务")

    def __str__(self):
        return self.key
