"""Models of the villages app: public notices with objections, finance statements, residents' issues."""

from .finance import FinanceLine, FinanceStatement, LineDirection, PeriodKind  # noqa: F401
from .issues import IssueCategory, IssueChannel, IssuePhoto, IssueStatus, IssueStep, ResidentIssue  # noqa: F401
from .publicity import (  # noqa: F401
    KEEP_DAYS,
    Objection,
    ObjectionOutcome,
    Publicity,
    PublicityEntry,
    PublicityKind,
)
from .reminders import ReminderMessage  # noqa: F401
