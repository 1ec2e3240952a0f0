"""Dump and restore the database itself: SQLite through its online backup API (a consistent copy while the site
runs; restoring copies every page into the target in one write transaction), PostgreSQL through pg_dump's custom
format and pg_restore in a single transaction. Both are all-or-nothing: a failed restore leaves the target as it was."""

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

from .errors import BackupError, BackupErrorCode

DUMP_NAMES = {"sqlite": "database/gongkai.sqlite3", "postgresql": "database/gongkai.pgdump"}


def engine_of(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor not in DUMP_NAMES:
        raise BackupError(
            BackupErrorCode.WRONG_ENGINE, _("不支持备份 %(vendor)s 数据库。") % {"vendor": connection.vendor}
        )
    return connection.vendor


def is_empty(connection: BaseDatabaseWrapper) -> bool:
    return not connection.introspection.table_names()


def applied_migrations(connection: BaseDatabaseWrapper) -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())


def table_counts(connection: BaseDatabaseWrapper) -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - a table name
            counts[table] = cursor.fetchone()[0]
    return counts


def dump_database(connection: BaseDatabaseWrapper, target: Path) -> dict[str, int]:
    """Write a consistent copy of the database to `target`; return the row count of every table in that copy."""
    if connection.vendor == "sqlite":
        return _dump_sqlite(connection, target)
    return _dump_postgresql(connection, target)


def restore_database(connection: BaseDatabaseWrapper, source: Path) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as dump:
            dump.backup(connection.connection)
    else:
        connection.close()
        _run_tool(
            "pg_restore",
            ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"],
            ["--dbname", connection.settings_dict["NAME"], str(source)],
            connection,
        )


def _dump_sqlite(connection: BaseDatabaseWrapper, target: Path) -> dict[str, int]:
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        connection.connection.backup(copy)
        counts = {}
        tables = copy.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        for (table,) in sorted(tables.fetchall()):
            counts[table] = copy.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608
    return counts


def _dump_postgresql(connection: BaseDatabaseWrapper, target: Path) -> dict[str, int]:
    # pg_dump reads the snapshot this transaction exported, so the counts describe exactly the rows it dumps.
    with _exported_snapshot(connection) as snapshot:
        counts = table_counts(connection)
        _run_tool(
            "pg_dump",
            ["--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}", f"--file={target}"],
            [connection.settings_dict["NAME"]],
            connection,
        )
    return counts


@contextmanager
def _exported_snapshot(connection: BaseDatabaseWrapper) -> Iterator[str]:
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        yield cursor.fetchone()[0]


def _run_tool(tool: str, options: list[str], arguments: list[str], connection: BaseDatabaseWrapper) -> None:
    executable = shutil.which(tool)
    if executable is None:
        raise BackupError(
            BackupErrorCode.TOOL_MISSING,
            _("找不到 %(tool)s：请安装与数据库同版本的 PostgreSQL 客户端（Debian：postgresql-client）。")
            % {"tool": tool},
        )
    settings = connection.settings_dict
    env = dict(os.environ)
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD")):
        if settings.get(key):
            env[variable] = str(settings[key])
    result = subprocess.run([executable, *options, *arguments], env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(
            BackupErrorCode.TOOL_FAILED,
            _("%(tool)s 失败（退出码 %(code)s）：%(error)s")
            % {"tool": tool, "code": result.returncode, "error": result.stderr.strip()[-2000:]},
        )
