"""Errors of the applications app: a stable code and a Chinese message saying what is wrong and what to do."""

from enum import StrEnum

from gongkai.core.errors import DomainError


class ApplicationErrorCode(StrEnum):
    INVALID = "applications.invalid"
    INVALID_CLOCK_INPUT = "applications.invalid_clock_input"
    EVENTS_OUT_OF_ORDER = "applications.events_out_of_order"
    EXTENSION_TOO_LONG = "applications.extension_too_long"
    WRONG_STATUS = "applications.wrong_status"
    CORRECTION_ONCE = "applications.correction_once"
    TOO_EARLY = "applications.too_early"
    INVALID_RECEIPT = "applications.invalid_receipt"
    INVALID_OUTCOME = "applications.invalid_outcome"
    INVALID_FEE = "applications.invalid_fee"
    INVALID_TRANSFER = "applications.invalid_transfer"
    INVALID_TEMPLATE = "applications.invalid_template"
    NO_TEMPLATE = "applications.no_template"
    IMPORT_FAILED = "applications.import_failed"


class ApplicationError(DomainError):
    pass
