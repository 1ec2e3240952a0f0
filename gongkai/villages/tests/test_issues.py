"""民情闭环: every legal transition, illegal ones refused without a trace, limits, lateness, reminders, scores."""

from datetime import date, timedelta

import pytest

from gongkai.core.errors import AccessDenied
from gongkai.core.models import AuditEntry
from gongkai.villages import selectors, services
from gongkai.villages.errors import VillagesError, VillagesErrorCode
from gongkai.villages.models import IssueStatus, IssueStep, ResidentIssue
from gongkai.villages.services.issues import TRANSITIONS

S = IssueStatus


def register(village, actor=None, channel="grid"):
    return services.register_issue(
        village=village,
        actor=actor,
        channel=channel,
        category="roads",
        title="幸福路路灯不亮",
        description="幸福路12号到20号之间三盏路灯一周没亮，晚上行人看不清路。",
        location="幸福路12号",
        reporter_name="赵大爷",
        reporter_phone="13912345678",
    )


@pytest.fixture
def people(village_clerk, grid_worker, township_reviewer, department_clerk, department):
    return {
        "clerk": village_clerk,
        "grid": grid_worker,
        "reviewer": township_reviewer,
        "assignee": department_clerk,
        "department": department,
    }


def walk_to(issue, status, people):
    """Take an issue through the real services up to `status`."""
    order = [S.ASSIGNED, S.ACCEPTED, S.HANDLED, S.REVIEWED, S.FED_BACK, S.CLOSED]
    steps = {
        S.ASSIGNED: lambda i: services.assign_issue(issue=i, assignee=people["department"], actor=people["grid"]),
        S.ACCEPTED: lambda i: services.accept_issue(issue=i, actor=people["assignee"]),
        S.HANDLED: lambda i: services.handle_issue(issue=i, actor=people["assignee"], result="已更换三盏路灯灯泡。"),
        S.REVIEWED: lambda i: services.review_issue(issue=i, actor=people["reviewer"], approve=True),
        S.FED_BACK: lambda i: services.feed_back_issue(issue=i, actor=people["grid"], feedback="已电话告知赵大爷。"),
        S.CLOSED: lambda i: services.rate_issue(issue=i, rating=5, comment="很快就修好了"),
    }
    for step in order[: order.index(status) + 1] if status in order else []:
        issue = steps[step](issue)
    return issue


def test_an_issue_walks_the_whole_loop(village, people):
    issue = walk_to(register(village, people["grid"]), S.CLOSED, people)
    assert issue.status == S.CLOSED
    assert issue.rating == 5
    assert list(IssueStep.objects.filter(issue=issue).values_list("action", flat=True)) == [
        "registered",
        "assigned",
        "accepted",
        "handled",
        "review_passed",
        "fed_back",
        "rated",
    ]
    assert AuditEntry.objects.filter(target_type="villages.residentissue", target_id=str(issue.pk)).count() == 7


def perform(action, issue, people):
    calls = {
        "assign": lambda: services.assign_issue(issue=issue, assignee=people["department"], actor=people["clerk"]),
        "return": lambda: services.return_issue(issue=issue, actor=people["assignee"], reason="应由街道城管科办理。"),
        "accept": lambda: services.accept_issue(issue=issue, actor=people["assignee"]),
        "handle": lambda: services.handle_issue(issue=issue, actor=people["assignee"], result="已修复完毕。"),
        "review": lambda: services.review_issue(issue=issue, actor=people["reviewer"], approve=True),
        "feed_back": lambda: services.feed_back_issue(issue=issue, actor=people["clerk"], feedback="已告知。"),
        "rate": lambda: services.rate_issue(issue=issue, rating=4),
        "close_unrated": lambda: services.close_unrated_issues(on=date.today() + timedelta(days=60)) or issue,
        "publish_case": lambda: services.publish_case(
            issue=issue, actor=people["reviewer"], summary="路灯损坏，三日内修复。"
        ),
    }
    return calls[action]()


STATES = [S.REGISTERED, S.ASSIGNED, S.ACCEPTED, S.HANDLED, S.REVIEWED, S.FED_BACK, S.CLOSED]


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", [a for a in TRANSITIONS if a != "close_unrated"])
def test_each_action_runs_only_from_its_states(village, people, state, action):
    issue = walk_to(register(village, people["grid"]), state, people)
    before = ResidentIssue.objects.filter(pk=issue.pk).values().get()
    steps = IssueStep.objects.count()
    if state in TRANSITIONS[action][0]:
        perform(action, issue, people)
        assert IssueStep.objects.count() == steps + 1
        return
    with pytest.raises(VillagesError) as error:
        perform(action, issue, people)
    assert error.value.code == VillagesErrorCode.ILLEGAL_TRANSITION
    assert ResidentIssue.objects.filter(pk=issue.pk).values().get() == before
    assert IssueStep.objects.count() == steps


def test_the_township_sends_a_result_back_to_be_handled_again(village, people):
    issue = walk_to(register(village, people["grid"]), S.HANDLED, people)
    with pytest.raises(VillagesError):
        services.review_issue(issue=issue, actor=people["reviewer"], approve=False, comment="")
    issue = services.review_issue(
        issue=issue, actor=people["reviewer"], approve=False, comment="只修了一盏，请全部修复。"
    )
    assert issue.status == S.ACCEPTED


