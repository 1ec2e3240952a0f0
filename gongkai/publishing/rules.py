"""The publishing workflow's rules, stated once: for every action on a record, the states it may start from and the
roles that may take it.

The services authorise with `authorize(actor, record, action)`; the back office derives its buttons from
`allowed_actions(person, record)`; both read the same `RULES`, so a button is shown exactly when the service would
let its click through the role and state checks. The rules a button cannot know in advance stay in the services:
"nobody approves their own work", blocking screening findings, a required reason.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.orgs.access import ALL_ROLES, has_role, require_role, review_roles
from gongkai.orgs.models import Person, Role

from .errors import PublishingError, PublishingErrorCode
from .models import OPEN_STATUSES, Record, RecordStatus

S = RecordStatus
DRAFTERS = (Role.CLERK, Role.OFFICE)
REVIEWERS = (Role.REVIEWER,)
CONFIDENTIALITY = (Role.CONFIDENTIALITY_OFFICER,)
PUBLISHERS = (Role.CLERK, Role.REVIEWER, Role.OFFICE)
SUPERVISORS = (Role.REVIEWER, Role.OFFICE)
REJECTERS = (Role.REVIEWER, Role.CONFIDENTIALITY_OFFICER, Role.OFFICE)
EMERGENCY_REVIEWERS = (Role.REVIEWER, Role.CONFIDENTIALITY_OFFICER)
OFFICE = (Role.OFFICE,)


def _awaits_exemption(record: Record) -> bool:
    """An open record whose genre needs an interpretation (三同步) and that has no written exemption yet."""
    from .services.interpretation import requires_interpretation  # the services import these rules

    return record.status in OPEN_STATUSES and not record.interpretation_exemption and requires_interpretation(record)


def _in(*states: str) -> Callable[[Record], bool]:
    allowed = frozenset(states)
    return lambda record: record.status in allowed


@dataclass(frozen=True)
class Rule:
    """`applies(record)`: may the action start from the record's state; `roles`: who may take it; `label`: what the
    action is called in "不能%(action)s"; `refusal`: the message for someone without the role; `system`: the
    platform itself may take it without a person (`publish-due`)."""

    applies: Callable[[Record], bool]
    roles: tuple[str, ...]
    label: Promise
    refusal: Promise
    system: bool = field(default=False)


RULES: dict[str, Rule] = {
    "edit": Rule(
        _in(S.DRAFT),
        DRAFTERS,
        gettext_lazy("修改（已提交的信息请先退回，已发布的信息请使用“更正”）"),
        gettext_lazy("只有本机构的信息员或政务公开办公室可以修改草稿。"),
    ),
    "attach": Rule(
        _in(S.DRAFT),
        DRAFTERS,
        gettext_lazy("上传附件（已发布的信息请使用“更正”）"),
        gettext_lazy("只有本机构的信息员或政务公开办公室可以上传附件。"),
    ),
    "detach": Rule(
        _in(S.DRAFT),
        DRAFTERS,
        gettext_lazy("删除附件"),
        gettext_lazy("只有本机构的信息员或政务公开办公室可以删除附件。"),
    ),
    "check": Rule(
        _in(*OPEN_STATUSES), ALL_ROLES, gettext_lazy("运行内容预审"), gettext_lazy("您不是这条信息所属机构的工作人员。")
    ),
    "submit": Rule(
        _in(S.DRAFT),
        DRAFTERS,
        gettext_lazy("提交审核"),
        gettext_lazy("只有本机构的信息员或政务公开办公室可以提交信息。"),
    ),
    "approve": Rule(
        _in(S.SUBMITTED), REVIEWERS, gettext_lazy("审核通过"), gettext_lazy("只有本机构的审核人可以审核信息。")
    ),
    "clear": Rule(
        _in(S.REVIEWED),
        CONFIDENTIALITY,
        gettext_lazy("通过保密审查"),
        gettext_lazy("只有本机构的保密审查员可以进行保密审查。"),
    ),
    "reject": Rule(
        _in(S.SUBMITTED, S.REVIEWED, S.CLEARED, S.SCHEDULED),
        REJECTERS,
        gettext_lazy("退回修改"),
        gettext_lazy("只有本机构的审核人、保密审查员或政务公开办公室可以退回信息。"),
    ),
    "publish": Rule(
        _in(S.CLEARED),
        PUBLISHERS,
        gettext_lazy("发布"),
        gettext_lazy("只有本机构的信息员、审核人或政务公开办公室可以发布信息。"),
    ),
    "unschedule": Rule(
        _in(S.SCHEDULED),
        PUBLISHERS,
        gettext_lazy("取消定时发布"),
        gettext_lazy("只有本机构的信息员、审核人或政务公开办公室可以取消定时发布。"),
    ),
    "publish_scheduled": Rule(
        _in(S.SCHEDULED), (), gettext_lazy("按计划发布"), gettext_lazy("按计划发布"), system=True
    ),
    "emergency_publish": Rule(
        _in(*OPEN_STATUSES), OFFICE, gettext_lazy("紧急发布"), gettext_lazy("只有政务公开办公室可以紧急发布。")
    ),
    "exempt_interpretation": Rule(
        _awaits_exemption,
        OFFICE,
        gettext_lazy("同意免于配套解读"),
        gettext_lazy("只有政务公开办公室可以同意免于配套解读。"),
    ),
    "review_emergency": Rule(
        lambda record: record.awaits_emergency_review,
        EMERGENCY_REVIEWERS,
        gettext_lazy("补审"),
        gettext_lazy("只有本机构的审核人或保密审查员可以补审紧急发布的信息。"),
    ),
    "correct": Rule(
        _in(S.PUBLISHED),
        SUPERVISORS,
        gettext_lazy("更正"),
        gettext_lazy("只有本机构的审核人或政务公开办公室可以更正已发布的信息。"),
    ),
    "validity": Rule(
        _in(S.PUBLISHED),
        PUBLISHERS,
        gettext_lazy("变更有效性（草稿请直接修改）"),
        gettext_lazy("只有本机构的工作人员可以变更有效性。"),
    ),
    "withdraw": Rule(
        _in(S.PUBLISHED),
        SUPERVISORS,
        gettext_lazy("撤回"),
        gettext_lazy("只有本机构的审核人或政务公开办公室可以撤回已发布的信息。"),
    ),
    "expire": Rule(
        _in(S.PUBLISHED),
        SUPERVISORS,
        gettext_lazy("下线"),
        gettext_lazy("只有本机构的审核人或政务公开办公室可以将信息下线。"),
        system=True,
    ),
}


def illegal(record: Record, action_label: str) -> PublishingError:
    return PublishingError(
        PublishingErrorCode.ILLEGAL_TRANSITION,
        _("这条信息当前为“%(status)s”状态，不能%(action)s。")
        % {"status": RecordStatus(record.status).label, "action": action_label},
    )


# Village records are reviewed through their township (orgs.access): the township's reviewer and confidentiality
# officer, and the office, hold these two actions there as well.
VILLAGE_REVIEW_ACTIONS = frozenset({"approve", "clear"})


def roles_for(action: str, record: Record) -> tuple[str, ...]:
    """The roles that may take `action` on `record`: the rule's, widened for the review of village records."""
    roles = RULES[action].roles
    return review_roles(record.organization, roles) if action in VILLAGE_REVIEW_ACTIONS else roles


def require_allowed_role(actor: Person | None, record: Record, action: str) -> None:
    """AccessDenied (with the rule's message) unless `actor` holds one of the action's roles; the platform itself
    (actor None) passes for the actions it runs."""
    rule = RULES[action]
    if actor is None and rule.system:
        return
    require_role(actor, record.organization, roles_for(action, record), str(rule.refusal))


def require_allowed_state(record: Record, action: str) -> None:
    rule = RULES[action]
    if not rule.applies(record):
        raise illegal(record, str(rule.label))


def authorize(actor: Person | None, record: Record, action: str) -> None:
    """The role check, then the state check, of `action` on `record`: what every workflow service starts with."""
    require_allowed_role(actor, record, action)
    require_allowed_state(record, action)


def allowed_actions(person: Person, record: Record) -> set[str]:
    """The actions `person` may take on `record` now, by role and state (the buttons the back office shows)."""
    organization = record.organization
    return {
        action
        for action, rule in RULES.items()
        if rule.roles and rule.applies(record) and has_role(person, organization, roles_for(action, record))
    }
