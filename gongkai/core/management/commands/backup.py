"""`gongkai backup [-o FILE]`: the database and the media folder in one archive with a manifest of checksums."""

from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.core.backup.errors import BackupError
from gongkai.core.backup.operations import create_backup


class Command(BaseCommand):
    help = "Back up the database and the media folder into one archive (docs/operations.md, 'Backups')."

    def add_arguments(self, parser):
        parser.add_argument(
            "-o", "--output", help="archive to write (.tar.gz or .tar); default gongkai-backup-YYYYMMDD-HHMMSS.tar.gz"
        )

    def handle(self, *args, **options):
        stamp = datetime.now(tz=UTC).strftime("%Y%m%d-%H%M%S")
        output = Path(options["output"] or f"gongkai-backup-{stamp}.tar.gz")
        try:
            manifest = create_backup(output, media_root=Path(settings.MEDIA_ROOT), progress=self.stderr.write)
        except BackupError as error:
            raise CommandError(error.message, returncode=2) from error
        self.stdout.write(
            _("备份完成：%(path)s（%(tables)s 张表，%(files)s 个媒体文件）")
            % {"path": output, "tables": len(manifest["tables"]), "files": len(manifest["media"])}
        )
