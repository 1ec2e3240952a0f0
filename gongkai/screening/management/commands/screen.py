"""`gongkai screen FILE [FILE ...] [--json]` checks files; `gongkai screen --all [--org ORG]` rescans the site.

Exit status: 0 when nothing blocks publication, 1 when a finding blocks, 2 when an input cannot be read.
"""

import json
import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.core.errors import DomainError
from gongkai.screening.errors import ScreeningError
from gongkai.screening.extraction import extract
from gongkai.screening.kinds import Severity
from gongkai.screening.lexicon import current_lexicon_or_empty
from gongkai.screening.scanning import scan_content


class Command(BaseCommand):
    help = "内容预审：检查文件中的个人隐私、涉密标识、敏感词和表述错误；--all 复查全站已发布内容。"

    def add_arguments(self, parser):
        parser.add_argument(
            "files", nargs="*", help=_("要检查的文件：UTF-8 文本、PDF、Word（.docx）或 Excel（.xlsx）。")
        )
        parser.add_argument("--json", action="store_true", help=_("输出一个 JSON 数组。"))
        parser.add_argument("--all", action="store_true", help=_("复查注册来源中的全部已发布内容（可中断后继续）。"))
        parser.add_argument("--org", help=_("只复查该机构（编号、统一社会信用代码或全称）。"))
        parser.add_argument("--restart", action="store_true", help=_("不继续上次未完成的复查，重新开始。"))
        parser.add_argument("--limit", type=int, help=_("本次最多复查多少个对象（其余下次继续）。"))

    def handle(self, *args, **options):
        if options["all"]:
            if options["files"]:
                raise CommandError(_("--all 与文件参数不能同时使用。"))
            return self._rescan(options)
        if not options["files"]:
            raise CommandError(_("请指定要检查的文件，或使用 --all 复查全站。"))
        if options["org"]:
            raise CommandError(_("--org 只能与 --all 一起使用。"))
        return self._screen_files(options["files"], as_json=options["json"])

    def _screen_files(self, paths, *, as_json: bool):
        lexicon, available = current_lexicon_or_empty()
        if not available:
            sys.stderr.write(
                _("提示：数据库尚未初始化（请运行 gongkai migrate），本次未使用敏感词库和表述纠错库。") + "\n"
            )
        results, unreadable = [], False
        for path in paths:
            try:
                extracted = extract(path)
            except ScreeningError as error:
                sys.stderr.write(f"{path}: {error.message}\n")
                unreadable = True
                continue
            scanned = scan_content(extracted, lexicon=lexicon)
            for detection in scanned.detections:
                item = {"file": path, **detection.as_dict(), "location": scanned.location_of(detection)}
                item["kind"], item["severity"] = str(detection.kind), str(detection.severity)
                results.append(item)
        if as_json:
            sys.stdout.write(json.dumps(results, ensure_ascii=False, indent=1) + "\n")
        else:
            self._print_human(results)
        sys.stdout.flush()
        if unreadable:
            sys.exit(2)
        if any(item["severity"] == Severity.BLOCK for item in results):
            sys.exit(1)

    def _print_human(self, results):
        labels = dict(Severity.choices)
        for item in results:
            where = f"{item['file']}:{item['start']}-{item['end']}"
            if item["location"]:
                where += f" ({item['location']})"
            line = f"{where} [{labels[item['severity']]}] {item['text']} — {item['message']}"
            if item["suggestion"]:
                line += " " + _("建议：%(suggestion)s") % {"suggestion": item["suggestion"]}
            self.stdout.write(line)
        blocking = sum(item["severity"] == Severity.BLOCK for item in results)
        self.stdout.write(
            _("共发现 %(total)d 处问题，其中 %(blocking)d 处阻止发布。") % {"total": len(results), "blocking": blocking}
        )

    def _rescan(self, options):
        from gongkai.screening.services import run_rescan

        organization = _organization(options["org"]) if options["org"] else None
        started = time.monotonic()

        def progress(source, position, run):
            elapsed = time.monotonic() - started
            line = _("复查 %(source)s：第 %(position)d 项，已用 %(seconds)d 秒") % {
                "source": source,
                "position": position,
                "seconds": elapsed,
            }
            sys.stderr.write("\r" + line)
            sys.stderr.flush()

        try:
            run = run_rescan(
                organization=organization, restart=options["restart"], progress=progress, limit=options["limit"]
            )
        except KeyboardInterrupt as error:
            sys.stderr.write("\n" + _("已中断，进度已保存；再次运行 gongkai screen --all 即可继续。") + "\n")
            raise CommandError(_("复查被中断。")) from error
        except DomainError as error:
            raise CommandError(error.message) from error
        sys.stderr.write("\n")
        self.stdout.write(
            _(
                "复查%(status)s：共 %(targets)d 个对象，发现 %(findings)d 处问题，其中 %(blocking)d 处阻止发布。"
                "结果见后台“内容预审”。"
            )
            % {
                "status": run.get_status_display(),
                "targets": run.targets_done,
                "findings": run.findings_total,
                "blocking": run.blocking_total,
            }
        )
        if run.status != run.Status.FINISHED:
            self.stdout.write(_("本次未全部完成，再次运行同一命令即可从中断处继续。"))


def _organization(value: str):
    from gongkai.orgs.models import Organization

    query = Organization.objects.filter(credit_code=value) | Organization.objects.filter(name=value)
    if value.isdigit():
        query = query | Organization.objects.filter(pk=int(value))
    matches = list(query.distinct()[:2])
    if len(matches) != 1:
        raise CommandError(
            _("找不到唯一的机构“%(value)s”，请使用机构编号、统一社会信用代码或全称。") % {"value": value}
        )
    return matches[0]
