"""The lifecycle of an application: accept, correction, consultation, extension, decision, delivery, closing, transfer.

Each step checks the actor's role and the source state, records a dated timeline event, recomputes the clock and
writes an audit entry, all in one transaction; on any error nothing is changed.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..clock import MAX_EXTENSION_DAYS
from ..errors import ApplicationError, ApplicationErrorCode
from ..models import Application, DeliveryMethod, Event, Outcome, Status
from ..outcomes import LAPSE_OUTCOMES, OUTCOME_ROWS, REASONS_OPTIONAL
from ..rules import authorize, require_allowed_state, require_permission
from .common import (
    add_event,
    check_date,
    clock_for,
    locked,
    log,
    new_tracking_code,
    refresh_clock,
    require,
    save,
)


@transaction.atomic
def accept_application(*, actor, application: Application, on: date | None = None, handler=None) -> Application:
    """签收: the office takes the application in hand and names its handler (default: the actor)."""
    application = locked(application)
    authorize(actor, application, "accept")
    on = on or timezone.localdate()
    check_date(application, on, _("签收"))
    handler = handler or actor
    require(handler, application, "handle")
    application.status, application.handler = Status.ACCEPTED, handler
    add_event(application, Event.Kind.ACCEPTED, on, actor, str(handler))
    save(application)
    log("accepted", actor=actor, application=application, data={"on": on.isoformat(), "handler": handler.pk})
    return application


@transaction.atomic
def request_correction(
    *, actor, application: Application, items: str, correction_due_on: date, on: date | None = None
) -> Application:
    """一次性告知补正 (Art 30): the clock stops until the correction arrives."""
    application = locked(application)
    authorize(actor, application, "request_correction")
    on = on or timezone.localdate()
    check_date(application, on, _("补正告知"))
    if application.events.filter(kind=Event.Kind.CORRECTION_REQUESTED).exists():
        raise ApplicationError(
            ApplicationErrorCode.CORRECTION_ONCE, _("补正只能一次性告知（第三十条），本申请已告知过补正。")
        )
    if not items.strip():
        raise ApplicationError(ApplicationErrorCode.INVALID, _("请写明需要补正的事项。"), field="items")
    if correction_due_on <= on:
        raise ApplicationError(
            ApplicationErrorCode.INVALID,
            _("补正期限应晚于告知日期，请给申请人合理的补正期限。"),
            field="correction_due_on",
        )
    add_event(application, Event.Kind.CORRECTION_REQUESTED, on, actor, items.strip())
    application.status, application.correction_due_on = Status.CORRECTION_REQUESTED, correction_due_on
    result = refresh_clock(application)
    save(application)
    log(
        "correction_requested",
        actor=actor,
        application=application,
        data={"on": on.isoformat(), "correction_due_on": correction_due_on.isoformat(), "warnings": result.warnings},
    )
    return application


@transaction.atomic
def receive_correction(*, actor, application: Application, on: date, note: str = "") -> Application:
    """The corrected application arrived: the 20 working days start again from this day."""
    application = locked(application)
    authorize(actor, application, "receive_correction")
    check_date(application, on, _("收到补正"))
    add_event(application, Event.Kind.CORRECTION_RECEIVED, on, actor, note)
    application.status = Status.ACCEPTED
    refresh_clock(application)
    save(application)
    log("correction_received", actor=actor, application=application, data={"on": on.isoformat()})
    return application


def close_with_outcome(application: Application, *, actor, kind: str, outcome: str, on: date, reasons: str) -> None:
    add_event(application, kind, on, actor, reasons)
    application.status, application.outcome = Status.CLOSED, outcome
    application.decided_on = application.closed_on = on
    application.legal_basis, application.reasons = OUTCOME_ROWS[outcome].basis, reasons
    application.due_on = application.due_on or clock_for(application).due
    save(application)


@transaction.atomic
def lapse_correction(*, actor, application: Application, on: date | None = None) -> Application:
    """No correction by the deadline without good reason: the application is no longer processed (其他处理一)."""
    application = locked(application)
    authorize(actor, application, "lapse_correction")
    on = on or timezone.localdate()
    check_date(application, on, _("逾期未补正处理"))
    if on <= application.correction_due_on:
        raise ApplicationError(
            ApplicationErrorCode.TOO_EARLY,
            _("补正期限 %(due)s 尚未届满，届满后才能按逾期未补正处理。") % {"due": application.correction_due_on},
        )
    reasons = _("申请人未在补正期限 %(due)s 前补正，视为放弃申请，本机关不再处理该申请（第三十条）。") % {
        "due": application.correction_due_on
    }
    close_with_outcome(
        application, actor=actor, kind=Event.Kind.CORRECTION_LAPSED, outcome=Outcome.OTHER_1, on=on, reasons=reasons
    )
    log("correction_lapsed", actor=actor, application=application, data={"on": on.isoformat()})
    return application


@transaction.atomic
def start_consultation(*, actor, application: Application, party: str, on: date) -> Application:
    """征求第三方或其他机关意见 (Art 32, 34): the time spent is not counted (Art 33 ¶2)."""
    application = locked(application)
    authorize(actor, application, "start_consultation")
    check_date(application, on, _("征求意见"))
    if not party.strip():
        raise ApplicationError(ApplicationErrorCode.INVALID, _("请写明被征求意见的第三方或机关。"), field="party")
    add_event(application, Event.Kind.CONSULTATION_STARTED, on, actor, party.strip())
    application.status = Status.CONSULTING
    result = refresh_clock(application)
    save(application)
    log(
        "consultation_started",
        actor=actor,
        application=application,
        data={"on": on.isoformat(), "party": party.strip(), "warnings": result.warnings},
    )
    return application


@transaction.atomic
def end_consultation(*, actor, application: Application, on: date, note: str = "") -> Application:
    application = locked(application)
    authorize(actor, application, "end_consultation")
    check_date(application, on, _("征求意见结束"))
    add_event(application, Event.Kind.CONSULTATION_ENDED, on, actor, note)
    application.status = Status.ACCEPTED
    refresh_clock(application)
    save(application)
    log("consultation_ended", actor=actor, application=application, data={"on": on.isoformat(), "note": note})
    return application


@transaction.atomic
def extend_deadline(*, actor, application: Application, days: int, reason: str, on: date | None = None) -> Application:
    """延期答复 (Art 33 ¶1): approved by the head of the disclosure office, at most 20 working days in total."""
    application = locked(application)
    authorize(actor, application, "extend")
    on = on or timezone.localdate()
    check_date(application, on, _("延期批准"))
    if not reason.strip():
        raise ApplicationError(ApplicationErrorCode.INVALID, _("请写明延期理由，以便告知申请人。"), field="reason")
    if days < 1 or application.extension_days + days > MAX_EXTENSION_DAYS:
        raise ApplicationError(
            ApplicationErrorCode.EXTENSION_TOO_LONG,
            _("延长期限合计不得超过 20 个工作日：已延长 %(done)s 个，最多还能延长 %(left)s 个。")
            % {"done": application.extension_days, "left": MAX_EXTENSION_DAYS - application.extension_days},
            field="days",
        )
    if application.due_on and on > application.due_on:
        raise ApplicationError(
            ApplicationErrorCode.WRONG_STATUS,
            _("答复期限 %(due)s 已届满，不能再决定延期。") % {"due": application.due_on},
        )
    add_event(application, Event.Kind.EXTENDED, on, actor, reason.strip(), days=days)
    old_due = application.due_on
    refresh_clock(application)
    save(application)
    log(
        "extended",
        actor=actor,
        application=application,
        data={
            "on": on.isoformat(),
            "days": days,
            "reason": reason.strip(),
            "old_due_on": old_due.isoformat() if old_due else None,
            "due_on": application.due_on.isoformat() if application.due_on else None,
        },
    )
    return application


@transaction.atomic
def decide_application(
    *, actor, application: Application, outcome: str, legal_basis: str, reasons: str, on: date | None = None
) -> Application:
    """The decision: one outcome from the annual-report rows, with its legal basis and reasons."""
    application = locked(application)
    authorize(actor, application, "decide")
    on = on or timezone.localdate()
    check_date(application, on, _("答复"))
    if outcome not in Outcome.values:
        raise ApplicationError(
            ApplicationErrorCode.INVALID_OUTCOME, _("请选择年度报告所列的办理结果之一。"), field="outcome"
        )
    if outcome in LAPSE_OUTCOMES:
        raise ApplicationError(
            ApplicationErrorCode.INVALID_OUTCOME,
            _("“%(outcome)s”由逾期未补正或逾期未缴费的处理自动产生，不能直接选择。")
            % {"outcome": Outcome(outcome).label},
            field="outcome",
        )
    if outcome == Outcome.UNAVAILABLE_3 and not application.events.filter(kind=Event.Kind.CORRECTION_RECEIVED).exists():
        raise ApplicationError(
            ApplicationErrorCode.INVALID_OUTCOME,
            _("“补正后申请内容仍不明确”只适用于已告知补正并收到补正的申请。"),
            field="outcome",
        )
    if not legal_basis.strip():
        raise ApplicationError(ApplicationErrorCode.INVALID_OUTCOME, _("请写明答复的法律依据。"), field="legal_basis")
    if outcome not in REASONS_OPTIONAL and not reasons.strip():
        raise ApplicationError(
            ApplicationErrorCode.INVALID_OUTCOME, _("未全部公开的答复须说明理由（第三十六条）。"), field="reasons"
        )
    add_event(application, Event.Kind.DECIDED, on, actor, Outcome(outcome).label)
    application.due_on = clock_for(application).due
    application.status, application.outcome, application.decided_on = Status.DECIDED, outcome, on
    application.legal_basis, application.reasons = legal_basis.strip(), reasons.strip()
    save(application)
    late = bool(application.due_on and on > application.due_on)
    log(
        "decided",
        actor=actor,
        application=application,
        data={"on": on.isoformat(), "outcome": outcome, "late": late},
    )
    return application


@transaction.atomic
def deliver_reply(*, actor, application: Application, method: str, on: date, reference: str = "") -> Application:
    """送达 (国办公开办函〔2016〕235号): the day signed for in person, the day handed to the post when posted."""
    application = locked(application)
    require_permission(actor, application, "handle")
    if application.delivered_on:
        raise ApplicationError(ApplicationErrorCode.WRONG_STATUS, _("本申请已登记送达。"))
    require_allowed_state(application, "deliver")
    if method not in DeliveryMethod.values:
        raise ApplicationError(ApplicationErrorCode.INVALID, _("请选择送达方式。"), field="method")
    if method == DeliveryMethod.POST and not reference.strip():
        raise ApplicationError(
            ApplicationErrorCode.INVALID, _("邮寄送达须填写邮件号，作为交邮凭证。"), field="reference"
        )
    check_date(application, on, _("送达"))
    if not application.replies.exists():
        raise ApplicationError(ApplicationErrorCode.NO_TEMPLATE, _("请先生成告知书，再登记送达。"))
    add_event(application, Event.Kind.DELIVERED, on, actor, f"{DeliveryMethod(method).label} {reference}".strip())
    application.delivery_method, application.delivered_on = method, on
    application.delivery_reference = reference.strip()
    if application.status == Status.DECIDED:
        application.status = Status.DELIVERED
    save(application)
    reply = application.replies.first()
    reply.is_published = True
    reply.save(update_fields=["is_published"])
    log("delivered", actor=actor, application=application, data={"on": on.isoformat(), "method": method})
    return application


@transaction.atomic
def close_application(*, actor, application: Application, on: date | None = None) -> Application:
    application = locked(application)
    authorize(actor, application, "close")
    on = on or timezone.localdate()
    check_date(application, on, _("办结"))
    add_event(application, Event.Kind.CLOSED, on, actor)
    application.status, application.closed_on = Status.CLOSED, on
    save(application)
    log("closed", actor=actor, application=application, data={"on": on.isoformat()})
    return application


@transaction.atomic
def transfer_application(
    *, actor, application: Application, to_organization, reason: str, on: date | None = None
) -> Application:
    """转办: the receiving organization gets its own application (received on the transfer day); the original is
    kept with status transferred and no outcome, so only the receiving organization reports it."""
    application = locked(application)
    authorize(actor, application, "transfer")
    on = on or timezone.localdate()
    check_date(application, on, _("转办"))
    if to_organization.pk == application.organization_id or not to_organization.is_active:
        raise ApplicationError(
            ApplicationErrorCode.INVALID_TRANSFER, _("请选择另一个有效的机关作为转办对象。"), field="to_organization"
        )
    if not reason.strip():
        raise ApplicationError(ApplicationErrorCode.INVALID_TRANSFER, _("请写明转办理由。"), field="reason")
    copy = Application.objects.get(pk=application.pk)
    copy.pk = copy.id = None
    copy.organization = to_organization
    copy.tracking_code = new_tracking_code(on.year)
    copy.received_on, copy.status, copy.handler = on, Status.REGISTERED, None
    copy.receipt_rule = _("由%(from)s转办，以转办之日为收到申请之日") % {"from": application.organization.name}
    copy.correction_due_on, copy.transferred_from = None, application
    save(copy)
    add_event(copy, Event.Kind.TRANSFERRED, on, actor, _("由%(from)s转来") % {"from": application.organization.name})
    refresh_clock(copy)
    save(copy)
    add_event(application, Event.Kind.TRANSFERRED, on, actor, f"{to_organization.name}：{reason.strip()}")
    application.status, application.due_on, application.closed_on = Status.TRANSFERRED, None, on
    save(application)
    data = {"on": on.isoformat(), "to": to_organization.pk, "new_tracking_code": copy.tracking_code, "reason": reason}
    log("transferred", actor=actor, application=application, data=data)
    log("received_by_transfer", actor=actor, application=copy, data={"from": application.tracking_code})
    return copy
