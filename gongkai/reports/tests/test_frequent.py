"""Frequent reading (热门): records, guides and catalog items by readings over a week and a month, hand-counted."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache

from gongkai.catalog.tests.factories import catalog_of, make_tree
from gongkai.engagement.models import CountedKind, DailyCount
from gongkai.publishing.models import RecordStatus
from gongkai.publishing.tests.factories import draft, force_status
from gongkai.reports.frequent import frequent_reading, reading_by_day
from gongkai.services.services import approve_guide, create_guide, submit_guide
from gongkai.services.tests.factories import guide_data

TODAY = date(2026, 6, 15)
WEEK_AGO = TODAY - timedelta(days=6)
LAST_MONTH = TODAY - timedelta(days=20)


@pytest.fixture
def district(department, clerk, reviewer, admin_person):
    cache.clear()
    _group, guide_item, review_item = make_tree(catalog_of(department), admin_person)
    popular = force_status(draft(department, clerk, title="低保标准"), RecordStatus.PUBLISHED)
    popular.items.add(guide_item, review_item)
    second = force_status(draft(department, clerk, title="审核名单"), RecordStatus.PUBLISHED)
    second.items.add(review_item)
    unpublished = draft(department, clerk, title="草稿")
    guide = create_guide(organization=department, data=guide_data(), actor=clerk)
    submit_guide(guide=guide, actor=clerk)
    guide = approve_guide(guide=guide, actor=reviewer)
    counts = [
        (CountedKind.RECORD, popular.pk, TODAY, 5),
        (CountedKind.RECORD, popular.pk, WEEK_AGO, 4),
        (CountedKind.RECORD, popular.pk, LAST_MONTH, 30),
        (CountedKind.RECORD, second.pk, TODAY, 6),
        (CountedKind.RECORD, unpublished.pk, TODAY, 100),  # not public: never listed
        (CountedKind.GUIDE, guide.pk, TODAY, 2),  # below the minimum of 3 in a week
        (CountedKind.GUIDE, guide.pk, LAST_MONTH, 7),
        (CountedKind.RECORD, popular.pk, TODAY - timedelta(days=30), 1000),  # outside the month
    ]
    DailyCount.objects.bulk_create(DailyCount(kind=k, object_id=o, day=d, views=v) for k, o, d, v in counts)
    yield {"popular": popular, "second": second, "guide": guide, "guide_item": guide_item, "review_item": review_item}
    cache.clear()


def listed(rows):
    return [(row["id"], row["views"]) for row in rows]


def test_week(district):
    found = frequent_reading(period="week", today=TODAY)

    assert listed(found["records"]) == [(district["popular"].pk, 9), (district["second"].pk, 6)]
    assert listed(found["guides"]) == []
    assert listed(found["items"]) == [(district["review_item"].pk, 15), (district["guide_item"].pk, 9)]
    assert found["records"][0]["url"] == f"/records/{district['popular'].pk}/"
    assert found["records"][0]["title"] == "低保标准"


def test_month(district):
    found = frequent_reading(period="month", today=TODAY)

    assert listed(found["records"]) == [(district["popular"].pk, 39), (district["second"].pk, 6)]
    assert listed(found["guides"]) == [(district["guide"].pk, 9)]
    assert found["guides"][0]["url"] == district["guide"].get_absolute_url()
    assert listed(found["items"]) == [(district["review_item"].pk, 45), (district["guide_item"].pk, 39)]


def test_limit_and_cache(district, django_assert_num_queries):
    first = frequent_reading(period="month", today=TODAY, limit=1)

    with django_assert_num_queries(0):
        again = frequent_reading(period="month", today=TODAY, limit=1)
    assert again == first
    assert listed(first["records"]) == [(district["popular"].pk, 39)]


def test_reading_by_day(district):
    popular = district["popular"].pk

    found = reading_by_day(kind=CountedKind.RECORD, object_ids=[popular], since=WEEK_AGO, until=TODAY)

    assert found == {popular: {TODAY: 5, WEEK_AGO: 4}}
