"""The lifecycle's rules, stated once: for every action on an application, the states it may start from and the
permission it needs ("handle", "decide", "extend"; roles in `selectors.ROLES_BY_ACTION`).

The services authorise with `authorize(actor, application, action)`; the back office derives its buttons from
`allowed_actions(person, application)`. Checks that depend on the input (dates, outcomes, reasons) stay in the
services.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.orgs.access import has_role, require_role
from gongkai.orgs.models import Person

from .errors import ApplicationError, ApplicationErrorCode
from .models import Application, Status
from .outcomes import LAPSE_OUTCOMES
from .selectors import ROLES_BY_ACTION

WORKING = (Status.REGISTERED, Status.ACCEPTED)  # taken in hand, not paused, not yet decided
DECIDABLE = WORKING


def _in(*states: str) -> Callable[[Application], bool]:
    allowed = frozenset(states)
    return lambda application: application.status in allowed


def _deliverable(application: Application) -> bool:
    """A decided reply is delivered; so is the letter closing an application that lapsed (补正 or fee not paid)."""
    if application.outcome in LAPSE_OUTCOMES:
        return application.status in (Status.DECIDED, Status.CLOSED)
    return application.status == Status.DECIDED


@dataclass(frozen=True)
class Rule:
    """`applies(application)`: may the action start from this state; `permission`: a key of ROLES_BY_ACTION;
    `label`: what the action is called in "不能%(what)s"."""

    applies: Callable[[Application], bool]
    permission: str
    label: Promise


RULES: dict[str, Rule] = {
    "accept": Rule(_in(Status.REGISTERED), "handle", gettext_lazy("签收")),
    "request_correction": Rule(_in(*WORKING), "handle", gettext_lazy("告知补正")),
    "receive_correction": Rule(_in(Status.CORRECTION_REQUESTED), "handle", gettext_lazy("登记收到补正")),
    "lapse_correction": Rule(_in(Status.CORRECTION_REQUESTED), "handle", gettext_lazy("按逾期未补正处理")),
    "start_consultation": Rule(_in(*WORKING), "handle", gettext_lazy("开始征求意见")),
    "end_consultation": Rule(_in(Status.CONSULTING), "handle", gettext_lazy("结束征求意见")),
    "extend": Rule(_in(Status.ACCEPTED, Status.REGISTERED, Status.CONSULTING), "extend", gettext_lazy("延期答复")),
    "notify_fee": Rule(_in(*WORKING), "handle", gettext_lazy("发出收费通知")),
    "record_payment": Rule(_in(Status.FEE_NOTIFIED), "handle", gettext_lazy("登记缴费")),
    "lapse_fee": Rule(_in(Status.FEE_NOTIFIED), "handle", gettext_lazy("按逾期未缴费处理")),
    "decide": Rule(_in(*DECIDABLE), "decide", gettext_lazy("作出答复")),
    "deliver": Rule(_deliverable, "handle", gettext_lazy("登记送达")),
    "close": Rule(_in(Status.DELIVERED), "handle", gettext_lazy("办结")),
    "transfer": Rule(_in(*WORKING), "handle", gettext_lazy("转办")),
}


def require_permission(actor: Person | None, application: Application, permission: str) -> None:
    require_role(actor, application.organization, ROLES_BY_ACTION[permission])


def require_allowed_state(application: Application, action: str) -> None:
    rule = RULES[action]
    if not rule.applies(application):
        raise ApplicationError(
            ApplicationErrorCode.WRONG_STATUS,
            _("申请当前状态为“%(status)s”，不能%(what)s。")
            % {"status": application.get_status_display(), "what": str(rule.label)},
        )


def authorize(actor: Person | None, application: Application, action: str) -> None:
    """The permission check, then the state check, of `action`: what every lifecycle service starts with."""
    require_permission(actor, application, RULES[action].permission)
    require_allowed_state(application, action)


def allowed_actions(person: Person, application: Application) -> set[str]:
    """The actions `person` may take on `application` now (the buttons of the back office's application page)."""
    organization = application.organization
    return {
        action
        for action, rule in RULES.items()
        if rule.applies(application) and has_role(person, organization, ROLES_BY_ACTION[rule.permission])
    }
