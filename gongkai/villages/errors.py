"""Errors of the villages app: a stable code and a message that says what to fix."""

from enum import StrEnum

from gongkai.core.errors import DomainError


class VillagesErrorCode(StrEnum):
    INVALID = "villages.invalid"
    NOT_A_VILLAGE = "villages.not_a_village"
    ILLEGAL_TRANSITION = "villages.illegal_transition"
    OUTSIDE_PERIOD = "villages.outside_period"
    OPEN_OBJECTIONS = "villages.open_objections"
    SUMS_DO_NOT_MATCH = "villages.sums_do_not_match"
    IMPORT_ERRORS = "villages.import_errors"
    DUPLICATE_PERIOD = "villages.duplicate_period"
    BAD_PHOTO = "villages.bad_photo"
    RATE_LIMITED = "villages.rate_limited"


class VillagesError(DomainError):
    pass
