"""`gongkai calendar seed` adds the years the chinese-calendar package knows; `gongkai calendar load YEAR FILE`
replaces one year's national schedule from the office's text format (see core.services.parse_schedule_lines)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.core.calendar_seed import seed_from_package
from gongkai.core.errors import DomainError
from gongkai.core.models import ScheduleYear, WorkdayOverride
from gongkai.core.services import parse_schedule_lines, set_year_schedule


class Command(BaseCommand):
    help = "Manage the holiday schedule: seed from chinese-calendar, or load a year from a text file."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("seed", help="add every year chinese-calendar knows and the database lacks")
        load = sub.add_parser("load", help="replace one year's national schedule")
        load.add_argument("year", type=int)
        load.add_argument("file", help="lines like '2027-01-01 元旦', '2027-02-06..2027-02-12 春节', '2027-02-14 上班'")
        load.add_argument("--notice", default="", help="the State Council notice, e.g. 国办发明电〔2026〕7号")
        sub.add_parser("years", help="list the loaded years")

    def handle(self, *args, **options):
        if options["action"] == "seed":
            added = seed_from_package(ScheduleYear, WorkdayOverride)
            self.stdout.write(f"added {added} year(s)")
        elif options["action"] == "years":
            for schedule in ScheduleYear.objects.order_by("year"):
                self.stdout.write(f"{schedule.year}\t{schedule.get_source_display()}\t{schedule.notice}")
        else:
            path = Path(options["file"])
            if not path.is_file():
                raise CommandError(_("找不到文件：%(path)s") % {"path": path}, returncode=2)
            try:
                holidays, workdays = parse_schedule_lines(path.read_text(encoding="utf-8"))
                set_year_schedule(
                    year=options["year"],
                    holidays=holidays,
                    workdays=workdays,
                    notice=options["notice"],
                    source=ScheduleYear.Source.IMPORT,
                )
            except DomainError as error:
                raise CommandError(error.message, returncode=2) from error
            self.stdout.write(f"{options['year']}: {len(holidays)} holiday(s), {len(workdays)} adjusted working day(s)")
