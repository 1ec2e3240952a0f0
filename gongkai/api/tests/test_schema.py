"""A bounded property-based pass over every operation of /api/v1/openapi.json, in process (WSGI, no network):
no server error, and every answer matches its declared status, content type and schema.

`.ci/run` runs the same checks longer against a server on a fresh demo database (see docs/api.md)."""

from datetime import date

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from gongkai.api import tokens
from gongkai.api.models import TokenScope
from gongkai.publishing.models import RecordStatus
from gongkai.publishing.services import publish_record, seed_columns
from gongkai.publishing.tests.factories import draft, force_status

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def world(department, clerk, reviewer, office, settings):
    """A little of everything: published records, columns, a token with every scope, generous limits."""
    settings.GONGKAI_API_CLOCK_RATE = settings.GONGKAI_API_SEARCH_RATE = 100_000
    seed_columns(organization=department)
    for number in range(2):
        record = force_status(draft(department, clerk, written_on=date(2026, 3, number + 1)), RecordStatus.CLEARED)
        publish_record(record=record, actor=reviewer)
    issued = tokens.create_token(
        organization=department, name="测试系统", scopes=list(TokenScope.values), actor=office, rate_per_minute=6000
    )
    cache.clear()
    # Requests go through the real WSGI handler, which closes the database connection after each request; the
    # test's transaction lives on that connection, so (as Django's test client does) keep it open meanwhile.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield {"Authorization": f"Bearer {issued.secret}"}
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=5,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_keeps_its_contract(case, world):
    # Schema-valid input may still break a domain rule (a consultation that ends before it starts): a coded 400 is
    # the right answer there, so "positive data is accepted" is the one default check left out.
    case.call_and_validate(headers=world, excluded_checks=[positive_data_acceptance])
