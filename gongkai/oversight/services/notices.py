"""Inspection notices and rectification: draft → issued; problem open → answered → accepted / returned → answered.

Every transition locks the row, checks the state and the actor's role, writes the audit log, and changes nothing
when refused. Only the office over an organization issues, accepts and returns; the organization's staff answer.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.core import audit
from gongkai.core.errors import AccessDenied
from gongkai.core.workdays import add_workdays
from gongkai.orgs.access import has_role
from gongkai.publishing.uploads import check_upload

from ..access import OFFICE_ROLES, may_answer, require_office_for
from ..errors import OversightError, OversightErrorCode
from ..models import Answer, AnswerDecision, Notice, NoticeStatus, Problem, ProblemSource, ProblemStatus
from ..scoring import scores_changed

P = ProblemStatus
TRANSITIONS = {
    "answer": ({P.OPEN, P.RETURNED}, gettext_lazy("反馈整改情况")),
    "accept": ({P.ANSWERED}, gettext_lazy("验收")),
    "return": ({P.ANSWERED}, gettext_lazy("退回")),
}


def allowed_actions(person, problem: Problem) -> list[str]:
    """What `person` may do with `problem` now; the views show exactly these buttons."""
    if problem.notice.status != NoticeStatus.ISSUED:
        return []
    actions = []
    if problem.status in TRANSITIONS["answer"][0] and may_answer(person, problem.organization):
        actions.append("answer")
    if problem.status == P.ANSWERED and has_role(person, problem.organization, OFFICE_ROLES):
        actions += ["accept", "return"]
    return actions


def require_state(problem: Problem, action: str) -> None:
    states, label = TRANSITIONS[action]
    if problem.notice.status != NoticeStatus.ISSUED or problem.status not in states:
        raise OversightError(
            OversightErrorCode.ILLEGAL_TRANSITION,
            _("该问题当前为“%(status)s”状态，不能%(action)s。")
            % {"status": ProblemStatus(problem.status).label, "action": label},
        )


def require_text(value: str, message: str, field: str) -> str:
    if not (value or "").strip():
        raise OversightError(OversightErrorCode.REASON_REQUIRED, message, field=field)
    return value.strip()


def create_notice(*, issuer, title: str, actor, doc_number: str = "", body: str = "") -> Notice:
    require_office_for(actor, issuer)
    title = require_text(title, _("请填写通报标题。"), "title")
    with transaction.atomic():
        notice = Notice.objects.create(
            issuer=issuer, title=title, doc_number=doc_number.strip(), body=body.strip(), created_by=actor
        )
        audit.log("oversight.notice.created", actor=actor, target=notice, organization=issuer)
    return notice


def add_problem(
    *,
    notice: Notice,
    organization,
    description: str,
    actor,
    deadline_days: int = 10,
    url: str = "",
    source: str = ProblemSource.TYPED,
    finding=None,
) -> Problem:
    require_office_for(actor, notice.issuer)
    require_office_for(actor, organization)
    description = require_text(description, _("请填写问题描述。"), "description")
    if not 1 <= int(deadline_days) <= 60:
        raise OversightError(OversightErrorCode.INVALID, _("整改时限应为1至60个工作日。"), field="deadline_days")
    with transaction.atomic():
        notice = Notice.objects.select_for_update().get(pk=notice.pk)
        if notice.status != NoticeStatus.DRAFT:
            raise OversightError(
                OversightErrorCode.ILLEGAL_TRANSITION, _("通报已经印发，不能再添加问题；请另发一份通报。")
            )
        problem = Problem.objects.create(
            notice=notice,
            organization=organization,
            description=description,
            deadline_days=int(deadline_days),
            url=url[:500],
            source=source,
            finding=finding,
            sort_order=notice.problems.count() + 1,
        )
        audit.log(
            "oversight.problem.added",
            actor=actor,
            target=problem,
            organization=organization,
            data={"notice": notice.pk, "source": source},
        )
    return problem


def issue_notice(*, notice: Notice, actor, on: date | None = None) -> Notice:
    """Issue the notice: each problem's due date is its deadline in working days from the issuing day."""
    require_office_for(actor, notice.issuer)
    on = on or timezone.localdate()
    with transaction.atomic():
        notice = Notice.objects.select_for_update().get(pk=notice.pk)
        if notice.status != NoticeStatus.DRAFT:
            raise OversightError(OversightErrorCode.ILLEGAL_TRANSITION, _("这份通报已经印发。"))
        problems = list(notice.problems.select_related("organization__region"))
        if not problems:
            raise OversightError(OversightErrorCode.INVALID, _("通报还没有列出任何问题，请先添加问题。"))
        for problem in problems:
            problem.due_on = add_workdays(on, problem.deadline_days, region=problem.organization.region).date
            problem.save(update_fields=["due_on"])
        notice.status, notice.issued_on = NoticeStatus.ISSUED, on
        notice.save(update_fields=["status", "issued_on"])
        audit.log(
            "oversight.notice.issued",
            actor=actor,
            target=notice,
            organization=notice.issuer,
            data={"problems": len(problems), "on": on.isoformat()},
        )
        scores_changed()
    return notice


