"""Backups of one installation: the database and the media folder in one archive with a manifest of checksums.

`archive` writes and verifies the archive, `databases` dumps and restores SQLite (its online backup API) and
PostgreSQL (pg_dump/pg_restore), `operations` puts them together for `gongkai backup` and `gongkai restore`."""
