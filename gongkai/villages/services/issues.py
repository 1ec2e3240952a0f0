"""民情闭环: intake → assignment → 签收 → handling → township review → feedback → the resident's rating.

Each step has a limit in working days (STEP_LIMITS) on the village's regional calendar; a step finished after its
limit is marked late. Every transition locks the issue, checks its state and the actor, writes a step and an audit
entry, and changes nothing when refused.
"""

import secrets
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.core.workdays import add_workdays
from gongkai.orgs.models import Organization
from gongkai.screening.scanning import mask_personal_data

from ..access import is_assignee_staff, is_township_supervisor, is_village, is_village_worker
from ..errors import VillagesError, VillagesErrorCode
from ..models import IssueCategory, IssueChannel, IssueStatus, IssueStep, ResidentIssue
from .common import log, require, require_phone, require_text, today

S = IssueStatus
# Working days allowed for the step an issue is waiting in.
STEP_LIMITS = {
    S.REGISTERED: 1,  # 分派
    S.ASSIGNED: 1,  # 签收
    S.ACCEPTED: 5,  # 办理
    S.HANDLED: 2,  # 乡镇（街道）审核
    S.REVIEWED: 1,  # 反馈
    S.FED_BACK: 5,  # 评价
}
# action → (states it may start from, what it is called in messages)
TRANSITIONS = {
    "assign": ({S.REGISTERED}, gettext_lazy("分派")),
    "return": ({S.ASSIGNED}, gettext_lazy("退回")),
    "accept": ({S.ASSIGNED}, gettext_lazy("签收")),
    "handle": ({S.ACCEPTED}, gettext_lazy("办结")),
    "review": ({S.HANDLED}, gettext_lazy("审核")),
    "feed_back": ({S.REVIEWED}, gettext_lazy("反馈")),
    "rate": ({S.FED_BACK}, gettext_lazy("评价")),
    "close_unrated": ({S.FED_BACK}, gettext_lazy("默认办结")),
    "publish_case": ({S.CLOSED}, gettext_lazy("公开案例")),
}
ACTION_LABELS = {
    "registered": gettext_lazy("登记"),
    "assigned": gettext_lazy("分派"),
    "returned": gettext_lazy("退回"),
    "accepted": gettext_lazy("签收"),
    "handled": gettext_lazy("办结"),
    "review_passed": gettext_lazy("审核通过"),
    "review_returned": gettext_lazy("审核退回重办"),
    "fed_back": gettext_lazy("反馈"),
    "rated": gettext_lazy("评价"),
    "closed_unrated": gettext_lazy("逾期未评价，默认办结"),
    "reminded": gettext_lazy("催办"),
    "case_published": gettext_lazy("公开为办结案例"),
}


def illegal(issue: ResidentIssue, action: str) -> VillagesError:
    label = TRANSITIONS[action][1]
    return VillagesError(
        VillagesErrorCode.ILLEGAL_TRANSITION,
        _("这件诉求当前为“%(status)s”，不能%(action)s。") % {"status": S(issue.status).label, "action": label},
    )


def require_state(issue: ResidentIssue, action: str) -> None:
    if issue.status not in TRANSITIONS[action][0]:
        raise illegal(issue, action)


def locked(issue: ResidentIssue) -> ResidentIssue:
    return (
        ResidentIssue.objects.select_for_update(of=("self",))
        .select_related("village__region", "village__parent", "assignee__region")
        .get(pk=issue.pk)
    )


def due_after(issue: ResidentIssue, start: date, status: str) -> date:
    return add_workdays(start, STEP_LIMITS[status], region=issue.village.region).date


