"""`gongkai screening import lexicon|expressions FILE [--dry-run]` and `gongkai screening export … FILE`.

Imports are all or nothing; every bad row is printed with sheet, row, column and reason, and the exit status is 1.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.screening.errors import ScreeningError
from gongkai.screening.importing import export_table
from gongkai.screening.models import Expression, Lexicon
from gongkai.screening.services import import_expressions, import_lexicon

LISTS = {"lexicon": (import_lexicon, Lexicon, "term"), "expressions": (import_expressions, Expression, "wrong")}


class Command(BaseCommand):
    help = "内容预审词库：导入、导出敏感词库（lexicon）和表述纠错（expressions），CSV 或 Excel。"

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        importing = actions.add_parser("import", help=_("导入（全部成功才写入）"))
        importing.add_argument("list", choices=sorted(LISTS))
        importing.add_argument("file")
        importing.add_argument("--dry-run", action="store_true", help=_("只检查每一行，不写入"))
        exporting = actions.add_parser("export", help=_("导出为 .csv 或 .xlsx（按文件扩展名）"))
        exporting.add_argument("list", choices=sorted(LISTS))
        exporting.add_argument("file")

    def handle(self, *args, action, **options):
        importer, model, key = LISTS[options["list"]]
        path = Path(options["file"])
        if action == "export":
            file_format = "xlsx" if path.suffix.lower() == ".xlsx" else "csv"
            kind = "lexicon" if model is Lexicon else "expression"
            path.write_bytes(export_table(model.objects.order_by(key), kind=kind, file_format=file_format))
            self.stdout.write(_("已导出 %(count)d 条到 %(path)s。") % {"count": model.objects.count(), "path": path})
            return
        if not path.is_file():
            raise CommandError(_("找不到文件“%(path)s”。") % {"path": path})
        try:
            with path.open("rb") as handle:
                report = importer(file=handle, filename=path.name, actor=None, dry_run=options["dry_run"])
        except ScreeningError as error:
            for row_error in getattr(error, "errors", []):
                self.stderr.write(str(row_error))
            raise CommandError(error.message) from error
        summary = _("共 %(rows)d 行：新增 %(created)d，更新 %(updated)d，未变 %(unchanged)d。") % {
            "rows": report.rows,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
        }
        if options["dry_run"]:
            summary += _("（只检查，未写入）")
        self.stdout.write(summary)
