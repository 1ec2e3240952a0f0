"""Errors of the catalog app: stable codes for programs, Chinese messages saying what is wrong and what to do."""

from dataclasses import dataclass
from enum import StrEnum

from gongkai.core.errors import DomainError


class CatalogErrorCode(StrEnum):
    INVALID = "catalog.invalid"
    NOTHING_CHANGED = "catalog.nothing_changed"
    PENDING_CHANGE = "catalog.pending_change"
    WRONG_STATE = "catalog.wrong_state"
    SELF_APPROVAL = "catalog.self_approval"
    CONFLICT = "catalog.conflict"
    HAS_CHILDREN = "catalog.has_children"
    LEVEL_NOT_COVERED = "catalog.level_not_covered"
    NOT_ADOPTABLE = "catalog.not_adoptable"
    NO_SOURCE_CHANGE = "catalog.no_source_change"
    IMPORT_FAILED = "catalog.import_failed"
    UNKNOWN_ORGANIZATION = "catalog.unknown_organization"
    UNSUPPORTED_FORMAT = "catalog.unsupported_format"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an item's data: the field it concerns and a message in Chinese."""

    field: str
    message: str


class CatalogError(DomainError):
    pass


class ItemInvalid(CatalogError):
    """An item's data breaks one or more rules; `problems` lists all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(
            CatalogErrorCode.INVALID, "；".join(problem.message for problem in problems), field=problems[0].field
        )