def move(issue: ResidentIssue, status: str, action: str, actor, *, organization=None, note: str = "", fields=()):
    """Finish the current step (late when past its limit), enter `status`, record the step and the audit entry."""
    day = today()
    late = day > issue.step_due_on
    issue.late_steps += int(late)
    issue.status = status
    if status in STEP_LIMITS:
        issue.step_started_on, issue.step_due_on = day, due_after(issue, day, status)
    if status == S.CLOSED:
        issue.closed_at = timezone.now()
    issue.save(update_fields=["status", "late_steps", "step_started_on", "step_due_on", "closed_at", *fields])
    IssueStep.objects.create(
        issue=issue, action=action, actor=actor if getattr(actor, "pk", None) else None,
        organization=organization, note=note, at=timezone.now(), late=late,
    )  # fmt: skip
    log(f"issue.{action}", issue, actor, issue.village, late=late, status=status)
    return issue


def new_tracking_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    while True:
        code = "".join(secrets.choice(alphabet) for _ in range(10))
        if not ResidentIssue.objects.filter(tracking_code=code).exists():
            return code


@transaction.atomic
def register_issue(
    *,
    village,
    channel: str,
    category: str,
    title: str,
    description: str,
    reporter_name: str,
    reporter_phone: str,
    location: str = "",
    actor=None,
    ip_address=None,
) -> ResidentIssue:
    """Intake: a resident on the portal (no actor), or a village worker registering a call, a visit or what a
    grid worker heard on the round."""
    if not is_village(village):
        raise VillagesError(VillagesErrorCode.NOT_A_VILLAGE, _("请选择诉求所在的村（社区）。"))
    if channel not in IssueChannel.values:
        raise VillagesError(VillagesErrorCode.INVALID, _("请选择诉求来源。"), field="channel")
    if channel == IssueChannel.PORTAL:
        require(actor is None, _("网上提交的诉求由群众本人提交。"))
    else:
        require(
            actor is not None and (is_village_worker(actor, village) or is_township_supervisor(actor, village)),
            _("只有本村（社区）的信息员、网格员或乡镇（街道）工作人员可以登记诉求。"),
        )
    if category not in IssueCategory.values:
        raise VillagesError(VillagesErrorCode.INVALID, _("请选择诉求类别。"), field="category")
    day = today()
    issue = ResidentIssue(
        village=village,
        tracking_code=new_tracking_code(),
        channel=channel,
        category=category,
        title=require_text(title, _("请用一句话概括诉求（至少4个字）。"), "title", minimum=4)[:100],
        description=require_text(description, _("请写明诉求的具体情况（至少10个字）。"), "description", minimum=10)[
            :4000
        ],
        location=(location or "").strip()[:200],
        reporter_name=require_text(reporter_name, _("请填写反映人姓名，以便反馈。"), "reporter_name")[:50],
        reporter_phone=require_phone(reporter_phone, "reporter_phone"),
        registered_by=actor,
        step_started_on=day,
    )
    issue.step_due_on = due_after(issue, day, S.REGISTERED)
    issue.save()
    IssueStep.objects.create(issue=issue, action="registered", actor=actor, organization=village, at=timezone.now())
    audit_actor = actor or _("群众（网上提交）")
    log("issue.registered", issue, audit_actor, village, channel=channel)
    return issue


def valid_assignee(village, assignee: Organization) -> bool:
    """A department of the county, the township or the village itself: an organization whose region contains the
    village's region."""
    return assignee.is_active and village.region.path.startswith(assignee.region.path)


@transaction.atomic
def assign_issue(*, issue: ResidentIssue, assignee: Organization, actor, note: str = "") -> ResidentIssue:
    issue = locked(issue)
    require(
        is_village_worker(actor, issue.village) or is_township_supervisor(actor, issue.village),
        _("只有本村（社区）的工作人员或乡镇（街道）审核人可以分派诉求。"),
    )
    require_state(issue, "assign")
    assignee = Organization.objects.select_related("region").get(pk=assignee.pk)
    if not valid_assignee(issue.village, assignee):
        raise VillagesError(
            VillagesErrorCode.INVALID, _("只能分派给本村（社区）、所属乡镇（街道）或区县的部门。"), field="assignee"
        )
    issue.assignee = assignee
    return move(issue, S.ASSIGNED, "assigned", actor, organization=assignee, note=note.strip(), fields=["assignee"])


