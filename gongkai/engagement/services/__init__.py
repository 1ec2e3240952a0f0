"""Every write of the engagement app (keyword-only, explicit actor, one transaction, an audit entry)."""

from .calls import (
    add_call_attachment,
    approve_call,
    archive_call,
    close_call,
    create_call,
    link_final_policy,
    publish_call,
    submit_call,
    update_call,
)
from .comments import (
    enter_comment,
    moderate_comment,
    publish_feedback,
    save_adoption_report,
    submit_adoption_report,
    submit_comment,
)
from .conversion import convert_to_application
from .deadlines import recompute_due_dates
from .inquiries import (
    approve_answer,
    assign_inquiry,
    invalidate_inquiry,
    publish_inquiry,
    rate_inquiry,
    record_personal_data_view,
    redirect_inquiry,
    register_inquiry,
    return_answer,
    submit_answer,
    submit_inquiry,
    unpublish_inquiry,
)
from .mailboxes import save_mailbox
from .questionnaire import add_question, add_section, create_survey, move_question, remove_question, update_question
from .reminders import send_reminders
from .surveys import (
    close_survey,
    enter_paper_response,
    open_survey,
    publish_results,
    set_issued,
    submit_online_response,
)

__all__ = [
    "add_question",
    "add_section",
    "close_survey",
    "create_survey",
    "enter_paper_response",
    "move_question",
    "open_survey",
    "publish_results",
    "remove_question",
    "update_question",
    "set_issued",
    "submit_online_response",
    "add_call_attachment",
    "approve_call",
    "archive_call",
    "close_call",
    "create_call",
    "link_final_policy",
    "publish_call",
    "submit_call",
    "update_call",
    "enter_comment",
    "moderate_comment",
    "publish_feedback",
    "save_adoption_report",
    "submit_adoption_report",
    "submit_comment",
    "approve_answer",
    "assign_inquiry",
    "convert_to_application",
    "invalidate_inquiry",
    "record_personal_data_view",
    "publish_inquiry",
    "rate_inquiry",
    "redirect_inquiry",
    "register_inquiry",
    "return_answer",
    "save_mailbox",
    "recompute_due_dates",
    "send_reminders",
    "submit_answer",
    "submit_inquiry",
    "unpublish_inquiry",
]
