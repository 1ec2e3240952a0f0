"""Writing case progress. Business systems push the state of a case (through the API); each push is applied in one
transaction, is idempotent (the same push twice changes nothing), and refuses anything that could be personal data."""

import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.core.workdays import workdays_between
from gongkai.orgs.access import require_role
from gongkai.orgs.models import Role
from gongkai.screening.detectors import scan
from gongkai.screening.kinds import PERSONAL_DATA_KINDS

from .errors import CaseError, CaseErrorCode
from .models import STAGE_ORDER, Case, CaseOutcome, CaseStage, CaseStep

NUMBER_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-_/]{3,63}$")
CODE_PATTERN = re.compile(r"^[A-Za-z0-9]{4,32}$")
PUSHERS = (Role.CLERK, Role.OFFICE, Role.ADMIN)


@dataclass(frozen=True)
class StepIn:
    stage: str
    on: date


def code_hash(number: str, code: str) -> str:
    """An HMAC of the verification code, bound to the case number: the code itself is never stored."""
    message = f"{number.upper()}:{code.upper()}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def invalid(message: str, field: str, code=CaseErrorCode.INVALID) -> CaseError:
    return CaseError(code, message, field=field)


def check_identifiers(number: str, code: str | None) -> None:
    if not NUMBER_PATTERN.match(number or ""):
        raise invalid(_("办件编号应为4到64位字母、数字、连字符、下划线或斜杠。"), "number")
    if code is not None and not CODE_PATTERN.match(code):
        raise invalid(_("查询码应为4到32位字母或数字。"), "verification_code")


def check_no_personal_data(service_name: str) -> str:
    service_name = (service_name or "").strip()
    if not service_name or len(service_name) > 200:
        raise invalid(_("请填写服务事项名称（不超过200字）。"), "service_name")
    if any(detection.kind in PERSONAL_DATA_KINDS for detection in scan(service_name)):
        raise invalid(
            _("服务事项名称中疑似含有个人信息（证件号、电话、住址等），办件公开不得包含个人信息。"),
            "service_name",
            CaseErrorCode.PERSONAL_DATA,
        )
    return service_name


def check_steps(steps: list[StepIn], *, today: date) -> dict[str, date]:
    by_stage: dict[str, date] = {}
    for step in steps:
        if step.stage not in STAGE_ORDER:
            raise invalid(_("未知的办理环节：%(stage)s。") % {"stage": step.stage}, "steps")
        if step.on > today:
            raise invalid(_("“%(stage)s”的日期不能晚于今天。") % {"stage": CaseStage(step.stage).label}, "steps")
        by_stage[step.stage] = step.on
    return by_stage


def check_order(dates: dict[str, date]) -> None:
    """Every case starts with 受理; the steps it has are dated in their order (a system may skip 审查)."""
    if CaseStage.ACCEPTED not in dates:
        raise invalid(_("办件须先有“受理”环节。"), "steps", CaseErrorCode.STEP_ORDER)
    present = [stage for stage in STAGE_ORDER if stage in dates]
    for previous, stage in zip(present, present[1:], strict=False):
        if dates[stage] < dates[previous]:
            raise invalid(
                _("“%(stage)s”的日期不能早于“%(previous)s”。")
                % {"stage": CaseStage(stage).label, "previous": CaseStage(previous).label},
                "steps",
                CaseErrorCode.STEP_ORDER,
            )


def refresh_derived(case: Case, dates: dict[str, date]) -> None:
    case.stage = max(dates, key=STAGE_ORDER.index)
    case.accepted_on = dates[CaseStage.ACCEPTED]
    case.decided_on = dates.get(CaseStage.DECIDED)
    case.delivered_on = dates.get(CaseStage.DELIVERED)
    case.working_days = (
        workdays_between(case.accepted_on, case.decided_on, region=case.organization.region).count
        if case.decided_on
        else None
    )


def locked_case(organization, number: str) -> Case | None:
    return Case.objects.select_for_update().filter(organization=organization, number=number).first()