@pytest.mark.parametrize(
    ("action", "who"),
    [
        ("assign", "other"),
        ("accept", "clerk"),  # the village clerk is not the assignee's staff
        ("accept", "reviewer"),
        ("handle", "grid"),
        ("review", "assignee"),
        ("review", "clerk"),
        ("feed_back", "other"),
    ],
)
def test_people_outside_a_step_cannot_take_it(village, people, other_clerk, action, who):
    people = people | {"other": other_clerk}
    state = {"assign": S.REGISTERED, "accept": S.ASSIGNED, "handle": S.ACCEPTED, "review": S.HANDLED}.get(
        action, S.REVIEWED
    )
    issue = walk_to(register(village, people["grid"]), state, people)
    calls = {
        "assign": lambda p: services.assign_issue(issue=issue, assignee=people["department"], actor=p),
        "accept": lambda p: services.accept_issue(issue=issue, actor=p),
        "handle": lambda p: services.handle_issue(issue=issue, actor=p, result="已修复完毕。"),
        "review": lambda p: services.review_issue(issue=issue, actor=p, approve=True),
        "feed_back": lambda p: services.feed_back_issue(issue=issue, actor=p, feedback="已告知。"),
    }
    with pytest.raises(AccessDenied):
        calls[action](people[who])
    assert ResidentIssue.objects.get(pk=issue.pk).status == state


def test_an_issue_can_only_go_to_an_organization_above_the_village(village, people, other_village):
    issue = register(village, people["grid"])
    with pytest.raises(VillagesError):
        services.assign_issue(issue=issue, assignee=other_village, actor=people["clerk"])
    assert ResidentIssue.objects.get(pk=issue.pk).status == S.REGISTERED


def test_a_resident_on_the_portal_has_no_actor_and_staff_cannot_pretend(village, people):
    issue = register(village, channel="portal")
    assert issue.registered_by is None
    with pytest.raises(AccessDenied):
        register(village, people["grid"], channel="portal")


@pytest.fixture
def travel(monkeypatch):
    """travel(day): the issue services see `day` as today."""

    def to(day):
        monkeypatch.setattr("gongkai.villages.services.issues.today", lambda: day)

    return to


def test_limits_count_working_days_and_late_steps_are_marked(village, people, travel):
    travel(date(2026, 9, 30))
    issue = register(village, people["grid"])
    assert issue.step_due_on == date(2026, 10, 8)  # one working day after 9/30 is after National Day
    issue = services.assign_issue(issue=issue, assignee=people["department"], actor=people["clerk"])
    travel(date(2026, 10, 12))
    issue = services.accept_issue(issue=issue, actor=people["assignee"])
    assert issue.late_steps == 1
    assert IssueStep.objects.get(issue=issue, action="accepted").late is True
    assert issue.step_due_on == date(2026, 10, 19)


def test_reminders_come_once_a_day_for_due_steps(village, people, travel):
    travel(date(2026, 9, 30))
    issue = register(village, people["grid"])
    assert services.remind_due_issues(on=date(2026, 10, 7)) == []
    assert services.remind_due_issues(on=date(2026, 10, 8)) == [issue.pk]
    assert services.remind_due_issues(on=date(2026, 10, 8)) == []
    assert IssueStep.objects.filter(issue=issue, action="reminded").count() == 1
    annotated = selectors.annotate_issue_lights([ResidentIssue.objects.get(pk=issue.pk)], date(2026, 10, 9))
    assert annotated[0].light == "red"


def test_unrated_issues_close_after_the_limit(village, people):
    issue = walk_to(register(village, people["grid"]), S.FED_BACK, people)
    assert services.close_unrated_issues(on=issue.step_due_on) == []
    assert services.close_unrated_issues(on=issue.step_due_on + timedelta(days=1)) == [issue.pk]
    issue.refresh_from_db()
    assert (issue.status, issue.rating) == (S.CLOSED, None)


def test_public_statistics_and_cases_hold_no_personal_data(village, people):
    closed = walk_to(register(village, people["grid"]), S.CLOSED, people)
    register(village, people["grid"])
    services.publish_case(
        issue=closed, actor=people["reviewer"], summary="赵大爷（13912345678）反映路灯不亮，三日内修复。"
    )
    stats = selectors.issue_statistics()
    assert stats["total"] == 2
    assert stats["closed"] == 1
    assert stats["average_rating"] == 5
    case = selectors.public_cases().get()
    assert "13912345678" not in case.public_summary
    assert "139****5678" in case.public_summary


def test_scores_for_oversight(village, people):
    walk_to(register(village, people["grid"]), S.CLOSED, people)
    today = date.today()
    scores = selectors.issue_scores(start=today - timedelta(days=1), end=today + timedelta(days=1))
    assert {(row["organization_id"], row["closed"], row["on_time_rate"], row["average_rating"]) for row in scores} == {
        (village.pk, 1, 1.0, 5.0),
        (people["department"].pk, 1, 1.0, 5.0),
    }


def test_loading_a_years_schedule_moves_the_open_steps_due_dates(
    village, people, travel, office, django_capture_on_commit_callbacks
):
    from gongkai.core.models import ScheduleYear
    from gongkai.core.services import parse_schedule_lines, set_year_schedule

    ScheduleYear.objects.filter(year=2027).delete()
    travel(date(2026, 12, 31))
    issue = register(village, people["grid"])
    assert issue.step_due_on == date(2027, 1, 4)  # one working day after 12-31, 元旦 skipped
    holidays, workdays = parse_schedule_lines("2027-01-01..2027-01-04 元旦\n")
    with django_capture_on_commit_callbacks(execute=True):
        set_year_schedule(year=2027, holidays=holidays, workdays=workdays, notice="国办发明电〔2026〕7号", actor=office)
    issue.refresh_from_db()
    assert issue.step_due_on == date(2027, 1, 5)
    entry = AuditEntry.objects.get(action="villages.issue.due_recomputed")
    assert entry.data["old_due_on"] == "2027-01-04"
    assert services.recompute_step_due_dates(years={2027}) == 0  # nothing moves twice
