"""`gongkai oversight score|inspect|remind`: live scores, self-inspection and the daily reminders."""

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.dbready import ensure_database
from gongkai.core.errors import DomainError


class Command(BaseCommand):
    help = "Oversight: assessment scores, self-inspection against the national website indicators, reminders."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        score = sub.add_parser("score", help="print the leaderboard of a year's assessment scheme")
        score.add_argument("--year", type=int, required=True)
        score.add_argument("--group", choices=["departments", "towns", "villages"])
        score.add_argument("--region", help="division code of the scheme's region (default: the top one)")
        score.add_argument("--as-of", help="compute as on this date (YYYY-MM-DD), default today")
        score.add_argument("--json", action="store_true")
        inspect = sub.add_parser("inspect", help="check the sites against the national website indicators")
        inspect.add_argument("--org", help="credit code or id of one organization")
        inspect.add_argument("--json", action="store_true")
        inspect.add_argument("--no-external", action="store_true", help="do not check external links")
        remind = sub.add_parser("remind", help="send today's yellow/red digests by e-mail and SMS")
        remind.add_argument("--dry-run", action="store_true", help="list what would be sent, send nothing")

    def handle(self, *args, **options):
        ensure_database()
        try:
            return getattr(self, f"handle_{options['action']}")(options)
        except DomainError as error:
            raise CommandError(error.message, returncode=2) from error

    def handle_score(self, options):
        from gongkai.oversight.models import Group
        from gongkai.oversight.scoring import leaderboard
        from gongkai.oversight.selectors import scheme_for_year

        scheme = scheme_for_year(options["year"], options.get("region"))
        if scheme is None:
            raise CommandError(
                f"{options['year']}年还没有考核方案：请先在后台创建，或运行 gongkai demo。", returncode=2
            )
        as_of = self.parse_date(options.get("as_of"))
        groups = [options["group"]] if options.get("group") else list(Group.values)
        rows = [entry for group in groups for entry in leaderboard(scheme, group, as_of)]
        if options["json"]:
            self.stdout.write(json.dumps([entry.as_dict() for entry in rows], ensure_ascii=False, indent=2))
            return
        for entry in rows:
            self.stdout.write(f"{entry.rank:>3}  {entry.score:>7}  {entry.organization.name}")

    def handle_inspect(self, options):
        from gongkai.oversight.selectors import open_findings, organization_by_key
        from gongkai.oversight.services import run_inspection

        organization = organization_by_key(options["org"]) if options.get("org") else None
        if options.get("org") and organization is None:
            raise CommandError(f"找不到机构“{options['org']}”：请提供统一社会信用代码或机构编号。", returncode=2)
        external = False if options["no_external"] else None
        run = run_inspection(organization=organization, external=external)
        findings = list(open_findings(organization))
        data = [
            {
                "organization": finding.organization.name,
                "indicator": finding.get_indicator_display(),
                "veto": finding.veto,
                "target": finding.target,
                "url": finding.url,
                "detail": finding.detail,
            }
            for finding in findings
        ]
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            for row in data:
                mark = "否决" if row["veto"] else "扣分"
                self.stdout.write(f"[{mark}] {row['organization']} {row['indicator']}：{row['detail']}")
            self.stdout.write(f"共 {run.findings_total} 个问题，其中单项否决 {run.veto_total} 个。")
        if any(finding.veto for finding in findings):
            raise SystemExit(1)

    def handle_remind(self, options):
        from gongkai.oversight.services import send_reminders

        digests = send_reminders(dry_run=options["dry_run"])
        for digest in digests:
            self.stdout.write(f"{digest.person.username}: {len(digest.lights)} 项（{'、'.join(digest.channels)}）")
        verb = "将提醒" if options["dry_run"] else "已提醒"
        self.stdout.write(f"{verb} {len(digests)} 人。")

    def parse_date(self, text):
        from django.utils import timezone

        if not text:
            return timezone.localdate()
        try:
            return date.fromisoformat(text)
        except ValueError as error:
            raise CommandError(f"日期“{text}”格式不对，应为 YYYY-MM-DD。", returncode=2) from error
