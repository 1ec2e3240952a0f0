"""Errors of the screening app."""

from enum import StrEnum

from gongkai.core.errors import DomainError


class ScreeningErrorCode(StrEnum):
    UNREADABLE = "screening.unreadable"
    UNSUPPORTED = "screening.unsupported"
    ENCRYPTED = "screening.encrypted"
    INVALID = "screening.invalid"
    DUPLICATE = "screening.duplicate"
    REASON_REQUIRED = "screening.reason_required"
    WRONG_STATUS = "screening.wrong_status"
    IMPORT_FAILED = "screening.import_failed"
    UNKNOWN_SOURCE = "screening.unknown_source"
    TOO_LARGE = "screening.too_large"


class ScreeningError(DomainError):
    pass
