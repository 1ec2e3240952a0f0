"""`gongkai workdays add DATE N [--json]` and `gongkai workdays between A B`: the working-day calendar."""

import json
import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.core.dbready import ensure_database
from gongkai.core.errors import DomainError
from gongkai.core.selectors import region_by_division_code
from gongkai.core.workdays import add_workdays, workdays_between


def parse_date(value: str) -> date:
    try:
        if len(value) != 10:
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(
            _("无效日期“%(value)s”：请使用 YYYY-MM-DD 格式，例如 2026-09-18。") % {"value": value}, returncode=2
        ) from error


def parse_count(value: str) -> int:
    try:
        count = int(value)
    except ValueError as error:
        raise CommandError(
            _("无效天数“%(value)s”：N 应为不小于 0 的整数。") % {"value": value}, returncode=2
        ) from error
    if count < 0:
        raise CommandError(_("无效天数“%(value)s”：N 不能为负数。") % {"value": value}, returncode=2)
    return count


class Command(BaseCommand):
    help = "Working-day arithmetic with the holiday schedule (调休 included)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="the N-th working day strictly after DATE")
        add.add_argument("date")
        add.add_argument("count", metavar="N")
        add.add_argument("--json", action="store_true", help="explain the skipped days as JSON")
        add.add_argument("--region", help="division code of a region whose extra holidays apply")
        between = sub.add_parser("between", help="working days in (A, B]")
        between.add_argument("start", metavar="A")
        between.add_argument("end", metavar="B")
        between.add_argument("--json", action="store_true")
        between.add_argument("--region", help="division code of a region whose extra holidays apply")

    def handle(self, *args, **options):
        if options["action"] == "add":
            start, count = parse_date(options["date"]), parse_count(options["count"])
        else:
            start, end = parse_date(options["start"]), parse_date(options["end"])
        ensure_database()
        region = self.region(options.get("region"))
        try:
            if options["action"] == "add":
                result = add_workdays(start, count, region=region)
                output = (
                    json.dumps(result.as_dict(), ensure_ascii=False) if options["json"] else result.date.isoformat()
                )
            else:
                result = workdays_between(start, end, region=region)
                output = (
                    json.dumps({"count": result.count, "warnings": result.warnings}, ensure_ascii=False)
                    if options["json"]
                    else str(result.count)
                )
        except DomainError as error:
            raise CommandError(error.message, returncode=2) from error
        self.stdout.write(output)
        if not options["json"]:
            for warning in result.warnings:
                sys.stderr.write(_("警告：%(warning)s") % {"warning": warning} + "\n")

    def region(self, code):
        if not code:
            return None
        region = region_by_division_code(code)
        if region is None:
            raise CommandError(_("未找到行政区划代码为 %(code)s 的地区。") % {"code": code}, returncode=2)
        return region
