"""Make sure the database has its tables before a command that reads them runs.

The embedded SQLite database is created on first use, so `gongkai workdays ...` works on a fresh install;
a server database (PostgreSQL) is never migrated behind the operator's back.
"""

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _


def ensure_database() -> None:
    executor = MigrationExecutor(connection)
    if not executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return
    if connection.vendor == "sqlite":
        call_command("migrate", verbosity=0, interactive=False)
        return
    raise CommandError(_("数据库尚未完成迁移，请先运行 gongkai migrate。"), returncode=2)
