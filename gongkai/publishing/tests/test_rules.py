"""The workflow's rules, stated once: the buttons (`allowed_actions`) are exactly what the services let through."""

import pytest

from gongkai.core.errors import AccessDenied
from gongkai.publishing.errors import PublishingError, PublishingErrorCode
from gongkai.publishing.models import RecordStatus
from gongkai.publishing.rules import RULES, allowed_actions, authorize

from .factories import draft, force_status

S = RecordStatus


@pytest.fixture
def people(clerk, reviewer, confidentiality_officer, office, other_clerk):
    return {
        "clerk": clerk,
        "reviewer": reviewer,
        "confidentiality_officer": confidentiality_officer,
        "office": office,
        "other_clerk": other_clerk,
    }


@pytest.mark.parametrize(
    ("status", "who", "expected"),
    [
        (S.DRAFT, "clerk", {"edit", "attach", "detach", "submit", "check"}),
        (S.DRAFT, "office", {"edit", "attach", "detach", "submit", "check", "emergency_publish"}),
        (S.SUBMITTED, "reviewer", {"approve", "reject", "check"}),
        (S.SUBMITTED, "clerk", {"check"}),
        (S.REVIEWED, "confidentiality_officer", {"clear", "reject", "check"}),
        (S.CLEARED, "clerk", {"publish", "check"}),
        (S.SCHEDULED, "reviewer", {"unschedule", "reject", "check"}),
        (S.PUBLISHED, "reviewer", {"correct", "validity", "withdraw", "expire"}),
        (S.PUBLISHED, "clerk", {"validity"}),
        (S.WITHDRAWN, "office", set()),
        (S.TAKEN_OFFLINE, "reviewer", set()),
        (S.DRAFT, "other_clerk", set()),
    ],
)
def test_allowed_actions_by_state_and_role(status, who, expected, department, clerk, people):
    record = force_status(draft(department, clerk), status)
    assert allowed_actions(people[who], record) == expected


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("who", ["clerk", "reviewer", "confidentiality_officer", "office", "other_clerk"])
def test_authorize_lets_through_exactly_the_allowed_actions(status, who, department, clerk, people):
    record = force_status(draft(department, clerk), status)
    allowed = allowed_actions(people[who], record)
    for action in RULES:
        if action in allowed:
            authorize(people[who], record, action)
            continue
        with pytest.raises((AccessDenied, PublishingError)) as caught:
            authorize(people[who], record, action)
        if isinstance(caught.value, PublishingError):
            assert caught.value.code == PublishingErrorCode.ILLEGAL_TRANSITION


def test_an_emergency_publication_awaits_review_by_reviewer_or_officer(department, clerk, reviewer, office):
    record = force_status(draft(department, clerk), S.PUBLISHED, emergency=True)
    assert "review_emergency" in allowed_actions(reviewer, record)
    assert "review_emergency" not in allowed_actions(office, record)


def test_the_platform_may_only_take_its_own_actions(department, clerk):
    record = force_status(draft(department, clerk), S.SCHEDULED)
    authorize(None, record, "publish_scheduled")
    with pytest.raises(AccessDenied):
        authorize(None, record, "unschedule")