@transaction.atomic
def return_issue(*, issue: ResidentIssue, actor, reason: str) -> ResidentIssue:
    """The assignee says it is not theirs: back to the village for another assignment."""
    issue = locked(issue)
    require_state(issue, "return")  # first: before assignment there is no assignee whose staff could act
    require(is_assignee_staff(actor, issue), _("只有承办单位的工作人员可以退回诉求。"))
    reason = require_text(reason, _("退回时请写明理由和建议的承办单位。"), "reason")
    organization = issue.assignee
    issue.assignee = None
    return move(issue, S.REGISTERED, "returned", actor, organization=organization, note=reason, fields=["assignee"])


@transaction.atomic
def accept_issue(*, issue: ResidentIssue, actor) -> ResidentIssue:
    """签收: the assignee takes the issue on; the handling limit starts."""
    issue = locked(issue)
    require_state(issue, "accept")  # first: before assignment there is no assignee whose staff could act
    require(is_assignee_staff(actor, issue), _("只有承办单位的工作人员可以签收诉求。"))
    return move(issue, S.ACCEPTED, "accepted", actor, organization=issue.assignee)


@transaction.atomic
def handle_issue(*, issue: ResidentIssue, actor, result: str) -> ResidentIssue:
    issue = locked(issue)
    require_state(issue, "handle")  # first: before assignment there is no assignee whose staff could act
    require(is_assignee_staff(actor, issue), _("只有承办单位的工作人员可以办结诉求。"))
    issue.handling_result = require_text(result, _("请写明办理结果（至少5个字）。"), "result", minimum=5)
    return move(
        issue, S.HANDLED, "handled", actor, organization=issue.assignee, note=issue.handling_result,
        fields=["handling_result"],
    )  # fmt: skip


@transaction.atomic
def review_issue(*, issue: ResidentIssue, actor, approve: bool, comment: str = "") -> ResidentIssue:
    """审核督查 by the township: approve the result, or send it back to the assignee to handle again."""
    issue = locked(issue)
    require(is_township_supervisor(actor, issue.village), _("只有乡镇（街道）审核人或政务公开办公室可以审核办理结果。"))
    require_state(issue, "review")
    if actor.pk in set(issue.steps.filter(action="handled").values_list("actor_id", flat=True)):
        raise VillagesError(VillagesErrorCode.ILLEGAL_TRANSITION, _("不能审核自己办结的诉求，请由其他审核人办理。"))
    township = issue.village.parent or issue.village
    if approve:
        return move(issue, S.REVIEWED, "review_passed", actor, organization=township, note=comment.strip())
    comment = require_text(comment, _("退回重办时请写明原因。"), "comment")
    return move(issue, S.ACCEPTED, "review_returned", actor, organization=township, note=comment)


@transaction.atomic
def feed_back_issue(*, issue: ResidentIssue, actor, feedback: str) -> ResidentIssue:
    """The resident is told the result (by phone, in person, or on the tracking page)."""
    issue = locked(issue)
    require(
        is_village_worker(actor, issue.village) or is_assignee_staff(actor, issue),
        _("只有本村（社区）的工作人员或承办单位可以向群众反馈。"),
    )
    require_state(issue, "feed_back")
    issue.feedback = require_text(feedback, _("请写明向群众反馈的内容。"), "feedback")
    return move(
        issue, S.FED_BACK, "fed_back", actor, organization=issue.village, note=issue.feedback, fields=["feedback"]
    )


@transaction.atomic
def rate_issue(*, issue: ResidentIssue, rating: int, comment: str = "", actor=None) -> ResidentIssue:
    """综合评价: the resident rates 1–5 on the tracking page (no actor), or a village worker records a rating the
    resident gave by phone."""
    issue = locked(issue)
    if actor is not None:
        require(is_village_worker(actor, issue.village), _("只有本村（社区）的工作人员可以代为登记评价。"))
    require_state(issue, "rate")
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise VillagesError(VillagesErrorCode.INVALID, _("请在1至5星之间选择评价。"), field="rating")
    issue.rating, issue.rating_comment = rating, (comment or "").strip()[:300]
    return move(
        issue, S.CLOSED, "rated", actor or _("群众本人"), organization=issue.village,
        note=issue.rating_comment, fields=["rating", "rating_comment"],
    )  # fmt: skip


