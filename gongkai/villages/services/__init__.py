"""Every write of the villages app. Views, commands, the demo and the API call these, never `.save()`.

The reminder messages live in `services.reminders` and are imported from there: they read the selectors, which
themselves use this package's finance and issue rules.
"""

from .columns import seed_village_columns
from .finance import create_statement, import_statement
from .issues import (
    accept_issue,
    assign_issue,
    close_unrated_issues,
    feed_back_issue,
    handle_issue,
    publish_case,
    rate_issue,
    recompute_step_due_dates,
    register_issue,
    remind_due_issues,
    return_issue,
    review_issue,
)
from .photos import add_issue_photo, add_record_photo
from .publicity import answer_objection, create_publicity, record_publicity_result, start_publicity, submit_objection

__all__ = [
    "recompute_step_due_dates",
    "accept_issue",
    "add_issue_photo",
    "add_record_photo",
    "answer_objection",
    "assign_issue",
    "close_unrated_issues",
    "create_publicity",
    "create_statement",
    "feed_back_issue",
    "handle_issue",
    "import_statement",
    "publish_case",
    "rate_issue",
    "record_publicity_result",
    "register_issue",
    "remind_due_issues",
    "return_issue",
    "review_issue",
    "seed_village_columns",
    "start_publicity",
    "submit_objection",
]
