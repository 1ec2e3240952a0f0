"""Errors of the search app."""

from enum import StrEnum

from gongkai.core.errors import DomainError


class SearchErrorCode(StrEnum):
    UNKNOWN_BACKEND = "search.unknown_backend"
    INVALID_TERM = "search.invalid_term"
    DUPLICATE_TERM = "search.duplicate_term"
    INVALID_FILTER = "search.invalid_filter"
    UNKNOWN_ORGANIZATION = "search.unknown_organization"
    SERVICE_UNAVAILABLE = "search.service_unavailable"


class SearchError(DomainError):
    pass


class SearchUnavailable(SearchError):
    """The search service cannot answer now. What went wrong is logged for the operator (`detail`); a person is told
    only that search is unavailable for the moment. Transient: a background job that met it is tried again."""

    transient = True

    def __init__(self, detail: str):
        from django.utils.translation import gettext

        super().__init__(SearchErrorCode.SERVICE_UNAVAILABLE, gettext("检索服务暂时不可用，请稍后再试。"))
        self.detail = detail
