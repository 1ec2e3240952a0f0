"""The lifecycle's rules, stated once: the back office's buttons are what the services let through."""

from datetime import date

import pytest

from gongkai.applications.errors import ApplicationError, ApplicationErrorCode
from gongkai.applications.models import Application, Outcome, Status
from gongkai.applications.rules import RULES, allowed_actions, authorize
from gongkai.core.errors import AccessDenied

from .factories import make_application

WORKING_ACTIONS = {"request_correction", "start_consultation", "notify_fee", "decide", "transfer"}


def in_status(application, status, **fields):
    if fields.get("outcome"):
        fields.setdefault("decided_on", date(2026, 9, 30))
    Application.objects.filter(pk=application.pk).update(status=status, **fields)
    application.refresh_from_db()
    return application


@pytest.fixture
def application(clerk, department):
    return make_application(actor=clerk, organization=department, received_on=date(2026, 9, 18))


def test_a_registered_application(application, clerk, reviewer, office, other_clerk):
    assert allowed_actions(clerk, application) == {"accept"} | WORKING_ACTIONS - {"decide"}
    assert allowed_actions(reviewer, application) == {"accept"} | WORKING_ACTIONS
    assert allowed_actions(office, application) == {"accept", "extend"} | WORKING_ACTIONS
    assert allowed_actions(other_clerk, application) == set()


def test_delivery_follows_the_outcome(application, clerk):
    in_status(application, Status.DECIDED, outcome=Outcome.DISCLOSED)
    assert allowed_actions(clerk, application) == {"deliver"}
    in_status(application, Status.CLOSED, outcome=Outcome.DISCLOSED)
    assert allowed_actions(clerk, application) == set()
    in_status(application, Status.CLOSED, outcome=Outcome.OTHER_1)  # closed because the correction never came
    assert allowed_actions(clerk, application) == {"deliver"}


@pytest.mark.parametrize("status", list(Status))
def test_authorize_lets_through_exactly_the_allowed_actions(status, application, clerk, reviewer, office):
    in_status(application, status, outcome=Outcome.DISCLOSED if status in (Status.DECIDED, Status.CLOSED) else "")
    for person in (clerk, reviewer, office):
        allowed = allowed_actions(person, application)
        for action in RULES:
            if action in allowed:
                authorize(person, application, action)
                continue
            with pytest.raises((AccessDenied, ApplicationError)) as caught:
                authorize(person, application, action)
            if isinstance(caught.value, ApplicationError):
                assert caught.value.code == ApplicationErrorCode.WRONG_STATUS
