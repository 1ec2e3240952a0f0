"""`gongkai villages …`: the villages jobs for cron and operators.

gongkai villages seed-columns [--organization ID]   give villages and communities their five columns
gongkai villages daily [--date YYYY-MM-DD] [--dry-run]  remind due issue steps, close issues left unrated,
                                                    send the reminder messages
gongkai villages import-finance ORG FILE --year Y --period N [--period-kind quarter|month] --user NAME [--dry-run]
"""

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.core.dbready import ensure_database
from gongkai.core.errors import DomainError


class Command(BaseCommand):
    help = "Villages jobs: seed-columns, daily (reminders, unrated issues), import-finance."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="job", required=True)
        seed = sub.add_parser("seed-columns", help="Create the five columns every village and community lacks.")
        seed.add_argument("--organization", type=int, help="Only this organization (id).")
        daily = sub.add_parser("daily", help="Remind due issue steps and close issues whose rating time passed.")
        daily.add_argument("--date", type=date.fromisoformat, help="Run as if today were this day.")
        daily.add_argument("--dry-run", action="store_true", help="Only list the reminder messages; change nothing.")
        finance = sub.add_parser("import-finance", help="Import a village's accounting export (.xlsx).")
        finance.add_argument("organization", type=int)
        finance.add_argument("file")
        finance.add_argument("--year", type=int, required=True)
        finance.add_argument("--period", type=int, required=True)
        finance.add_argument("--period-kind", choices=("quarter", "month"), default="quarter")
        finance.add_argument("--user", required=True, help="Username of the village clerk who reports it.")
        finance.add_argument("--dry-run", action="store_true")

    def handle(self, *args, job, **options):
        ensure_database()
        try:
            getattr(self, job.replace("-", "_"))(**options)
        except DomainError as error:
            for line in error.params.get("errors") or []:
                self.stderr.write(line)
            raise CommandError(error.message) from error

    def seed_columns(self, organization=None, **options):
        from gongkai.orgs.models import Level, Organization
        from gongkai.villages.services import seed_village_columns

        villages = Organization.objects.filter(is_active=True, region__level=Level.VILLAGE).select_related("region")
        if organization:
            villages = villages.filter(pk=organization)
            if not villages.exists():
                raise CommandError(_("没有编号为 %(id)s 的有效村（居）委会。") % {"id": organization})
        created = sum(seed_village_columns(organization=village) for village in villages.order_by("pk"))
        self.stdout.write(
            _("%(villages)s 个村（社区），新建 %(created)s 个栏目。")
            % {"villages": villages.count(), "created": created}
        )

    def daily(self, date=None, dry_run=False, **options):
        from gongkai.villages.services import close_unrated_issues, remind_due_issues
        from gongkai.villages.services.reminders import send_village_reminders

        if dry_run:
            for message in send_village_reminders(on=date, dry_run=True):
                self.stdout.write(f"{message.person} ({'/'.join(message.channels)}): {message.subject}")
            return
        reminded = remind_due_issues(on=date)
        closed = close_unrated_issues(on=date)
        sent = send_village_reminders(on=date)
        self.stdout.write(
            _("催办 %(reminded)s 件，逾期未评价办结 %(closed)s 件，发送提醒 %(sent)s 人。")
            % {"reminded": len(reminded), "closed": len(closed), "sent": len(sent)}
        )

    def import_finance(self, organization, file, year, period, period_kind, user, dry_run=False, **options):
        from gongkai.orgs.models import Organization, Person
        from gongkai.villages.services import import_statement

        village = Organization.objects.select_related("region").filter(pk=organization).first()
        person = Person.objects.filter(username=user, is_active=True).first()
        if village is None or person is None:
            raise CommandError(_("找不到该村（居）委会或用户。"))
        try:
            handle = open(file, "rb")  # noqa: SIM115 - closed below
        except OSError as error:
            raise CommandError(_("无法打开文件：%(file)s") % {"file": file}) from error
        with handle:
            result = import_statement(
                organization=village, actor=person, upload=handle, period_kind=period_kind, year=year, period=period,
                dry_run=dry_run,
            )  # fmt: skip
        if dry_run:
            self.stdout.write(
                json.dumps(
                    {key: str(value) if not isinstance(value, list) else value for key, value in result.items()},
                    ensure_ascii=False,
                )
            )
            return
        self.stdout.write(
            _("已导入 %(count)s 条明细，生成信息草稿 %(record)s。")
            % {"count": result.lines.count(), "record": result.record_id}
        )