def publish_notice(*, notice: Notice, actor) -> Notice:
    require_office_for(actor, notice.issuer)
    with transaction.atomic():
        notice = Notice.objects.select_for_update().get(pk=notice.pk)
        if notice.status != NoticeStatus.ISSUED or notice.is_published:
            raise OversightError(OversightErrorCode.ILLEGAL_TRANSITION, _("只有已印发且尚未公开的通报可以公开。"))
        notice.is_published, notice.published_at = True, timezone.now()
        notice.save(update_fields=["is_published", "published_at"])
        audit.log("oversight.notice.published", actor=actor, target=notice, organization=notice.issuer)
    return notice


def locked(problem: Problem) -> Problem:
    return Problem.objects.select_for_update().select_related("notice", "organization__region").get(pk=problem.pk)


def answer_problem(
    *, problem: Problem, cause: str, rectification: str, actor, evidence=None, on: date | None = None
) -> Answer:
    """The organization's cause and rectification; an answer after the due date is marked late."""
    if not may_answer(actor, problem.organization):
        raise AccessDenied()
    cause = require_text(cause, _("请写明问题产生的原因。"), "cause")
    rectification = require_text(rectification, _("请写明整改措施和结果。"), "rectification")
    checked = check_upload(evidence, evidence.name) if evidence is not None else None
    on = on or timezone.localdate()
    with transaction.atomic():
        problem = locked(problem)
        require_state(problem, "answer")
        answer = Answer(problem=problem, cause=cause, rectification=rectification, answered_by=actor, answered_on=on)
        if checked is not None:
            answer.evidence_name = evidence.name[:200]
            answer.evidence.save(f"answer{checked.extension}", evidence, save=False)
        answer.save()
        late = problem.due_on is not None and on > problem.due_on
        problem.status = P.ANSWERED
        problem.answered_late = problem.answered_late or late
        problem.save(update_fields=["status", "answered_late"])
        audit.log(
            "oversight.problem.answered",
            actor=actor,
            target=problem,
            organization=problem.organization,
            data={"late": late},
        )
        scores_changed()
    return answer


def decide(problem: Problem, actor, action: str, comment: str, on: date | None) -> Problem:
    require_office_for(actor, problem.organization)
    on = on or timezone.localdate()
    with transaction.atomic():
        problem = locked(problem)
        require_state(problem, action)
        answer = problem.answers.select_for_update().filter(decision=AnswerDecision.PENDING).latest("id")
        answer.decision = AnswerDecision.ACCEPTED if action == "accept" else AnswerDecision.RETURNED
        answer.comment, answer.decided_by, answer.decided_on = comment.strip(), actor, on
        answer.save(update_fields=["decision", "comment", "decided_by", "decided_on"])
        problem.status = P.ACCEPTED if action == "accept" else P.RETURNED
        problem.accepted_on = on if action == "accept" else None
        problem.save(update_fields=["status", "accepted_on"])
        verb = "accepted" if action == "accept" else "returned"
        audit.log(f"oversight.problem.{verb}", actor=actor, target=problem, organization=problem.organization)
        scores_changed()
    return problem


def accept_problem(*, problem: Problem, actor, comment: str = "", on: date | None = None) -> Problem:
    return decide(problem, actor, "accept", comment or "", on)


def return_problem(*, problem: Problem, actor, comment: str, on: date | None = None) -> Problem:
    require_text(comment, _("退回时请写明需要继续整改的内容。"), "comment")
    return decide(problem, actor, "return", comment, on)


@transaction.atomic
def recompute_problem_due_dates(*, years=None) -> int:
    """The calendar changed (a year's State Council schedule loaded or corrected, a regional holiday): every problem
    still being rectified keeps its notice's issuing day and its deadline in working days, and gets the due date the
    new calendar gives. Returns how many moved; each move is in the audit log."""
    problems = Problem.objects.select_related("notice", "organization__region").filter(
        notice__status=NoticeStatus.ISSUED, status__in=(ProblemStatus.OPEN, ProblemStatus.RETURNED)
    )
    if years:
        problems = problems.filter(notice__issued_on__year__gte=min(years) - 1)
    moved = 0
    for problem in problems.select_for_update(of=("self",)).order_by("pk"):
        if problem.notice.issued_on is None:  # an issued notice always has its day; nothing to count from otherwise
            continue
        due_on = add_workdays(problem.notice.issued_on, problem.deadline_days, region=problem.organization.region).date
        if due_on == problem.due_on:
            continue
        before, problem.due_on = problem.due_on, due_on
        problem.save(update_fields=["due_on"])
        audit.log(
            "oversight.problem.due_recomputed",
            target=problem,
            organization=problem.organization,
            data={"old_due_on": before.isoformat() if before else None, "due_on": due_on.isoformat()},
        )
        moved += 1
    if moved:
        scores_changed()
    return moved
