"""The notice and rectification state machine: every legal and illegal transition, deadlines, overdue."""

from datetime import date

import pytest

from gongkai.core.errors import AccessDenied
from gongkai.core.models import AuditEntry
from gongkai.core.workdays import add_workdays
from gongkai.oversight.errors import OversightError
from gongkai.oversight.models import AnswerDecision, NoticeStatus, Problem, ProblemStatus
from gongkai.oversight.services import (
    accept_problem,
    add_problem,
    answer_problem,
    create_notice,
    issue_notice,
    publish_notice,
    return_problem,
)
from gongkai.oversight.services.notices import allowed_actions

ISSUED_ON = date(2026, 9, 21)  # a Monday


@pytest.fixture
def notice(office, government, department):
    notice = create_notice(issuer=government, title="关于2026年第三季度政务公开检查情况的通报", actor=office)
    add_problem(notice=notice, organization=department, description="政策文件栏目6个月未更新", actor=office)
    return notice


@pytest.fixture
def problem(notice, office):
    issue_notice(notice=notice, actor=office, on=ISSUED_ON)
    return Problem.objects.get(notice=notice)


def answer(problem, actor, on=date(2026, 9, 25)):
    return answer_problem(
        problem=problem, cause="信息员调岗未交接", rectification="已补发3条政策文件", actor=actor, on=on
    )


def test_issuing_sets_due_dates_in_working_days(problem):
    # 10 working days after Monday 21 September 2026 on the region's calendar: National Day (1–7 October) is skipped.
    assert problem.notice.status == NoticeStatus.ISSUED
    assert problem.due_on == add_workdays(ISSUED_ON, 10, region=problem.organization.region).date
    assert problem.due_on > date(2026, 10, 8)


def test_full_cycle_open_answered_returned_answered_accepted(problem, clerk, office):
    assert allowed_actions(clerk, problem) == ["answer"]
    assert allowed_actions(office, problem) == ["answer"]
    answer(problem, clerk)
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.ANSWERED
    assert allowed_actions(clerk, problem) == []
    assert allowed_actions(office, problem) == ["accept", "return"]
    return_problem(problem=problem, comment="缺少整改后的截图", actor=office)
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.RETURNED
    assert problem.answers.get().decision == AnswerDecision.RETURNED
    answer(problem, clerk, on=date(2026, 9, 28))
    accept_problem(problem=problem, actor=office, on=date(2026, 9, 29))
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.ACCEPTED
    assert problem.accepted_on == date(2026, 9, 29)
    assert [a.decision for a in problem.answers.order_by("id")] == [AnswerDecision.RETURNED, AnswerDecision.ACCEPTED]
    actions = list(
        AuditEntry.objects.filter(action__startswith="oversight.problem.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "oversight.problem.added",
        "oversight.problem.answered",
        "oversight.problem.returned",
        "oversight.problem.answered",
        "oversight.problem.accepted",
    ]


ILLEGAL = [
    # (state reached first, action attempted)
    ("open", "accept"),
    ("open", "return"),
    ("answered", "answer"),
    ("returned", "accept"),
    ("returned", "return"),
    ("accepted", "answer"),
    ("accepted", "accept"),
    ("accepted", "return"),
]


def reach(state, problem, clerk, office):
    if state in ("answered", "returned", "accepted"):
        answer(problem, clerk)
    if state == "returned":
        return_problem(problem=problem, comment="补充材料", actor=office)
    if state == "accepted":
        accept_problem(problem=problem, actor=office)
    problem.refresh_from_db()


@pytest.mark.parametrize(("state", "action"), ILLEGAL)
def test_illegal_transitions_change_nothing(problem, clerk, office, state, action):
    reach(state, problem, clerk, office)
    before = (problem.status, problem.answers.count(), AuditEntry.objects.count())
    calls = {
        "answer": lambda: answer(problem, clerk),
        "accept": lambda: accept_problem(problem=problem, actor=office),
        "return": lambda: return_problem(problem=problem, comment="再改", actor=office),
    }
    with pytest.raises(OversightError):
        calls[action]()
    problem.refresh_from_db()
    assert (problem.status, problem.answers.count(), AuditEntry.objects.count()) == before


def test_problems_of_a_draft_notice_cannot_be_answered(notice, clerk):
    problem = notice.problems.get()
    with pytest.raises(OversightError):
        answer(problem, clerk)
    assert problem.answers.count() == 0


def test_an_issued_notice_takes_no_more_problems_and_is_not_issued_twice(problem, office, department):
    with pytest.raises(OversightError):
        add_problem(notice=problem.notice, organization=department, description="再加一个", actor=office)
    with pytest.raises(OversightError):
        issue_notice(notice=problem.notice, actor=office)
    assert problem.notice.problems.count() == 1


def test_a_notice_without_problems_cannot_be_issued(office, government):
    notice = create_notice(issuer=government, title="空通报", actor=office)
    with pytest.raises(OversightError):
        issue_notice(notice=notice, actor=office)
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.DRAFT


def test_only_the_office_accepts_or_returns(problem, clerk, reviewer):
    answer(problem, clerk)
    for person in (clerk, reviewer):
        with pytest.raises(AccessDenied):
            accept_problem(problem=problem, actor=person)
        with pytest.raises(AccessDenied):
            return_problem(problem=problem, comment="x", actor=person)
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.ANSWERED


def test_only_the_office_issues_notices(clerk, department, government):
    with pytest.raises(AccessDenied):
        create_notice(issuer=government, title="越权通报", actor=clerk)


def test_another_organization_cannot_answer(problem, make_person, other_department):
    stranger = make_person("clerk", other_department)
    with pytest.raises(AccessDenied):
        answer(problem, stranger)
    assert problem.answers.count() == 0


def test_return_needs_a_comment(problem, clerk, office):
    answer(problem, clerk)
    with pytest.raises(OversightError):
        return_problem(problem=problem, comment=" ", actor=office)


def test_late_answer_is_marked_and_overdue_turns_red(problem, clerk):
    assert problem.is_overdue(problem.due_on) is False
    assert problem.is_overdue(date.fromordinal(problem.due_on.toordinal() + 1)) is True
    answer(problem, clerk, on=date.fromordinal(problem.due_on.toordinal() + 1))
    problem.refresh_from_db()
    assert problem.answered_late is True
    assert problem.is_overdue(date(2027, 1, 1)) is False


def test_publish_only_an_issued_notice_once(notice, office):
    with pytest.raises(OversightError):
        publish_notice(notice=notice, actor=office)
    issue_notice(notice=notice, actor=office, on=ISSUED_ON)
    publish_notice(notice=notice, actor=office)
    with pytest.raises(OversightError):
        publish_notice(notice=notice, actor=office)
    notice.refresh_from_db()
    assert notice.is_published
