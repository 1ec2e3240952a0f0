"""Every write of the oversight app: one transaction, an explicit actor, an audit entry."""

from .inspection import problem_from_deduction, problem_from_finding, run_inspection
from .notices import (
    accept_problem,
    add_problem,
    answer_problem,
    create_notice,
    issue_notice,
    publish_notice,
    return_problem,
)
from .periodic import register_periodic_item, retire_periodic_item
from .reminders import mark_pending_work_read, save_preference, send_reminders
from .schemes import (
    activate_scheme,
    add_manual_entry,
    create_scheme,
    freeze_scheme,
    install_default_scheme,
    publish_leaderboard,
    revoke_manual_entry,
    save_indicator,
    validate_scheme,
)

__all__ = [
    "accept_problem",
    "activate_scheme",
    "add_manual_entry",
    "add_problem",
    "answer_problem",
    "create_notice",
    "create_scheme",
    "freeze_scheme",
    "install_default_scheme",
    "issue_notice",
    "problem_from_deduction",
    "problem_from_finding",
    "publish_leaderboard",
    "publish_notice",
    "register_periodic_item",
    "retire_periodic_item",
    "return_problem",
    "revoke_manual_entry",
    "run_inspection",
    "save_indicator",
    "save_preference",
    "send_reminders",
    "mark_pending_work_read",
    "validate_scheme",
]
