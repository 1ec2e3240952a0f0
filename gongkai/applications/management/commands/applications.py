"""`gongkai applications clock|import|remind|recompute`: the statutory clock, history import, reminders."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.dbready import ensure_database
from gongkai.core.errors import DomainError


class Command(BaseCommand):
    help = "On-request disclosure: the statutory clock, history import, reminders and due-date recomputation."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("clock", help='read {"received": ..., "events": [...]} from stdin, print the due date as JSON')
        importing = sub.add_parser("import", help="import a historical register (.xlsx or .csv)")
        importing.add_argument("file")
        importing.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
        remind = sub.add_parser("remind", help="e-mail handlers and offices about yellow and red applications")
        remind.add_argument("--dry-run", action="store_true", help="list what would be sent, send nothing")
        sub.add_parser("recompute", help="recompute the due dates of every open application")

    def handle(self, *args, **options):
        try:
            getattr(self, f"handle_{options['action']}")(options)
        except DomainError as error:
            raise CommandError(error.message, returncode=2) from error

    def handle_clock(self, options):
        from gongkai.applications.clock import compute_clock, parse_clock_input

        try:
            data = json.loads(sys.stdin.read())
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise CommandError(
                f'输入不是有效的 JSON（{error}）：请从标准输入提供 {{"received": "YYYY-MM-DD", "events": [...]}}。',
                returncode=2,
            ) from error
        received, events = parse_clock_input(data)
        ensure_database()
        result = compute_clock(received, events)
        self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))

    def handle_import(self, options):
        from gongkai.applications.importing import import_register

        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"找不到文件 {path}。", returncode=2)
        ensure_database()
        report = import_register(
            content=path.read_bytes(), filename=path.name, dry_run=options["dry_run"], progress=self.progress
        )
        if report.errors:
            for error in report.errors:
                self.stderr.write(error.text())
            raise CommandError(f"导入失败：共 {len(report.errors)} 处错误，未写入任何数据。", returncode=1)
        verb = "检查通过（试运行，未写入）" if options["dry_run"] else "导入完成"
        self.stdout.write(f"{verb}：{report.count} 条申请。")
        self.warn_published_reports(report)

    def warn_published_reports(self, report):
        """The import changed the figures of years whose annual report is already published: say so."""
        from gongkai.applications.signals import import_warnings_requested

        for _receiver, warnings in import_warnings_requested.send(sender=self.__class__, pairs=set(report.touched)):
            for warning in warnings or ():
                self.stderr.write(f"警告：{warning}")

    def handle_remind(self, options):
        from gongkai.applications.services import send_reminders

        ensure_database()
        sent = send_reminders(dry_run=options["dry_run"])
        for recipient, count in sent:
            self.stdout.write(f"{recipient}: {count} 件")
        self.stdout.write(f"共提醒 {len(sent)} 人。")

    def handle_recompute(self, options):
        from gongkai.applications.services import recompute_due_dates

        ensure_database()
        changed = recompute_due_dates(years=None)
        self.stdout.write(f"已重新计算，{changed} 件申请的期限发生变化。")

    def progress(self, done: int, total: int) -> None:
        """On a terminal one line updated in place; otherwise (a log file, a pipe) separate lines, about every tenth
        of the file, so the output reads as lines."""
        if sys.stderr.isatty():
            sys.stderr.write(f"\r{done}/{total}")
            if done == total:
                sys.stderr.write("\n")
            return
        step = max(total // 10, 1)
        if done == total or done % step == 0:
            sys.stderr.write(f"已检查 {done}/{total} 行\n")
