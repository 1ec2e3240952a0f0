"""`gongkai restore ARCHIVE [--replace]`: verify every checksum first, then restore the database and media folder."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.core.backup.errors import BackupError
from gongkai.core.backup.operations import restore_backup


class Command(BaseCommand):
    help = "Restore a `gongkai backup` archive into an empty database and media folder (or --replace them)."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--replace", action="store_true", help="replace a database and media folder that already hold data"
        )

    def handle(self, *args, **options):
        try:
            result = restore_backup(
                Path(options["archive"]),
                media_root=Path(settings.MEDIA_ROOT),
                replace=options["replace"],
                progress=self.stderr.write,
            )
        except BackupError as error:
            raise CommandError(error.message, returncode=2) from error
        if result.previous_media:
            self.stderr.write(_("原有的媒体文件夹保留在 %(path)s。") % {"path": result.previous_media})
        for table, (expected, found) in result.count_differences.items():
            self.stderr.write(
                _("表 %(table)s：清单 %(expected)s 行，恢复后 %(found)s 行。")
                % {"table": table, "expected": expected, "found": found}
            )
        if result.count_differences:
            raise CommandError(_("恢复后的行数与清单不符，请检查上面列出的表。"), returncode=1)
        manifest = result.manifest
        self.stdout.write(
            _("恢复完成：%(created)s 的备份，%(tables)s 张表、%(rows)s 行，%(files)s 个媒体文件，校验一致。")
            % {
                "created": manifest["created"],
                "tables": len(manifest["tables"]),
                "rows": sum(manifest["tables"].values()),
                "files": len(manifest["media"]),
            }
        )
