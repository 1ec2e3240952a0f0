"""Errors of the reports app: a stable code and a Chinese message saying what is wrong and what to do."""

from enum import StrEnum

from gongkai.core.errors import DomainError


class ReportErrorCode(StrEnum):
    INVALID_YEAR = "reports.invalid_year"
    ALREADY_EXISTS = "reports.already_exists"
    NOT_FOUND = "reports.not_found"
    UNKNOWN_CELL = "reports.unknown_cell"
    INVALID_VALUE = "reports.invalid_value"
    REASON_REQUIRED = "reports.reason_required"
    NO_OVERRIDE = "reports.no_override"
    CHECKS_FAILED = "reports.checks_failed"
    NARRATIVE_UNFINISHED = "reports.narrative_unfinished"
    NOT_CHECKED = "reports.not_checked"
    NOT_PUBLISHED = "reports.not_published"
    ORGANIZATION_INACTIVE = "reports.organization_inactive"
    ANNUAL_REPORT_COLUMN_MISSING = "reports.column_missing"
    CASE_INVALID = "reports.case_invalid"
    CASE_DUPLICATE = "reports.case_duplicate"
    CASE_RETIRED = "reports.case_retired"


class ReportError(DomainError):
    pass
