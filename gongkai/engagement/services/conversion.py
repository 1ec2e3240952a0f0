"""Turning an inquiry that is in fact an application for disclosure into one, keeping its receipt date."""

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.applications.models import SubmissionChannel as ApplicationChannel
from gongkai.applications.services import register_application

from ..access import require
from ..errors import EngagementError, EngagementErrorCode
from ..models import Inquiry, InquiryChannel, InquiryEvent, InquiryStatus, RedirectKind
from .common import log
from .inquiries import _save, add_event, locked, wrong_state

# An application must be made in writing (条例第二十九条): a phone call or a 12345 hand-over cannot become one.
APPLICATION_CHANNELS = {
    InquiryChannel.ONLINE: ApplicationChannel.ONLINE,
    InquiryChannel.MAILBOX: ApplicationChannel.ONLINE,
    InquiryChannel.COUNTER: ApplicationChannel.IN_PERSON,
}


@transaction.atomic
def convert_to_application(*, actor, inquiry: Inquiry, data: dict):
    """Register the application (received the day the inquiry was) and close the inquiry with a link to it.

    `data` carries what Art 29 requires and the inquiry lacks (applicant type, identity document, contact details);
    the description defaults to the inquiry's text.
    """
    inquiry = locked(inquiry)
    require(actor, inquiry.organization, "handle")
    if not inquiry.is_open:
        raise wrong_state(inquiry, _("转为依申请公开"))
    channel = APPLICATION_CHANNELS.get(inquiry.channel)
    if channel is None:
        raise EngagementError(
            EngagementErrorCode.INVALID,
            _("电话或热线咨询不能直接转为申请：政府信息公开申请须采用书面形式，请引导咨询人提交申请。"),
        )
    values = {"applicant_name": inquiry.asker_name, "phone": inquiry.asker_phone, "email": inquiry.asker_email}
    values.update({key: value for key, value in data.items() if value not in (None, "")})
    values.setdefault("description", inquiry.question)
    application = register_application(
        actor=actor,
        organization=inquiry.organization,
        data=values,
        channel=channel,
        submitted_on=inquiry.received_on,
    )
    inquiry.status, inquiry.redirect_kind, inquiry.application = (
        InquiryStatus.REDIRECTED,
        RedirectKind.APPLICATION,
        application,
    )
    inquiry.redirect_note = _("已按政府信息公开申请办理，申请查询码 %(code)s。") % {"code": application.tracking_code}
    _save(inquiry, "status", "redirect_kind", "application", "redirect_note")
    add_event(inquiry, InquiryEvent.Kind.CONVERTED, actor, application.tracking_code)
    log("inquiry.converted", actor=actor, target=inquiry, data={"application": application.pk})
    return application
