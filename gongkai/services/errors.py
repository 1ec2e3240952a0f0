"""Errors of the services module: stable codes for programs, Chinese messages saying what is wrong and what to do."""

from dataclasses import dataclass
from enum import StrEnum

from gongkai.core.errors import DomainError


class ServicesErrorCode(StrEnum):
    INVALID = "services.invalid"
    WRONG_STATE = "services.wrong_state"
    SELF_APPROVAL = "services.self_approval"
    PENDING_CHANGE = "services.pending_change"
    NOTHING_CHANGED = "services.nothing_changed"
    NOT_ADOPTABLE = "services.not_adoptable"
    NO_SOURCE_CHANGE = "services.no_source_change"
    BAD_UPLOAD = "services.bad_upload"
    BAD_COORDINATES = "services.bad_coordinates"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a guide, package or site: the field it concerns and a message in Chinese."""

    field: str
    message: str


class ServicesError(DomainError):
    pass


class Invalid(ServicesError):
    """The data breaks one or more rules; `problems` lists all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(
            ServicesErrorCode.INVALID, "；".join(problem.message for problem in problems), field=problems[0].field
        )
