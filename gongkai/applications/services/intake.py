"""Intake: the public online form and staff registration of applications that arrive on paper, by fax or e-mail.

Receipt dates follow Art 31: in person → the day handed in; post needing a signature → the day the agency signs
for it; a plain letter → the day the agency confirms with the applicant; fax and e-mail (Internet channels) → the
day both sides confirm. The portal's own form confirms at once (the tracking code and acknowledgement are the
agency's confirmation), so an online application is received on the day it is submitted.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.orgs.codes import is_valid_credit_code

from ..errors import ApplicationError, ApplicationErrorCode
from ..models import ApplicantType, Application, Event, IdType, SubmissionChannel
from ..uploads import check_id_document
from .common import add_event, log, new_tracking_code, refresh_clock, require, save

APPLICANT_FIELDS = (
    "applicant_type",
    "applicant_name",
    "id_type",
    "id_number",
    "legal_representative",
    "contact_name",
    "phone",
    "email",
    "address",
    "postal_code",
    "description",
    "document_number",
    "provision_form",
    "provision_manner",
    "item_count",
)
ID_CARD_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def is_valid_id_card(number: str) -> bool:
    """GB 11643: 18 characters, a real birth date and the ISO 7064 MOD 11-2 check character."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    try:
        date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    total = sum(int(digit) * weight for digit, weight in zip(number[:17], ID_CARD_WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == number[17].upper()


def receipt_date(
    *,
    channel: str,
    submitted_on: date | None = None,
    signed_for_on: date | None = None,
    confirmed_on: date | None = None,
) -> tuple[date, str]:
    """The receipt date of Art 31 for this channel, with the rule that gave it."""
    rules = {
        SubmissionChannel.ONLINE: (
            submitted_on,
            _("网上申请：提交即由平台确认，以提交之日为收到申请之日（第三十一条第三项）"),
        ),
        SubmissionChannel.IN_PERSON: (submitted_on, _("当面提交：以提交之日为收到申请之日（第三十一条第一项）")),
        SubmissionChannel.POST: (signed_for_on, _("邮寄：以行政机关签收之日为收到申请之日（第三十一条第二项）")),
        SubmissionChannel.LETTER: (
            confirmed_on,
            _("平常信函：以收到当日与申请人确认之日为收到申请之日（第三十一条第二项）"),
        ),
        SubmissionChannel.FAX: (confirmed_on, _("传真：以双方确认之日为收到申请之日（第三十一条第三项）")),
        SubmissionChannel.EMAIL: (confirmed_on, _("电子邮件：以双方确认之日为收到申请之日（第三十一条第三项）")),
    }
    if channel not in rules:
        raise ApplicationError(
            ApplicationErrorCode.INVALID_RECEIPT, _("未知的申请渠道“%(channel)s”。") % {"channel": channel}
        )
    received, rule = rules[channel]
    if received is None:
        needed = {
            SubmissionChannel.POST: _("签收日期"),
            SubmissionChannel.LETTER: _("与申请人确认日期"),
            SubmissionChannel.FAX: _("双方确认日期"),
            SubmissionChannel.EMAIL: _("双方确认日期"),
        }.get(channel, _("提交日期"))
        raise ApplicationError(
            ApplicationErrorCode.INVALID_RECEIPT,
            _("%(channel)s的申请须填写%(needed)s，据以确定收到申请之日。")
            % {"channel": SubmissionChannel(channel).label, "needed": needed},
            field="received_on",
        )
    if received > timezone.localdate():
        raise ApplicationError(
            ApplicationErrorCode.INVALID_RECEIPT,
            _("收到申请之日 %(on)s 晚于今天。") % {"on": received},
            field="received_on",
        )
    if submitted_on and received < submitted_on:
        raise ApplicationError(
            ApplicationErrorCode.INVALID_RECEIPT,
            _("收到申请之日 %(on)s 早于申请提交或寄出日期 %(submitted)s，请核对。")
            % {"on": received, "submitted": submitted_on},
            field="received_on",
        )
    return received, rule


def check_applicant(data: dict) -> None:
    """Art 29: name, identity document, contact details, a description of the information, the form wanted."""
    missing = [
        label
        for key, label in (
            ("applicant_name", _("申请人姓名或名称")),
            ("id_number", _("身份证明（证件号码）")),
            ("description", _("所需政府信息的名称、文号或其他特征性描述")),
        )
        if not str(data.get(key) or "").strip()
    ]
    if not (str(data.get("phone") or "").strip() or str(data.get("address") or "").strip()):
        missing.append(_("联系方式（电话或通讯地址）"))
    if missing:
        raise ApplicationError(
            ApplicationErrorCode.INVALID,
            _("申请内容不完整，请补充：%(fields)s（条例第二十九条）。") % {"fields": "、".join(missing)},
        )
    applicant_type, id_type = data.get("applicant_type"), data.get("id_type")
    if applicant_type not in ApplicantType.values:
        raise ApplicationError(ApplicationErrorCode.INVALID, _("请选择申请人类型。"), field="applicant_type")
    number = str(data["id_number"]).strip().upper()
    if applicant_type == ApplicantType.NATURAL_PERSON and id_type == IdType.CREDIT_CODE:
        raise ApplicationError(
            ApplicationErrorCode.INVALID, _("自然人请填写身份证件，不能使用统一社会信用代码。"), field="id_type"
        )
    if id_type == IdType.ID_CARD and not is_valid_id_card(number):
        raise ApplicationError(
            ApplicationErrorCode.INVALID,
            _("居民身份证号码“%(number)s”无效：应为18位，出生日期和校验位须正确。") % {"number": number},
            field="id_number",
        )
    if id_type == IdType.CREDIT_CODE and not is_valid_credit_code(number):
        raise ApplicationError(
            ApplicationErrorCode.INVALID,
            _("统一社会信用代码“%(number)s”无效：应为18位且校验位正确。") % {"number": number},
            field="id_number",
        )


def create_application(
    *, organization, data: dict, channel: str, received_on: date, rule: str, submitted_on, actor, tracking_code=None
):
    if not organization.is_active:
        raise ApplicationError(ApplicationErrorCode.INVALID, _("该机关已停用，不能受理申请。"))
    check_applicant(data)
    if tracking_code and Application.objects.filter(tracking_code=tracking_code).exists():
        raise ApplicationError(
            ApplicationErrorCode.INVALID,
            _("查询码“%(code)s”已被使用。") % {"code": tracking_code},
            field="tracking_code",
        )
    values = {key: data[key] for key in APPLICANT_FIELDS if data.get(key) not in (None, "")}
    values["id_number"] = str(values["id_number"]).strip().upper()
    application = Application(
        organization=organization,
        tracking_code=tracking_code or new_tracking_code(received_on.year),
        channel=channel,
        received_on=received_on,
        submitted_on=submitted_on,
        receipt_rule=rule,
        **values,
    )
    save(application)
    add_event(application, Event.Kind.REGISTERED, received_on, actor, rule)
    refresh_clock(application)
    save(application)
    return application


@transaction.atomic
def submit_online_application(
    *, organization, data: dict, ip_address: str | None = None, id_document=None
) -> Application:
    """An application from the portal form; received today (see the module docstring). `id_document`, an uploaded
    scan of the applicant's identity document, is checked by content and kept privately."""
    id_document_type = check_id_document(id_document) if id_document is not None else ""
    today = timezone.localdate()
    received_on, rule = receipt_date(channel=SubmissionChannel.ONLINE, submitted_on=today)
    application = create_application(
        organization=organization,
        data=data,
        channel=SubmissionChannel.ONLINE,
        received_on=received_on,
        rule=rule,
        submitted_on=today,
        actor=None,
    )
    if id_document is not None:
        application.id_document_type = id_document_type
        application.id_document.save("scan", id_document, save=False)
        save(application)
    log(
        "submitted",
        actor=None,
        application=application,
        data={"channel": SubmissionChannel.ONLINE, "id_document": bool(id_document_type)},
        ip_address=ip_address,
    )
    return application


@transaction.atomic
def register_application(
    *,
    actor,
    organization,
    data: dict,
    channel: str,
    submitted_on: date | None = None,
    signed_for_on: date | None = None,
    confirmed_on: date | None = None,
    handler=None,
    tracking_code: str | None = None,
) -> Application:
    """Staff register an application that arrived in person, by post, fax or e-mail. A `tracking_code` may be given
    for a paper register's own number (it must be unused); otherwise a random one is made."""
    from gongkai.orgs.access import require_role

    from ..selectors import HANDLER_ROLES

    require_role(actor, organization, HANDLER_ROLES)
    received_on, rule = receipt_date(
        channel=channel, submitted_on=submitted_on, signed_for_on=signed_for_on, confirmed_on=confirmed_on
    )
    application = create_application(
        organization=organization,
        data=data,
        channel=channel,
        received_on=received_on,
        rule=rule,
        submitted_on=submitted_on,
        actor=actor,
        tracking_code=tracking_code,
    )
    if handler is not None:
        require(handler, application, "handle")
        application.handler = handler
        save(application)
    log(
        "registered",
        actor=actor,
        application=application,
        data={"channel": channel, "received_on": received_on.isoformat(), "rule": rule},
    )
    return application
