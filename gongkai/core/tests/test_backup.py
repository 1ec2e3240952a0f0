"""`gongkai backup` / `gongkai restore` end to end on the configured database (SQLite by default, PostgreSQL when
DATABASE_URL points at one): the restored rows and files equal the backed-up ones, and every damaged, partial or
unfitting archive is refused before anything changes."""

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, connection, connections

from gongkai.core.backup.databases import is_empty, table_counts
from gongkai.core.backup.errors import BackupError
from gongkai.core.backup.operations import create_backup, restore_backup
from gongkai.orgs.models import Organization
from gongkai.orgs.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "var" / "media"
    (settings.MEDIA_ROOT / "records" / "2026").mkdir(parents=True)
    (settings.MEDIA_ROOT / "records" / "2026" / "通知.pdf").write_bytes(b"%PDF-1.7 notice")
    (settings.MEDIA_ROOT / "letters" / "reply.docx").parent.mkdir()
    (settings.MEDIA_ROOT / "letters" / "reply.docx").write_bytes(bytes(range(256)) * 50)
    return settings.MEDIA_ROOT


@pytest.fixture
def archive(media, tmp_path, county):
    OrganizationFactory(region=county, name="示范区民政局")
    path = tmp_path / "backup.tar.gz"
    call_command("backup", "-o", str(path))
    return path


def checksums(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()
    }


def read_members(path: Path) -> dict[str, bytes]:
    with tarfile.open(path) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers()}  # type: ignore[union-attr]


def write_members(path: Path, members: dict[str, bytes]) -> None:
    path.unlink()
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def edit_manifest(path: Path, change) -> None:
    members = read_members(path)
    manifest = json.loads(members["manifest.json"])
    change(manifest)
    members["manifest.json"] = json.dumps(manifest).encode()
    write_members(path, members)


def test_backup_writes_the_database_media_and_a_manifest_of_checksums(capsys, archive, media):
    captured = capsys.readouterr()
    members = read_members(archive)
    manifest = json.loads(members["manifest.json"])
    dump = "database/gongkai.sqlite3" if connection.vendor == "sqlite" else "database/gongkai.pgdump"
    assert sorted(members) == sorted([dump, "manifest.json", "media/letters/reply.docx", "media/records/2026/通知.pdf"])
    assert list(members)[-1] == "manifest.json"
    assert (manifest["format"], manifest["version"], manifest["engine"]) == ("gongkai-backup", 1, connection.vendor)
    assert manifest["database"] == {
        "path": dump,
        "bytes": len(members[dump]),
        "sha256": hashlib.sha256(members[dump]).hexdigest(),
    }
    assert manifest["media"] == [
        {"path": f"media/{name}", "bytes": len(members[f"media/{name}"]), "sha256": digest}
        for name, digest in sorted(checksums(media).items())
    ]
    assert manifest["tables"] == table_counts(connection)
    assert manifest["tables"]["orgs_organization"] == 1
    assert ["orgs", "0001_initial"] in manifest["migrations"]
    assert "媒体文件：2/2" in captured.err
    assert captured.out == f"备份完成：{archive}（{len(manifest['tables'])} 张表，2 个媒体文件）\n"
    assert not archive.with_name("backup.tar.gz.partial").exists()


def test_restore_brings_back_every_row_and_file(archive, media, county, capsys):
    files_before = checksums(media)
    counts_before = table_counts(connection)
    OrganizationFactory(region=county, name="备份之后新建的单位")
    Organization.objects.filter(name="示范区民政局").update(name="改过的名字")
    (media / "records" / "2026" / "通知.pdf").unlink()
    (media / "letters" / "reply.docx").write_bytes(b"changed")
    capsys.readouterr()

    call_command("restore", str(archive), "--replace")

    assert table_counts(connection) == counts_before
    assert list(Organization.objects.values_list("name", flat=True)) == ["示范区民政局"]
    assert checksums(media) == files_before
    kept = media.parent / next(p.name for p in media.parent.iterdir() if p.name.startswith("media.before-restore-"))
    assert checksums(kept) == {"letters/reply.docx": hashlib.sha256(b"changed").hexdigest()}
    output = capsys.readouterr()
    assert output.out.startswith("恢复完成：")
    assert "校验通过：数据库和 2 个媒体文件的校验和都与清单一致。" in output.err
    assert [p.name for p in media.parent.iterdir() if p.name.startswith(".gongkai-restore-")] == []


@pytest.fixture
def fresh_database(tmp_path):
    """A second, empty database of the configured engine, reached through its own connection."""
    settings_dict = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "fresh.sqlite3")
    else:
        settings_dict["NAME"] = f"{settings_dict['NAME']}_fresh"
        create_or_drop_database("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'", settings_dict["NAME"])
    fresh = connections[DEFAULT_DB_ALIAS].__class__(settings_dict, alias="fresh")
    yield fresh
    fresh.close()
    if connection.vendor == "postgresql":
        create_or_drop_database("DROP DATABASE {}", settings_dict["NAME"])


