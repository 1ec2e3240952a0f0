"""Processing fees (国办函〔2020〕109号): the notice pauses the clock; payment resumes it; no payment by the deadline
ends the application as 其他处理（二）. The applicant has 20 working days after the notice to pay."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core.workdays import add_workdays

from .. import fees
from ..errors import ApplicationError, ApplicationErrorCode
from ..models import Application, Event, Fee, Outcome, Status
from ..rules import authorize
from ..selectors import prior_items_in_month
from .common import add_event, check_date, locked, log, refresh_clock, save
from .lifecycle import close_with_outcome

PAYMENT_DAYS = 20


def suggested_fee(*, application: Application, method: str, quantity: int) -> tuple[Decimal, int]:
    """(suggested amount, the applicant's earlier items this month) for one method; never both methods."""
    if method == Fee.Method.PER_ITEM:
        prior = prior_items_in_month(application)
        return fees.per_item_fee(prior_items=prior, items=quantity), prior
    if method == Fee.Method.PER_PAGE:
        return fees.per_page_fee(pages=quantity), 0
    raise ApplicationError(ApplicationErrorCode.INVALID_FEE, _("请选择按件或按量计收。"), field="method")


@transaction.atomic
def notify_fee(
    *, actor, application: Application, method: str, quantity: int, amount: Decimal | None = None, on: date
) -> Fee:
    application = locked(application)
    authorize(actor, application, "notify_fee")
    check_date(application, on, _("收费通知"))
    if Fee.objects.filter(application=application).exists():
        raise ApplicationError(ApplicationErrorCode.INVALID_FEE, _("本申请已发出过收费通知。"))
    if quantity < 1:
        raise ApplicationError(ApplicationErrorCode.INVALID_FEE, _("计费数量应为正整数。"), field="quantity")
    suggested, prior = suggested_fee(application=application, method=method, quantity=quantity)
    amount = suggested if amount is None else Decimal(amount)
    if amount <= 0:
        raise ApplicationError(
            ApplicationErrorCode.INVALID_FEE,
            _("按标准测算本申请无需收费（测算金额 %(amount)s 元），不能发出收费通知。") % {"amount": suggested},
        )
    if amount > suggested:
        raise ApplicationError(
            ApplicationErrorCode.INVALID_FEE,
            _("收费金额 %(amount)s 元超过按标准测算的 %(suggested)s 元。") % {"amount": amount, "suggested": suggested},
            field="amount",
        )
    fee = Fee.objects.create(
        application=application,
        method=method,
        quantity=quantity,
        prior_items=prior,
        suggested_amount=suggested,
        amount=amount,
        notified_on=on,
        pay_by=add_workdays(on, PAYMENT_DAYS, region=application.organization.region).date,
    )
    add_event(
        application,
        Event.Kind.FEE_NOTIFIED,
        on,
        actor,
        _("%(method)s %(amount)s 元") % {"method": fee.get_method_display(), "amount": amount},
    )
    application.status = Status.FEE_NOTIFIED
    refresh_clock(application)
    save(application)
    log(
        "fee_notified",
        actor=actor,
        application=application,
        data={"method": method, "quantity": quantity, "suggested": str(suggested), "amount": str(amount)},
    )
    return fee


@transaction.atomic
def record_fee_payment(*, actor, application: Application, on: date, receipt_number: str = "") -> Fee:
    application = locked(application)
    authorize(actor, application, "record_payment")
    check_date(application, on, _("缴费"))
    fee = Fee.objects.select_for_update().get(application=application)
    if on > fee.pay_by:
        raise ApplicationError(
            ApplicationErrorCode.INVALID_FEE,
            _("缴费日期 %(on)s 已超过缴费期限 %(pay_by)s，应按逾期未缴费处理。") % {"on": on, "pay_by": fee.pay_by},
        )
    fee.state, fee.paid_on, fee.receipt_number = Fee.State.PAID, on, receipt_number.strip()
    fee.save()
    add_event(application, Event.Kind.FEE_PAID, on, actor, receipt_number.strip())
    application.status = Status.ACCEPTED
    refresh_clock(application)
    save(application)
    log("fee_paid", actor=actor, application=application, data={"on": on.isoformat(), "amount": str(fee.amount)})
    return fee


@transaction.atomic
def lapse_fee(*, actor, application: Application, on: date | None = None) -> Application:
    application = locked(application)
    authorize(actor, application, "lapse_fee")
    on = on or timezone.localdate()
    check_date(application, on, _("逾期未缴费处理"))
    fee = Fee.objects.select_for_update().get(application=application)
    if on <= fee.pay_by:
        raise ApplicationError(
            ApplicationErrorCode.TOO_EARLY,
            _("缴费期限 %(pay_by)s 尚未届满，届满后才能按逾期未缴费处理。") % {"pay_by": fee.pay_by},
        )
    fee.state = Fee.State.LAPSED
    fee.save()
    reasons = _("申请人未在缴费期限 %(pay_by)s 前缴纳信息处理费，视为放弃申请，本机关不再处理该申请。") % {
        "pay_by": fee.pay_by
    }
    close_with_outcome(
        application, actor=actor, kind=Event.Kind.FEE_LAPSED, outcome=Outcome.OTHER_2, on=on, reasons=reasons
    )
    log("fee_lapsed", actor=actor, application=application, data={"on": on.isoformat()})
    return application
