"""`gongkai engagement remind|export-survey`: deadline reminders for inquiries, a survey's results as .xlsx."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.dbready import ensure_database
from gongkai.core.errors import DomainError


class Command(BaseCommand):
    help = "Public engagement: reminders for inquiries near or past their due date, survey exports."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        remind = sub.add_parser("remind", help="e-mail handlers and offices about yellow and red inquiries")
        remind.add_argument("--dry-run", action="store_true", help="list what would be sent, send nothing")
        export = sub.add_parser("export-survey", help="write a survey's results to an .xlsx file")
        export.add_argument("survey", help="the survey's number (id)")
        export.add_argument("-o", "--output", required=True, help="the .xlsx file to write")

    def handle(self, *args, **options):
        try:
            getattr(self, f"handle_{options['action'].replace('-', '_')}")(options)
        except DomainError as error:
            raise CommandError(error.message, returncode=2) from error

    def handle_remind(self, options):
        from gongkai.engagement.services import send_reminders

        ensure_database()
        sent = send_reminders(dry_run=options["dry_run"])
        for recipient, codes in sent:
            self.stdout.write(f"{recipient}: {len(codes)} 件（{'、'.join(codes)}）")
        verb = "将提醒" if options["dry_run"] else "已提醒"
        self.stdout.write(f"{verb} {len(sent)} 人。")

    def handle_export_survey(self, options):
        from gongkai.core import audit
        from gongkai.engagement.models import Survey
        from gongkai.engagement.survey_export import export_survey

        output = Path(options["output"])
        if output.suffix.lower() != ".xlsx":
            raise CommandError("输出文件须以 .xlsx 结尾。", returncode=2)
        if not output.parent.is_dir():
            raise CommandError(f"目录 {output.parent} 不存在。", returncode=2)
        ensure_database()
        survey = Survey.objects.filter(pk=int(options["survey"])).first() if options["survey"].isdigit() else None
        if survey is None:
            raise CommandError(f"找不到编号为 {options['survey']} 的满意度调查。", returncode=2)
        output.write_bytes(export_survey(survey))
        audit.log(
            "engagement.survey.exported", target=survey, organization=survey.organization, data={"file": output.name}
        )
        self.stdout.write(f"已导出“{survey.title}”到 {output}。")
