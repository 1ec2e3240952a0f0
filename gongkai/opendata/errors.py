"""Errors of the open-data app."""

from enum import StrEnum

from gongkai.core.errors import DomainError


class OpendataErrorCode(StrEnum):
    INVALID = "opendata.invalid"
    BAD_FILE = "opendata.bad_file"
    WRONG_STATE = "opendata.wrong_state"


class OpendataError(DomainError):
    pass
