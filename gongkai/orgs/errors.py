"""Errors of the orgs app."""

from enum import StrEnum

from gongkai.core.errors import DomainError


class OrgsErrorCode(StrEnum):
    INVALID = "orgs.invalid"
    LEVEL_MISMATCH = "orgs.level_mismatch"
    DUPLICATE = "orgs.duplicate"
    LAST_ADMIN = "orgs.last_admin"


class OrgsError(DomainError):
    pass
