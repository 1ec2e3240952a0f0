"""`gongkai scheduler`: enqueue the periodic jobs of gongkai.jobs.schedule when they are due (replaces cron).

Runs until stopped, checking every `--interval` seconds; `--once` checks once and exits; `--list` prints the
schedule. Run exactly one per installation (two do no harm: each entry is claimed under a row lock).
"""

import signal
import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from gongkai.core.dbready import ensure_database
from gongkai.jobs.models import ScheduledRun
from gongkai.jobs.schedule import SCHEDULE
from gongkai.jobs.scheduling import enqueue_due


class Command(BaseCommand):
    help = "Enqueue periodic background jobs when they are due (publish-due, reminders, nightly page rebuild)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="check once, enqueue what is due, and exit")
        parser.add_argument("--list", action="store_true", help="print the schedule and when each job last ran")
        parser.add_argument("--interval", type=float, default=30.0, help="seconds between checks (default 30)")

    def handle(self, *args, once=False, list=False, interval=30.0, **options):  # noqa: A002
        ensure_database()
        if list:
            return self.print_schedule()
        self.running = True
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        while self.running:
            for name, task_id in enqueue_due():
                self.stdout.write(f"{timezone.localtime():%Y-%m-%d %H:%M:%S} {name} → {task_id}")
            if once:
                return None
            time.sleep(interval)
        return None

    def stop(self, signum, frame):
        self.running = False

    def print_schedule(self):
        last = dict(ScheduledRun.objects.values_list("name", "last_enqueued_at"))
        for item in SCHEDULE:
            when = f"every {item.every}" if item.every else f"daily at {item.at:%H:%M}"
            ran = f"{timezone.localtime(last[item.name]):%Y-%m-%d %H:%M}" if item.name in last else "never"
            self.stdout.write(f"{item.name:<26} {when:<20} last: {ran:<17} {item.task_path}")
