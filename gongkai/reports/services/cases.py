"""Writes to the register of administrative review and litigation cases (表四)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.orgs.access import require_role

from ..errors import ReportError, ReportErrorCode
from ..models import CaseKind, CaseResult, ReviewCase
from ..selectors import PREPARE_ROLES

CASE_FIELDS = ("kind", "case_number", "subject", "filed_on", "result", "concluded_on", "as_review_body", "note")


def _validate(case: ReviewCase) -> None:
    problems = []
    if case.kind not in CaseKind.values:
        problems.append(_("请选择案件类型（行政复议、直接起诉或复议后起诉）。"))
    if not (case.case_number or "").strip():
        problems.append(_("请填写案号。"))
    if case.result == CaseResult.PENDING and case.concluded_on:
        problems.append(_("尚未审结的案件不应填写审结日期；已审结的请选择结果。"))
    if case.result != CaseResult.PENDING and not case.concluded_on:
        problems.append(_("已审结的案件请填写审结日期。"))
    if case.concluded_on and case.filed_on and case.concluded_on < case.filed_on:
        problems.append(_("审结日期不能早于受理（立案）日期。"))
    if case.as_review_body and case.kind != CaseKind.SUIT_AFTER_REVIEW:
        problems.append(_("只有复议后起诉的案件才可能以复议机关身份作共同被告。"))
    if problems:
        raise ReportError(ReportErrorCode.CASE_INVALID, "".join(problems))
    duplicate = ReviewCase.objects.filter(
        organization=case.organization, case_number=case.case_number.strip(), is_active=True
    ).exclude(pk=case.pk)
    if duplicate.exists():
        raise ReportError(
            ReportErrorCode.CASE_DUPLICATE, _("本机关已登记案号为“%(number)s”的案件。") % {"number": case.case_number}
        )
    try:
        case.full_clean(exclude=["created_by"])
    except ValidationError as error:
        raise ReportError(ReportErrorCode.CASE_INVALID, " ".join(error.messages)) from error


def register_case(*, organization, actor, **fields) -> ReviewCase:
    require_role(actor, organization, PREPARE_ROLES, _("您没有权限为该机关登记复议、诉讼案件。"))
    case = ReviewCase(
        organization=organization, created_by=actor, **{name: fields[name] for name in fields if name in CASE_FIELDS}
    )
    case.case_number = (case.case_number or "").strip()
    _validate(case)
    with transaction.atomic():
        case.save()
        audit.log(
            "reports.case.registered",
            actor=actor,
            target=case,
            organization=organization,
            data={"kind": case.kind, "result": case.result, "filed_on": str(case.filed_on)},
        )
    return case


def update_case(*, case: ReviewCase, actor, **fields) -> ReviewCase:
    require_role(actor, case.organization, PREPARE_ROLES)
    with transaction.atomic():
        case = ReviewCase.objects.select_for_update().select_related("organization").get(pk=case.pk)
        if not case.is_active:
            raise ReportError(ReportErrorCode.CASE_RETIRED, _("该案件登记已作废，不能修改。"))
        changes = {}
        for name in CASE_FIELDS:
            if name in fields and getattr(case, name) != fields[name]:
                changes[name] = [str(getattr(case, name)), str(fields[name])]
                setattr(case, name, fields[name])
        case.case_number = (case.case_number or "").strip()
        _validate(case)
        if changes:
            case.save()
            audit.log("reports.case.updated", actor=actor, target=case, organization=case.organization, data=changes)
    return case


def retire_case(*, case: ReviewCase, actor, reason: str) -> ReviewCase:
    """A case registered by mistake is kept on file but no longer counted."""
    require_role(actor, case.organization, PREPARE_ROLES)
    if not (reason or "").strip():
        raise ReportError(ReportErrorCode.REASON_REQUIRED, _("请写明作废理由。"), field="reason")
    if not case.is_active:
        raise ReportError(ReportErrorCode.CASE_RETIRED, _("该案件登记已作废。"))
    with transaction.atomic():
        case.is_active = False
        case.save(update_fields=["is_active", "updated_at"])
        audit.log(
            "reports.case.retired", actor=actor, target=case, organization=case.organization, data={"reason": reason}
        )
    return case
