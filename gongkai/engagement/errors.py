"""Errors of the engagement app: stable codes for programs, translated messages for people."""

from enum import StrEnum

from gongkai.core.errors import DomainError


class EngagementErrorCode(StrEnum):
    INVALID = "engagement.invalid"
    WRONG_STATE = "engagement.wrong_state"
    SELF_REVIEW = "engagement.self_review"
    BLOCKED_BY_SCREENING = "engagement.blocked_by_screening"
    NO_CONSENT = "engagement.no_consent"
    CALL_NOT_OPEN = "engagement.call_not_open"
    SURVEY_NOT_OPEN = "engagement.survey_not_open"
    ALREADY_ANSWERED = "engagement.already_answered"
    INVALID_ANSWER = "engagement.invalid_answer"


class EngagementError(DomainError):
    pass
