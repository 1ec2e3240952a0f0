"""Errors of the API layer itself (tokens, limits); domain errors keep their own codes."""

from enum import StrEnum

from gongkai.core.errors import DomainError


class ApiErrorCode(StrEnum):
    INVALID = "api.invalid"
    TOKEN_INVALID = "api.token_invalid"  # noqa: S105 - an error code, not a secret
    TOKEN_SCOPE = "api.token_scope"  # noqa: S105 - an error code, not a secret
    RATE_LIMITED = "api.rate_limited"
    TOKEN_REVOKED = "api.token_revoked"  # noqa: S105 - an error code, not a secret


class ApiError(DomainError):
    pass


class RateLimited(ApiError):
    """Too many calls in the window: answered with 429 and a Retry-After header."""

    def __init__(self, message: str, *, retry_after: int):
        super().__init__(ApiErrorCode.RATE_LIMITED, message)
        self.retry_after = retry_after


class NotFound(DomainError):
    """Nothing public (or in the caller's scope) answers to this address: 404 with the module's own code."""


class InboundErrorCode(StrEnum):
    KEY_REUSED = "api.idempotency_key_reused"
    UNKNOWN_COLUMN = "api.unknown_column"
    UNKNOWN_ITEM = "api.unknown_item"
    UNKNOWN_GUIDE = "api.unknown_guide"
    BAD_ATTACHMENT = "api.bad_attachment"


class Conflict(DomainError):
    """The request contradicts what was already done (an idempotency key reused for other content): 409."""
