"""Errors of the oversight app: a stable code and a Chinese message that says what to fix."""

from enum import StrEnum

from gongkai.core.errors import DomainError


class OversightErrorCode(StrEnum):
    INVALID = "oversight.invalid"
    WEIGHTS = "oversight.weights"
    UNKNOWN_RULE = "oversight.unknown_rule"
    SCHEME_EXISTS = "oversight.scheme_exists"
    FROZEN = "oversight.frozen"
    NOT_ACTIVE = "oversight.not_active"
    ILLEGAL_TRANSITION = "oversight.illegal_transition"
    REASON_REQUIRED = "oversight.reason_required"
    EVIDENCE_REQUIRED = "oversight.evidence_required"
    BAD_UPLOAD = "oversight.bad_upload"
    OUT_OF_SCOPE = "oversight.out_of_scope"
    ALREADY_PROBLEM = "oversight.already_problem"


class OversightError(DomainError):
    pass