@transaction.atomic
def close_unrated_issues(*, on: date | None = None) -> list[int]:
    """Close issues whose resident did not rate within the limit (run daily); they count as unrated."""
    day = on or today()
    closed = []
    for issue in ResidentIssue.objects.filter(status=S.FED_BACK, step_due_on__lt=day).order_by("pk"):
        issue = locked(issue)
        move(issue, S.CLOSED, "closed_unrated", None, organization=issue.village)
        closed.append(issue.pk)
    return closed


@transaction.atomic
def remind_due_issues(*, on: date | None = None) -> list[int]:
    """催办: open issues whose step is due today or overdue get one reminder a day (a step on the timeline, an
    audit entry, and the red or yellow light on the work lists)."""
    day = on or today()
    open_statuses = list(STEP_LIMITS)
    due = ResidentIssue.objects.filter(status__in=open_statuses, step_due_on__lte=day).exclude(reminded_on=day)
    reminded = []
    for issue in due.order_by("pk"):
        issue = locked(issue)
        issue.reminded_on = day
        issue.save(update_fields=["reminded_on"])
        target = issue.assignee if issue.status in (S.ASSIGNED, S.ACCEPTED) else issue.village
        note = _("%(status)s环节办理时限为%(due)s。") % {"status": S(issue.status).label, "due": issue.step_due_on}
        IssueStep.objects.create(
            issue=issue, action="reminded", organization=target, at=timezone.now(), late=day > issue.step_due_on,
            note=note,
        )  # fmt: skip
        log("issue.reminded", issue, None, issue.village, status=issue.status, due=issue.step_due_on.isoformat())
        reminded.append(issue.pk)
    return reminded


@transaction.atomic
def publish_case(*, issue: ResidentIssue, actor, summary: str) -> ResidentIssue:
    """Publish a solved issue as a case: a summary the township writes, with any personal data masked."""
    issue = locked(issue)
    require(is_township_supervisor(actor, issue.village), _("只有乡镇（街道）审核人或政务公开办公室可以公开办结案例。"))
    require_state(issue, "publish_case")
    summary = require_text(
        summary, _("请填写公开的案例摘要（至少10个字，不写姓名和联系方式）。"), "summary", minimum=10
    )
    issue.public_summary = mask_personal_data(summary)
    issue.is_public_case = True
    issue.save(update_fields=["public_summary", "is_public_case"])
    IssueStep.objects.create(issue=issue, action="case_published", actor=actor, at=timezone.now())
    log("issue.case_published", issue, actor, issue.village)
    return issue


@transaction.atomic
def recompute_step_due_dates(*, years=None) -> int:
    """The calendar changed (a year's State Council schedule loaded or corrected, a regional holiday): every open
    issue's current step keeps its start and its limit in working days, and gets the due date the new calendar
    gives. Returns how many moved; each move is in the audit log."""
    issues = ResidentIssue.objects.select_related("village__region").filter(status__in=list(STEP_LIMITS))
    if years:
        issues = issues.filter(step_started_on__year__gte=min(years) - 1)
    moved = 0
    for issue in issues.select_for_update(of=("self",)).order_by("pk"):
        due_on = due_after(issue, issue.step_started_on, issue.status)
        if due_on == issue.step_due_on:
            continue
        before, issue.step_due_on = issue.step_due_on, due_on
        issue.save(update_fields=["step_due_on"])
        log(
            "issue.due_recomputed",
            issue,
            None,
            issue.village,
            old_due_on=before.isoformat(),
            due_on=due_on.isoformat(),
            years=sorted(years or ()),
        )
        moved += 1
    return moved
