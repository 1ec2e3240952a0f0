"""Every write of the applications app. Import services from here."""

from .common import clock_for
from .fees import lapse_fee, notify_fee, record_fee_payment, suggested_fee
from .intake import receipt_date, register_application, submit_online_application
from .letters import can_edit_templates, generate_reply, save_letter_template
from .lifecycle import (
    accept_application,
    close_application,
    decide_application,
    deliver_reply,
    end_consultation,
    extend_deadline,
    lapse_correction,
    receive_correction,
    request_correction,
    start_consultation,
    transfer_application,
)
from .privacy import record_personal_data_view
from .reminders import recompute_due_dates, send_reminders

__all__ = [
    "accept_application",
    "can_edit_templates",
    "clock_for",
    "close_application",
    "decide_application",
    "deliver_reply",
    "end_consultation",
    "extend_deadline",
    "generate_reply",
    "lapse_correction",
    "lapse_fee",
    "notify_fee",
    "receipt_date",
    "receive_correction",
    "recompute_due_dates",
    "record_fee_payment",
    "record_personal_data_view",
    "register_application",
    "request_correction",
    "save_letter_template",
    "send_reminders",
    "start_consultation",
    "submit_online_application",
    "suggested_fee",
    "transfer_application",
]
