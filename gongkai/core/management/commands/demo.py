"""`gongkai demo`: build (or complete) the fictional demo district. Running it twice changes nothing."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from gongkai.core import deferral
from gongkai.core.demo import DemoContext, steps

# `gongkai demo` on an empty database must stay under this on a 2-core machine (docs/demo.md).
BUDGET_SECONDS = 90


class Command(BaseCommand):
    help = "Build the demo district with its organizations, staff, catalogs, records and applications."

    def handle(self, *args, **options):
        context = DemoContext(stdout=self.stdout)
        started = time.perf_counter()
        # Search indexing is left to the search step, which runs last and rebuilds the index in one pass.
        with deferral.deferring("search"):
            for app, build in steps():
                self.stdout.write(f"[demo] {app} …")
                step_started = time.perf_counter()
                with transaction.atomic():
                    build(context)
                self.stdout.write(f"[demo] {app}: {time.perf_counter() - step_started:.1f} s")
        total = time.perf_counter() - started
        self.stdout.write(f"[demo] all steps: {total:.1f} s (budget {BUDGET_SECONDS} s, docs/demo.md)")
        self.stdout.write(self.style.SUCCESS("演示数据已就绪 / demo data ready."))
        if context.logins:
            self.stdout.write("\n演示账号 / demo logins (http://127.0.0.1:8000/backoffice/):")
            for username, password, description in context.logins:
                self.stdout.write(f"  {username:<22} {password:<20} {description}")
