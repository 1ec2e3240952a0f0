"""The schedule of periodic jobs that `gongkai scheduler` enqueues (they used to be cron lines).

Each entry names a task by its dotted path (so this low-level app imports none of the apps whose tasks it runs)
and either an interval (`every`) or a local time of day (`at`, Asia/Shanghai). Apps add their own entries here.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone


@dataclass(frozen=True)
class Entry:
    name: str
    task_path: str
    every: timedelta | None = None
    at: time | None = None
    description: str = ""

    def is_due(self, last: datetime | None, now: datetime) -> bool:
        if self.every is not None:
            return last is None or now - last >= self.every
        local_now = timezone.localtime(now)
        if local_now.time() < self.at:
            return False
        return last is None or timezone.localtime(last).date() < local_now.date()


SCHEDULE = [
    Entry(
        "publishing.publish_due",
        "gongkai.publishing.tasks.publish_due",
        every=timedelta(minutes=5),
        description="publish scheduled records that are due; take down records whose display period ended",
    ),
    Entry(
        "applications.remind",
        "gongkai.applications.tasks.send_reminders",
        at=time(8, 0),
        description="e-mail handlers and offices about yellow and red applications (once a day)",
    ),
    Entry(
        "engagement.remind",
        "gongkai.engagement.tasks.send_reminders",
        at=time(8, 0),
        description="e-mail handlers and offices about inquiries near or past their reply deadline (once a day)",
    ),
    Entry(
        "villages.daily",
        "gongkai.villages.tasks.daily",
        at=time(7, 30),
        description="催办 village issues that are due, close unrated ones, e-mail/SMS village staff what is due",
    ),
    Entry(
        "pages.rebuild",
        "gongkai.portal.pages.tasks.rebuild_pages",
        at=time(3, 0),
        description="re-render every static page (catches what no signal announced, e.g. a changed site name)",
    ),
    Entry(
        "pages.frequent",
        "gongkai.portal.pages.tasks.render_frequent",
        at=time(0, 30),
        description="re-render the home page and /hot/ with the new day's 热门 lists (searches and readings)",
    ),
    Entry(
        "oversight.inspect",
        "gongkai.oversight.tasks.daily_inspection",
        at=time(2, 0),
        description="self-inspection of every site against the national website indicators (once a day)",
    ),
    Entry(
        "oversight.scores",
        "gongkai.oversight.tasks.refresh_scores",
        at=time(4, 0),
        description="recompute the month-end scores behind the leaderboards' trend charts (after the inspection)",
    ),
    Entry(
        "jobs.expire_files",
        "gongkai.jobs.tasks.expire_result_files",
        at=time(3, 30),
        description="remove result files of finished jobs kept longer than GONGKAI_JOB_FILES_RETENTION_DAYS",
    ),
    Entry(
        "oversight.remind",
        "gongkai.oversight.tasks.daily_reminders",
        at=time(8, 0),
        description="one digest per person of the yellow and red lights, by e-mail and SMS (once a day)",
    ),
]


def entry(name: str) -> Entry:
    for candidate in SCHEDULE:
        if candidate.name == name:
            return candidate
    raise KeyError(name)
