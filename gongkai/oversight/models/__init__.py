"""Models of the oversight app: assessment schemes, the periodic-items register, notices, self-inspection, reminders."""

from .inspection import Finding, FindingStatus, InspectionRun, NationalIndicator
from .notices import Answer, AnswerDecision, Notice, NoticeStatus, Problem, ProblemSource, ProblemStatus
from .periodic import PeriodicItem, UpdateCycle
from .reminders import PendingWorkRead, ReminderLog, ReminderPreference
from .schemes import FrozenScore, Group, Indicator, ManualEntry, Method, Scheme

__all__ = [
    "Answer",
    "AnswerDecision",
    "Finding",
    "FindingStatus",
    "FrozenScore",
    "Group",
    "Indicator",
    "InspectionRun",
    "ManualEntry",
    "Method",
    "NationalIndicator",
    "Notice",
    "NoticeStatus",
    "PendingWorkRead",
    "PeriodicItem",
    "Problem",
    "ProblemSource",
    "ProblemStatus",
    "ReminderLog",
    "ReminderPreference",
    "Scheme",
    "UpdateCycle",
]
