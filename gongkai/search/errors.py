"""Errors of the search app."""

from enum import StrEnum

from gongkai.core.errors import DomainError


class SearchErrorCode(StrEnum):
    UNKNOWN_BACKEND = "search.unknown_backend"
    INVALID_TERM = "search.invalid_term"
    DUPLICATE_TERM = "search.duplicate_term"
    INVALID_FILTER = "search.invalid_filter"
    UNKNOWN_ORGANIZATION = "search.unknown_organization"


class SearchError(DomainError):
    pass
