"""`gongkai catalog import|export|handbook`: the standard catalog from the command line.

    gongkai catalog import FILE --org ORG [--dry-run]
    gongkai catalog export --org ORG -o FILE        (.xlsx, .csv or .json)
    gongkai catalog handbook --org ORG -o FILE.pdf

ORG is an organization's unified social credit code or its id. The command runs as the server's operator:
imported changes take effect at once (as for the disclosure office).
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.catalog.errors import CatalogError
from gongkai.catalog.exporting import exporter_for
from gongkai.catalog.importing import import_catalog
from gongkai.catalog.selectors import organization_by_key
from gongkai.catalog.services import ensure_catalog


class Command(BaseCommand):
    help = "导入、导出标准目录，生成政务公开一本通（PDF）。"

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        importing = commands.add_parser("import", help=_("从国家标准目录模板（Excel）导入"))
        importing.add_argument("file")
        importing.add_argument("--org", required=True, help=_("统一社会信用代码或机构编号"))
        importing.add_argument("--dry-run", action="store_true", help=_("只检查，不写入"))
        exporting = commands.add_parser("export", help=_("导出为 .xlsx、.csv 或 .json"))
        exporting.add_argument("--org", required=True)
        exporting.add_argument("-o", "--output", required=True)
        handbook = commands.add_parser("handbook", help=_("生成一本通 PDF"))
        handbook.add_argument("--org", required=True)
        handbook.add_argument("-o", "--output", required=True)

    def handle(self, *args, action, org, **options):
        organization = organization_by_key(org)
        if organization is None:
            raise CommandError(_("找不到机构“%(org)s”：请填写统一社会信用代码或机构编号。") % {"org": org})
        catalog = ensure_catalog(organization=organization)
        try:
            getattr(self, f"handle_{action}")(catalog, **options)
        except CatalogError as error:
            raise CommandError(error.message) from error

    def handle_import(self, catalog, *, file, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("找不到文件“%(file)s”。") % {"file": file})
        self.stderr.write(_("正在读取并检查 %(file)s …") % {"file": path.name})
        result = import_catalog(
            catalog=catalog, content=path.read_bytes(), actor=None, dry_run=dry_run, file_name=path.name
        )
        for warning in result.warnings:
            self.stderr.write(_("警告：%(warning)s") % {"warning": warning})
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            self.stderr.write(
                _("共发现 %(count)s 个问题，未导入任何内容；请修改后重新导入。") % {"count": len(result.problems)}
            )
            sys.exit(1)
        summary = _(
            "新增 %(created)s 项，更新 %(updated)s 项，未变 %(unchanged)s 项（另建分组事项 %(groups)s 项）。"
        ) % {
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "groups": result.groups_created,
        }
        if result.channels_created:
            summary += _("新增本地公开渠道：%(names)s。") % {"names": "、".join(result.channels_created)}
        if dry_run:
            summary = _("检查通过（试运行，未写入）：") + summary
        self.stdout.write(summary)

    def handle_export(self, catalog, *, output, **options):
        exporter = exporter_for(output)
        with open(output, "wb") as stream:
            count = exporter(catalog, stream)
        self.stdout.write(_("已导出 %(count)s 项到 %(file)s。") % {"count": count, "file": output})

    def handle_handbook(self, catalog, *, output, **options):
        from gongkai.catalog.handbook import render_pdf

        self.stderr.write(_("正在生成一本通 PDF …"))
        Path(output).write_bytes(render_pdf(catalog))
        self.stdout.write(_("已生成一本通：%(file)s。") % {"file": output})
