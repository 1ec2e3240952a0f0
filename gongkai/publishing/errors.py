"""Errors of the publishing app: a stable code and a Chinese message that says what to fix."""

from enum import StrEnum

from gongkai.core.errors import DomainError


class PublishingErrorCode(StrEnum):
    INVALID = "publishing.invalid"
    ILLEGAL_TRANSITION = "publishing.illegal_transition"
    SELF_APPROVAL = "publishing.self_approval"
    REASON_REQUIRED = "publishing.reason_required"
    BLOCKING_FINDINGS = "publishing.blocking_findings"
    UNACKNOWLEDGED_WARNINGS = "publishing.unacknowledged_warnings"
    NOT_ACTIVE_DISCLOSURE = "publishing.not_active_disclosure"
    NOT_EMERGENCY = "publishing.not_emergency"
    SCHEDULE_IN_PAST = "publishing.schedule_in_past"
    INVALID_PATTERN = "publishing.invalid_pattern"
    INDEX_NUMBER_TAKEN = "publishing.index_number_taken"
    BAD_UPLOAD = "publishing.bad_upload"
    UPLOAD_TOO_LARGE = "publishing.upload_too_large"
    INTERPRETATION_TARGET = "publishing.interpretation_target"
    COLUMN_ORGANIZATION = "publishing.column_organization"
    NOTHING_CHANGED = "publishing.nothing_changed"
    INTERPRETATION_MISSING = "publishing.interpretation_missing"


class PublishingError(DomainError):
    pass
