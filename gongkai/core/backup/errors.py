"""The refusals of backup and restore: each says what is wrong, and nothing has been changed when one is raised."""

from enum import StrEnum

from gongkai.core.errors import DomainError


class BackupErrorCode(StrEnum):
    UNREADABLE = "backup.unreadable"
    NO_MANIFEST = "backup.no_manifest"
    WRONG_FORMAT = "backup.wrong_format"
    MISSING_FILE = "backup.missing_file"
    CHECKSUM_MISMATCH = "backup.checksum_mismatch"
    UNLISTED_FILE = "backup.unlisted_file"
    WRONG_ENGINE = "backup.wrong_engine"
    NEWER_SCHEMA = "backup.newer_schema"
    NOT_EMPTY = "backup.not_empty"
    TOOL_MISSING = "backup.tool_missing"
    TOOL_FAILED = "backup.tool_failed"
    OUTPUT_EXISTS = "backup.output_exists"


class BackupError(DomainError):
    pass
