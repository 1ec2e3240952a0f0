"""`gongkai report annual --org ORG --year YYYY --format json|docx|pdf|html -o FILE`: export an annual report."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.core.errors import DomainError
from gongkai.reports.rendering.document import build_document
from gongkai.reports.rendering.outputs import FORMATS, render
from gongkai.reports.selectors import current_report, organization_by_reference


class Command(BaseCommand):
    help = "导出政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）。"

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        annual = subcommands.add_parser("annual", help="导出年度报告")
        annual.add_argument("--org", required=True, help="机关的统一社会信用代码或编号")
        annual.add_argument("--year", required=True, type=int, help="报告年度，如 2025")
        annual.add_argument("--format", required=True, choices=FORMATS, dest="output_format", help="输出格式")
        annual.add_argument("-o", "--output", required=True, help="输出文件路径（- 表示标准输出）")

    def handle(self, *args, **options):
        organization = organization_by_reference(options["org"])
        if organization is None:
            raise CommandError(_("找不到机关“%(org)s”：请填写统一社会信用代码或机关编号。") % {"org": options["org"]})
        if not 2008 <= options["year"] <= 2100:
            raise CommandError(_("年度应为2008年及以后的四位年份。"))
        self.stderr.write(
            _("正在统计%(organization)s%(year)s年度数据…")
            % {"organization": organization.name, "year": options["year"]}
        )
        try:
            report = current_report(organization=organization, year=options["year"])
            content = render(build_document(report), options["output_format"])
        except DomainError as error:
            raise CommandError(error.message) from error
        if options["output"] == "-":
            sys.stdout.buffer.write(content)
        else:
            path = Path(options["output"])
            try:
                path.write_bytes(content)
            except OSError as error:
                raise CommandError(
                    _("无法写入文件 %(path)s：%(reason)s") % {"path": path, "reason": error.strerror}
                ) from error
            self.stderr.write(_("已写入 %(path)s（%(size)s 字节）。") % {"path": path, "size": len(content)})
