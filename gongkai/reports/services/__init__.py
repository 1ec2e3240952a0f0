"""Writes of the reports app (every one a keyword-only function with an explicit actor and an audit entry)."""

from .cases import register_case, retire_case, update_case
from .publication import publish_report
from .reports import (
    check_report,
    clear_override,
    create_report,
    redraft_narrative,
    refresh_report,
    set_override,
    update_narrative,
)

__all__ = [
    "check_report",
    "clear_override",
    "create_report",
    "publish_report",
    "redraft_narrative",
    "refresh_report",
    "register_case",
    "retire_case",
    "set_override",
    "update_case",
    "update_narrative",
]
