"""The archive's shape: a tar file (gzip-compressed when its name ends in .gz/.tgz) holding `database/…`,
`media/…` and, written last, `manifest.json` with the size and SHA-256 of every other member.

Writing goes to `NAME.partial` and is renamed only when the manifest is in, so an interrupted backup never looks
complete. Verifying unpacks into a staging folder and refuses an archive that cannot be read to the end, has no
manifest, lacks a listed file, has a file whose size or checksum differs, or holds a file the manifest does not list."""

import hashlib
import io
import json
import tarfile
import zlib
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

from .errors import BackupError, BackupErrorCode

MANIFEST_NAME = "manifest.json"
FORMAT = "gongkai-backup"
VERSION = 1
CHUNK = 1024 * 1024


def file_entry(path: Path, name: str) -> dict[str, Any]:
    """The manifest line of one file: its name in the archive, its size and its SHA-256."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return {"path": name, "bytes": size, "sha256": digest.hexdigest()}


class _HashingReader:
    """Reads a file for tarfile while hashing exactly the bytes that go into the archive."""

    def __init__(self, handle: IO[bytes]):
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.digest.update(data)
        return data


class ArchiveWriter:
    def __init__(self, path: Path):
        self.path = path
        self.partial = path.with_name(path.name + ".partial")
        compressed = path.name.endswith((".gz", ".tgz"))
        self.tar = tarfile.open(self.partial, "w:gz" if compressed else "w", format=tarfile.PAX_FORMAT)  # noqa: SIM115

    def add_file(self, source: Path, name: str) -> dict[str, Any]:
        info = tarfile.TarInfo(name)
        info.size = source.stat().st_size
        info.mtime = int(source.stat().st_mtime)
        info.mode = 0o640
        with source.open("rb") as handle:
            reader = _HashingReader(handle)
            self.tar.addfile(info, reader)
        return {"path": name, "bytes": info.size, "sha256": reader.digest.hexdigest()}

    def finish(self, manifest: dict[str, Any]) -> None:
        data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST_NAME)
        info.size = len(data)
        info.mtime = int(manifest.get("created_timestamp", 0))
        info.mode = 0o640
        self.tar.addfile(info, io.BytesIO(data))
        self.tar.close()
        self.partial.rename(self.path)

    def abort(self) -> None:
        self.tar.close()
        self.partial.unlink(missing_ok=True)


def unpack_and_verify(archive: Path, staging: Path) -> dict[str, Any]:
    """Unpack `archive` into `staging` and return its manifest once every listed file is there and intact."""
    try:
        with tarfile.open(archive, "r:*") as tar:
            tar.extractall(staging, filter="data")
    except (tarfile.TarError, EOFError, OSError, zlib.error) as error:
        raise BackupError(
            BackupErrorCode.UNREADABLE,
            _("备份文件 %(path)s 无法完整读取（文件不完整或已损坏）：%(error)s") % {"path": archive, "error": error},
        ) from error
    manifest = _read_manifest(staging)
    listed = [manifest["database"], *manifest["media"]]
    for entry in listed:
        _check_entry(staging, entry)
    present = {str(p.relative_to(staging)) for p in staging.rglob("*") if p.is_file()} - {MANIFEST_NAME}
    unlisted = sorted(present - {entry["path"] for entry in listed})
    if unlisted:
        raise BackupError(
            BackupErrorCode.UNLISTED_FILE,
            _("备份中的文件 %(path)s 不在清单中，备份可能被改动过。") % {"path": unlisted[0]},
        )
    return manifest


def _read_manifest(staging: Path) -> dict[str, Any]:
    path = staging / MANIFEST_NAME
    if not path.is_file():
        raise BackupError(
            BackupErrorCode.NO_MANIFEST, _("备份中没有清单文件 manifest.json：备份不完整或不是 Gongkai 的备份。")
        )
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        valid = (
            manifest["format"] == FORMAT
            and isinstance(manifest["database"], dict)
            and isinstance(manifest["media"], list)
            and all(isinstance(entry, dict) for entry in [manifest["database"], *manifest["media"]])
        )
    except (ValueError, KeyError, TypeError):
        valid = False
    if not valid:
        raise BackupError(BackupErrorCode.WRONG_FORMAT, _("清单文件 manifest.json 的格式不对：这不是 Gongkai 的备份。"))
    if manifest.get("version") != VERSION:
        raise BackupError(
            BackupErrorCode.WRONG_FORMAT,
            _("备份格式版本 %(found)s 不受支持（本程序读取版本 %(expected)s）。")
            % {"found": manifest.get("version"), "expected": VERSION},
        )
    return manifest


def _check_entry(staging: Path, entry: dict[str, Any]) -> None:
    name = str(entry.get("path", ""))
    path = (staging / name).resolve()
    if not name or not path.is_relative_to(staging.resolve()) or not path.is_file():
        raise BackupError(
            BackupErrorCode.MISSING_FILE, _("清单列出的文件 %(path)s 不在备份中：备份不完整。") % {"path": name}
        )
    actual = file_entry(path, name)
    if (actual["bytes"], actual["sha256"]) != (entry.get("bytes"), entry.get("sha256")):
        raise BackupError(
            BackupErrorCode.CHECKSUM_MISMATCH,
            _("文件 %(path)s 的校验和与清单不符：备份已损坏或被改动。") % {"path": name},
        )
