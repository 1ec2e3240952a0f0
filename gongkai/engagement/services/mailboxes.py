"""Mailboxes: the office names them and sets each one's answer time limit."""

from django.db import transaction
from django.utils.translation import gettext as _

from ..access import require
from ..errors import EngagementError, EngagementErrorCode
from ..models import Mailbox, MailboxKind
from .common import log, not_blank

MAX_ANSWER_DAYS = 60


@transaction.atomic
def save_mailbox(
    *,
    actor,
    organization,
    name: str,
    kind: str = MailboxKind.DEPARTMENT,
    answer_days: int = 5,
    description: str = "",
    is_active: bool = True,
    mailbox: Mailbox | None = None,
) -> Mailbox:
    require(actor, organization, "manage")
    if mailbox is not None:
        require(actor, mailbox.organization, "manage")
    if not 1 <= int(answer_days) <= MAX_ANSWER_DAYS:
        raise EngagementError(
            EngagementErrorCode.INVALID,
            _("答复时限应为1至%(max)s个工作日。") % {"max": MAX_ANSWER_DAYS},
            field="answer_days",
        )
    name = not_blank(name, _("信箱名称"), "name")
    if Mailbox.objects.filter(organization=organization, name=name).exclude(pk=getattr(mailbox, "pk", None)).exists():
        raise EngagementError(EngagementErrorCode.INVALID, _("该机构已有同名信箱。"), field="name")
    mailbox = mailbox or Mailbox()
    mailbox.organization, mailbox.name, mailbox.kind = organization, name, kind
    mailbox.answer_days, mailbox.description, mailbox.is_active = int(answer_days), description.strip(), is_active
    mailbox.full_clean()
    mailbox.save()
    log("mailbox.saved", actor=actor, target=mailbox, data={"answer_days": mailbox.answer_days, "active": is_active})
    return mailbox