@transaction.atomic
def record_case_progress(
    *,
    organization,
    number: str,
    service_name: str,
    steps: list[StepIn],
    actor,
    verification_code: str | None = None,
    item=None,
    promised_days: int | None = None,
    outcome: str = "",
) -> tuple[Case, bool]:
    """Create or update the case `number` of `organization` with these steps; (case, whether anything changed)."""
    require_role(actor, organization, PUSHERS, _("只有本机构的信息员、政务公开办公室或接口令牌可以登记办件。"))
    number = (number or "").strip().upper()
    check_identifiers(number, verification_code)
    service_name = check_no_personal_data(service_name)
    if outcome and outcome not in CaseOutcome.values:
        raise invalid(_("办理结果应为“准予”或“不予”。"), "outcome")
    if (
        item is not None
        and item.catalog.organization_id != organization.pk
        and not item.responsible_orgs.filter(pk=organization.pk).exists()
    ):
        raise invalid(_("该公开事项不属于本机构的标准目录。"), "item")
    incoming = check_steps(steps, today=timezone.localdate())
    case = locked_case(organization, number)
    if case is None:
        return create_case(
            organization=organization,
            number=number,
            service_name=service_name,
            dates=incoming,
            actor=actor,
            verification_code=verification_code,
            item=item,
            promised_days=promised_days,
            outcome=outcome,
        )
    return update_case(
        case,
        service_name=service_name,
        incoming=incoming,
        actor=actor,
        verification_code=verification_code,
        item=item,
        promised_days=promised_days,
        outcome=outcome,
    )


def create_case(*, organization, number, service_name, dates, actor, verification_code, item, promised_days, outcome):
    if verification_code is None:
        raise invalid(_("首次推送办件时须提供查询码。"), "verification_code")
    check_order(dates)
    if outcome and CaseStage.DECIDED not in dates:
        raise invalid(_("作出“决定”后才有办理结果。"), "outcome")
    case = Case(
        organization=organization,
        number=number,
        service_name=service_name,
        code_hash=code_hash(number, verification_code),
        item=item,
        promised_days=promised_days,
        outcome=outcome,
        pushed_by=actor,
    )
    refresh_derived(case, dates)
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError as error:  # a concurrent first push of the same case won the race
        raise CaseError(CaseErrorCode.INVALID, _("该办件正在被同时登记，请稍后重试。"), field="number") from error
    CaseStep.objects.bulk_create([CaseStep(case=case, stage=stage, on=on) for stage, on in dates.items()])
    audit.log(
        "cases.case.created",
        actor=actor,
        target=case,
        organization=organization,
        data={"number": number, "steps": {stage: on.isoformat() for stage, on in dates.items()}},
    )
    return case, True


def update_case(case, *, service_name, incoming, actor, verification_code, item, promised_days, outcome):
    existing = {step.stage: step for step in case.steps.all()}
    dates = {stage: step.on for stage, step in existing.items()} | incoming
    check_order(dates)
    if outcome and CaseStage.DECIDED not in dates:
        raise invalid(_("作出“决定”后才有办理结果。"), "outcome")
    changes = {}
    for name, value in (("service_name", service_name), ("item", item), ("promised_days", promised_days)):
        if value is not None and getattr(case, name) != value:
            changes[name] = value
    if outcome and outcome != case.outcome:
        changes["outcome"] = outcome
    if verification_code is not None and case.code_hash != code_hash(case.number, verification_code):
        changes["code_hash"] = code_hash(case.number, verification_code)
    changed_steps = {stage: on for stage, on in incoming.items() if stage not in existing or existing[stage].on != on}
    if not changes and not changed_steps:
        return case, False
    for name, value in changes.items():
        setattr(case, name, value)
    refresh_derived(case, dates)
    case.save()
    for stage, on in changed_steps.items():
        CaseStep.objects.update_or_create(case=case, stage=stage, defaults={"on": on})
    audit.log(
        "cases.case.progressed",
        actor=actor,
        target=case,
        organization=case.organization,
        data={
            "steps": {stage: on.isoformat() for stage, on in changed_steps.items()},
            "fields": sorted(name for name in changes if name != "code_hash"),
            "code_changed": "code_hash" in changes,
        },
    )
    return case, True
