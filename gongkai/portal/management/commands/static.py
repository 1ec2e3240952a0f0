"""`gongkai static rebuild|status|render`: the statically published pages (docs/static-pages.md).

gongkai static rebuild          render every registered page in every variant; remove files nothing produces
gongkai static render URL ...   render these pages now
gongkai static status           the folder, the number of files and registered pages
"""

import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gongkai.core.dbready import ensure_database
from gongkai.portal.pages import registry, service, storage


class Command(BaseCommand):
    help = "Static publishing: rebuild every static page, render some, or show the status."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("rebuild", help="render every registered page (idempotent, with progress on stderr)")
        render = sub.add_parser("render", help="render the given URL paths now")
        render.add_argument("urls", nargs="+")
        sub.add_parser("status", help="where the pages are and how many there are")

    def handle(self, *args, action, **options):
        ensure_database()
        if action == "status":
            return self.status()
        if not service.enabled():
            raise CommandError("GONGKAI_STATIC_PAGES is off: set GONGKAI_STATIC_PAGES=1 to publish static pages.")
        if action == "rebuild":
            counts = service.rebuild(progress=self.progress)
        else:
            counts = service.refresh(options["urls"], progress=self.progress)
        sys.stderr.write("\n")
        self.stdout.write(
            f"{counts['pages']} pages × {len(storage.VARIANTS)} variants: {counts['written']} files written, "
            f"{counts['removed'] + counts.get('stray_removed', 0)} removed ({storage.root()})"
        )
        return None

    def progress(self, done: int, total: int) -> None:
        if done == total or done % 20 == 0:
            sys.stderr.write(f"\r{done}/{total}")
            sys.stderr.flush()

    def status(self):
        state = "on" if service.enabled() else "off"
        self.stdout.write(f"static pages: {state}, folder {storage.root()}, public URL {settings.GONGKAI_PUBLIC_URL}")
        self.stdout.write(f"files: {len(storage.existing_files())}")
        for family in registry.families():
            self.stdout.write(f"  {family.name:<28} {len(list(family.urls()))} pages")
