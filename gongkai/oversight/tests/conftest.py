"""Fixtures of the oversight tests: a county with two departments, a street office, a scheme and helpers."""

from datetime import date, datetime, time

import pytest
from django.core.cache import cache
from django.utils import timezone

from gongkai.catalog.services import create_item
from gongkai.catalog.tests.factories import catalog_of, item_data
from gongkai.oversight.models import Group, Method
from gongkai.oversight.services import create_scheme, save_indicator
from gongkai.publishing.models import RecordStatus
from gongkai.publishing.tests.factories import draft, force_status

TODAY = date(2026, 6, 15)


def at(day: date, hour: int = 10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


@pytest.fixture(autouse=True)
def empty_cache():
    """The trend's month-end scores live in the cache; each test starts without them."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def scheme(office, county):
    return create_scheme(region=county, year=2026, name="2026年度考核方案", actor=office)


@pytest.fixture
def indicator(scheme, office):
    """indicator(rule, method="per_item", weight=10, points_each=1, group="departments", code=...)"""

    def make(rule, method=Method.PER_ITEM, weight=10, points_each=1, group=Group.DEPARTMENTS, code=None):
        return save_indicator(
            scheme=scheme,
            actor=office,
            group=group,
            code=code or rule.replace(".", "-").replace("_", "-"),
            name=f"指标 {rule}",
            rule=rule,
            method=method,
            weight=weight,
            points_each=points_each,
        )

    return make


@pytest.fixture
def publish(admin_person):
    """publish(organization, published_on, late=False, **fields) -> a published record (set up directly)."""

    def make(organization, published_on: date, late=False, **fields):
        record = draft(organization, admin_person, **fields)
        return force_status(record, RecordStatus.PUBLISHED, published_at=at(published_on), published_late=late)

    return make


@pytest.fixture
def catalog_item(government, office):
    """catalog_item(name) -> an item in force in the government's catalog."""

    def make(name="月度财政收支情况"):
        return create_item(catalog=catalog_of(government), actor=office, data=item_data(name=name))

    return make
