"""Errors of the cases app."""

from enum import StrEnum

from gongkai.core.errors import DomainError


class CaseErrorCode(StrEnum):
    INVALID = "cases.invalid"
    PERSONAL_DATA = "cases.personal_data"
    STEP_ORDER = "cases.step_order"


class CaseError(DomainError):
    pass
