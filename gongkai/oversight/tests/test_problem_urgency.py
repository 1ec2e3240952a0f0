"""The rectification list and its workbench panel put the problems an organization still has to rectify first, red
then yellow then the rest by due date, answered and accepted ones after, and say why each light shows."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.core.workdays import add_workdays
from gongkai.oversight.models import Problem, ProblemStatus
from gongkai.oversight.services import add_problem, create_notice, issue_notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def problems(office, government, department):
    """Five problems of one issued notice, created least urgent first, with their due dates set for today."""
    today = timezone.localdate()
    notice = create_notice(issuer=government, title="督查通报", actor=office)
    wanted = {  # description: (status, due date)
        "已验收的问题": (ProblemStatus.ACCEPTED, today - timedelta(days=30)),
        "已反馈的问题": (ProblemStatus.ANSWERED, today - timedelta(days=10)),
        "期限尚远的问题": (ProblemStatus.OPEN, add_workdays(today, 15).date),
        "临近期限的问题": (ProblemStatus.RETURNED, add_workdays(today, 2).date),
        "已经逾期的问题": (ProblemStatus.OPEN, today - timedelta(days=5)),
    }
    for description in wanted:
        add_problem(notice=notice, organization=department, description=description, actor=office)
    issue_notice(notice=notice, actor=office, on=date(2026, 9, 21))
    for description, (status, due_on) in wanted.items():
        Problem.objects.filter(notice=notice, description=description).update(status=status, due_on=due_on)  # set-up
    return wanted


def test_the_rectification_list_is_sorted_by_urgency_with_the_reason(client, office, problems):
    client.force_login(office)
    response = client.get(reverse("backoffice:oversight:problems"))
    assert response.status_code == 200
    assert [problem.description for problem in response.context["problems"]] == list(reversed(problems))
    body = response.content.decode()
    assert '<span class="light light-red" aria-hidden="true"></span> 整改期限已过 · 待整改' in body
    assert '<span class="light light-yellow" aria-hidden="true"></span> 整改期限剩 2 个工作日 · 退回重新整改' in body
    assert '<span class="light light-green" aria-hidden="true"></span> 整改期限剩 15 个工作日 · 待整改' in body
    assert "<td>已反馈待验收</td>" in body


def test_the_status_filter_keeps_the_order(client, office, problems):
    client.force_login(office)
    response = client.get(reverse("backoffice:oversight:problems") + "?status=open")
    assert response.status_code == 200
    assert [problem.description for problem in response.context["problems"]] == ["已经逾期的问题", "期限尚远的问题"]


def test_the_workbench_panel_shows_the_most_urgent_problem_first_with_its_reason(client, clerk, problems):
    client.force_login(clerk)
    home = client.get(reverse("backoffice:home"))
    assert home.status_code == 200
    panel = home.content.decode()
    panel = panel[panel.index("督查整改") :]
    positions = [panel.index(description) for description in ("已经逾期的问题", "临近期限的问题", "已反馈的问题")]
    assert positions == sorted(positions)
    assert "整改期限已过 · 待整改" in panel
    assert "已验收的问题" not in panel
