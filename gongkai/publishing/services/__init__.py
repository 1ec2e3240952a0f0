"""Every write of the publishing app. Views, commands and other apps call these, never `.save()`."""

from .attachments import add_attachment, remove_attachment
from .columns import create_column, deactivate_column, seed_columns, update_column
from .editing import change_validity, create_record, recompute_due_dates, refresh_item_records, update_record
from .interpretation import (
    exempt_from_interpretation,
    mark_interpretation_genre,
    set_interpretation_genres,
    unmark_interpretation_genre,
)
from .masking import apply_suggested_masks
from .numbering import allocate_index_number, set_index_pattern
from .workflow import (
    approve_record,
    check_record,
    clear_record,
    correct_record,
    emergency_publish_record,
    expire_record,
    publish_due,
    publish_record,
    publish_scheduled_record,
    reject_record,
    review_emergency_publication,
    submit_record,
    unschedule_record,
    withdraw_record,
)

__all__ = [
    "add_attachment",
    "apply_suggested_masks",
    "allocate_index_number",
    "approve_record",
    "change_validity",
    "check_record",
    "clear_record",
    "correct_record",
    "create_column",
    "create_record",
    "deactivate_column",
    "emergency_publish_record",
    "exempt_from_interpretation",
    "mark_interpretation_genre",
    "set_interpretation_genres",
    "unmark_interpretation_genre",
    "expire_record",
    "publish_due",
    "publish_record",
    "publish_scheduled_record",
    "recompute_due_dates",
    "refresh_item_records",
    "reject_record",
    "remove_attachment",
    "review_emergency_publication",
    "seed_columns",
    "set_index_pattern",
    "submit_record",
    "unschedule_record",
    "update_column",
    "update_record",
    "withdraw_record",
]
