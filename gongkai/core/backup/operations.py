"""`create_backup` and `restore_backup`: what `gongkai backup` and `gongkai restore` do.

A restore first unpacks and verifies the whole archive beside the media folder, checks that it fits this
installation (same database engine, no migration this code does not know) and that the target is empty unless
`replace` is given; only then does it move the media folder into place and restore the database. If the database
restore fails the previous media folder is moved back, so a refused or failed restore changes nothing."""

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

from .archive import FORMAT, VERSION, ArchiveWriter, unpack_and_verify
from .databases import (
    DUMP_NAMES,
    applied_migrations,
    dump_database,
    engine_of,
    is_empty,
    restore_database,
    table_counts,
)
from .errors import BackupError, BackupErrorCode

Progress = Callable[[str], None]
MEDIA_PREFIX = "media/"
PROGRESS_EVERY = 100


def _silent(message: str) -> None:
    pass


@dataclass
class RestoreResult:
    manifest: dict[str, Any]
    previous_media: Path | None
    count_differences: dict[str, tuple[int, int | None]] = field(default_factory=dict)


def create_backup(
    output: Path, *, media_root: Path, connection: BaseDatabaseWrapper | None = None, progress: Progress = _silent
) -> dict:
    """Write the database and every file under `media_root` into the archive `output`; return its manifest."""
    if output.exists():
        raise BackupError(BackupErrorCode.OUTPUT_EXISTS, _("文件 %(path)s 已存在，不会覆盖。") % {"path": output})
    connection = connection or connections[DEFAULT_DB_ALIAS]
    engine = engine_of(connection)
    created = datetime.now(tz=UTC)
    writer = ArchiveWriter(output)
    try:
        with tempfile.TemporaryDirectory(prefix="gongkai-backup-") as work:
            progress(_("正在导出数据库（%(engine)s）……") % {"engine": engine})
            dump = Path(work) / "dump"
            counts = dump_database(connection, dump)
            database = writer.add_file(dump, DUMP_NAMES[engine])
            progress(
                _("数据库：%(tables)s 张表，%(rows)s 行。") % {"tables": len(counts), "rows": sum(counts.values())}
            )
        media = _add_media(writer, media_root, progress)
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created": created.isoformat(),
            "created_timestamp": int(created.timestamp()),
            "gongkai_version": _gongkai_version(),
            "engine": engine,
            "database": database,
            "migrations": applied_migrations(connection),
            "tables": counts,
            "media": media,
        }
        writer.finish(manifest)
    except BaseException:
        writer.abort()
        raise
    return manifest


def _add_media(writer: ArchiveWriter, media_root: Path, progress: Progress) -> list[dict[str, Any]]:
    files = (
        sorted(p for p in media_root.rglob("*") if p.is_file() and not p.is_symlink()) if media_root.is_dir() else []
    )
    entries = []
    for number, path in enumerate(files, start=1):
        entries.append(writer.add_file(path, MEDIA_PREFIX + path.relative_to(media_root).as_posix()))
        if number % PROGRESS_EVERY == 0 or number == len(files):
            progress(_("媒体文件：%(done)s/%(total)s") % {"done": number, "total": len(files)})
    if not files:
        progress(_("媒体文件：无。"))
    return entries


def restore_backup(
    archive: Path,
    *,
    media_root: Path,
    replace: bool = False,
    connection: BaseDatabaseWrapper | None = None,
    progress: Progress = _silent,
) -> RestoreResult:
    connection = connection or connections[DEFAULT_DB_ALIAS]
    engine = engine_of(connection)
    if not archive.is_file():
        raise BackupError(BackupErrorCode.UNREADABLE, _("找不到备份文件：%(path)s") % {"path": archive})
    media_root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".gongkai-restore-", dir=media_root.parent))
    try:
        progress(_("正在校验备份 %(path)s ……") % {"path": archive})
        manifest = unpack_and_verify(archive, staging)
        _check_fits(manifest, engine, connection, media_root, replace)
        progress(_("校验通过：数据库和 %(files)s 个媒体文件的校验和都与清单一致。") % {"files": len(manifest["media"])})
        previous = _swap_media(staging, media_root)
        try:
            progress(_("正在恢复数据库……"))
            restore_database(connection, staging / manifest["database"]["path"])
        except BaseException:
            _unswap_media(staging, media_root, previous)
            raise
        result = RestoreResult(manifest=manifest, previous_media=previous)
        restored = table_counts(connection)
        for table, expected in manifest["tables"].items():
            if restored.get(table) != expected:
                result.count_differences[table] = (expected, restored.get(table))
        return result
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _check_fits(manifest: dict, engine: str, connection: BaseDatabaseWrapper, media_root: Path, replace: bool) -> None:
    if manifest.get("engine") != engine:
        raise BackupError(
            BackupErrorCode.WRONG_ENGINE,
            _("这是 %(archive)s 数据库的备份，不能恢复到 %(target)s 数据库。")
            % {"archive": manifest.get("engine"), "target": engine},
        )
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = sorted(tuple(migration) for migration in manifest.get("migrations", []) if tuple(migration) not in known)
    if unknown:
        raise BackupError(
            BackupErrorCode.NEWER_SCHEMA,
            _("备份来自更新的 Gongkai 版本（本程序不认识迁移 %(app)s.%(name)s）：请先升级再恢复。")
            % {"app": unknown[0][0], "name": unknown[0][1]},
        )
    if replace:
        return
    if not is_empty(connection):
        raise BackupError(
            BackupErrorCode.NOT_EMPTY,
            _("目标数据库不是空的：请恢复到新建的空数据库，或加 --replace 替换现有数据。"),
        )
    if media_root.is_dir() and any(p.is_file() for p in media_root.rglob("*")):
        raise BackupError(
            BackupErrorCode.NOT_EMPTY,
            _("媒体文件夹 %(path)s 不是空的：请换一个空文件夹，或加 --replace 替换现有文件。") % {"path": media_root},
        )


def _swap_media(staging: Path, media_root: Path) -> Path | None:
    """Move the restored media into place; a non-empty previous folder is kept beside it, never deleted."""
    restored = staging / MEDIA_PREFIX.rstrip("/")
    restored.mkdir(exist_ok=True)
    previous = None
    if media_root.is_dir() and not any(p.is_file() for p in media_root.rglob("*")):
        shutil.rmtree(media_root)  # only empty folders: nothing worth keeping
    if media_root.exists():
        stamp = datetime.now(tz=UTC).strftime("%Y%m%d-%H%M%S")
        previous = media_root.with_name(f"{media_root.name}.before-restore-{stamp}")
        media_root.rename(previous)
    restored.rename(media_root)
    return previous


def _unswap_media(staging: Path, media_root: Path, previous: Path | None) -> None:
    media_root.rename(staging / MEDIA_PREFIX.rstrip("/"))
    if previous is not None:
        previous.rename(media_root)
    else:
        media_root.mkdir()


def _gongkai_version() -> str:
    try:
        return metadata.version("gongkai")
    except metadata.PackageNotFoundError:
        return "unknown"