def create_or_drop_database(statement: str, name: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement.format(connection.ops.quote_name(name)))


def test_restore_into_a_fresh_database_and_media_folder(archive, media, fresh_database, tmp_path):
    expected_counts = table_counts(connection)
    fresh_media = tmp_path / "elsewhere" / "media"
    assert is_empty(fresh_database)

    result = restore_backup(archive, media_root=fresh_media, connection=fresh_database)

    assert table_counts(fresh_database) == expected_counts == result.manifest["tables"]
    assert result.count_differences == {}
    assert result.previous_media is None
    assert checksums(fresh_media) == checksums(media)


def refusal(archive: Path, media: Path, *options: str) -> str:
    """The message `gongkai restore` refuses the archive with (exit 2), having checked that nothing changed."""
    counts = table_counts(connection)
    files = checksums(media)
    with pytest.raises(CommandError) as error:
        call_command("restore", str(archive), *options)
    assert error.value.returncode == 2
    assert table_counts(connection) == counts
    assert checksums(media) == files
    assert sorted(p.name for p in media.parent.iterdir()) == ["media"]
    return str(error.value)


def test_restore_refuses_a_truncated_archive(archive, media, county):
    OrganizationFactory(region=county, name="备份之后新建的单位")
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])
    with pytest.raises(CommandError) as error:
        call_command("restore", str(archive), "--replace")
    assert str(error.value).startswith(f"备份文件 {archive} 无法完整读取（文件不完整或已损坏）：")
    assert Organization.objects.filter(name="备份之后新建的单位").exists()
    assert sorted(p.name for p in media.parent.iterdir()) == ["media"]


def test_restore_refuses_an_archive_without_its_manifest(archive, media):
    members = read_members(archive)
    del members["manifest.json"]
    write_members(archive, members)
    assert refusal(archive, media, "--replace") == "备份中没有清单文件 manifest.json：备份不完整或不是 Gongkai 的备份。"


def test_restore_refuses_a_changed_file(archive, media):
    members = read_members(archive)
    members["media/records/2026/通知.pdf"] = b"%PDF-1.7 forged"
    write_members(archive, members)
    assert (
        refusal(archive, media, "--replace")
        == "文件 media/records/2026/通知.pdf 的校验和与清单不符：备份已损坏或被改动。"
    )


def test_restore_refuses_an_archive_missing_a_listed_file(archive, media):
    members = read_members(archive)
    del members["media/letters/reply.docx"]
    write_members(archive, members)
    assert refusal(archive, media, "--replace") == "清单列出的文件 media/letters/reply.docx 不在备份中：备份不完整。"


def test_restore_refuses_a_file_the_manifest_does_not_list(archive, media):
    members = read_members(archive)
    members["media/extra.txt"] = b"slipped in"
    write_members(archive, members)
    assert refusal(archive, media, "--replace") == "备份中的文件 media/extra.txt 不在清单中，备份可能被改动过。"


def test_restore_refuses_another_engines_backup(archive, media):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    edit_manifest(archive, lambda manifest: manifest.update(engine=other))
    message = f"这是 {other} 数据库的备份，不能恢复到 {connection.vendor} 数据库。"
    assert refusal(archive, media, "--replace") == message


def test_restore_refuses_a_backup_from_a_newer_version(archive, media):
    edit_manifest(archive, lambda manifest: manifest["migrations"].append(["orgs", "9999_future"]))
    message = "备份来自更新的 Gongkai 版本（本程序不认识迁移 orgs.9999_future）：请先升级再恢复。"
    assert refusal(archive, media, "--replace") == message


def test_restore_refuses_a_database_that_holds_data_without_replace(archive, media):
    message = "目标数据库不是空的：请恢复到新建的空数据库，或加 --replace 替换现有数据。"
    assert refusal(archive, media) == message


def test_restore_refuses_a_media_folder_that_holds_files_without_replace(archive, media, fresh_database):
    with pytest.raises(BackupError) as error:
        restore_backup(archive, media_root=media, connection=fresh_database)
    assert str(error.value) == f"媒体文件夹 {media} 不是空的：请换一个空文件夹，或加 --replace 替换现有文件。"
    assert is_empty(fresh_database)


def test_backup_does_not_overwrite_an_existing_file(archive, media):
    before = archive.read_bytes()
    with pytest.raises(CommandError) as error:
        call_command("backup", "-o", str(archive))
    assert (error.value.returncode, str(error.value)) == (2, f"文件 {archive} 已存在，不会覆盖。")
    assert archive.read_bytes() == before


def test_a_failed_backup_leaves_no_archive(media, tmp_path, monkeypatch):
    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("gongkai.core.backup.operations._add_media", fail)
    target = tmp_path / "backup.tar"
    with pytest.raises(OSError, match="disk full"):
        create_backup(target, media_root=media)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["var"]
