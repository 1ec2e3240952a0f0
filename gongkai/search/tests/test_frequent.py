"""Frequent search terms: hand-counted totals per week and month, and the thresholds that keep a term off the public
list (too few searches, searched on one day only, digits, personal data, the sensitive-word lexicon)."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache

from gongkai.screening.models import Lexicon
from gongkai.search.frequent import frequent_terms, may_show, searches_by_day
from gongkai.search.models import QueryDay

TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def counts(db):
    cache.clear()
    rows = [
        ("低保", TODAY, 3),
        ("低保", TODAY - timedelta(days=6), 4),  # last day of the week
        ("低保", TODAY - timedelta(days=7), 20),  # outside the week, inside the month
        ("养老保险", TODAY, 5),
        ("养老保险", TODAY - timedelta(days=1), 1),
        ("一人刷榜", TODAY, 50),  # one day only
        ("残疾补贴", TODAY, 2),
        ("残疾补贴", TODAY - timedelta(days=2), 2),  # 4 < 5
        ("赌博网站", TODAY, 9),
        ("赌博网站", TODAY - timedelta(days=1), 9),  # in the lexicon
        ("13812345678", TODAY, 9),
        ("13812345678", TODAY - timedelta(days=1), 9),  # a phone number
        ("低保", TODAY - timedelta(days=31), 99),  # outside the month
    ]
    QueryDay.objects.bulk_create(QueryDay(query=q, day=d, searches=n) for q, d, n in rows)
    Lexicon.objects.create(term="赌博")
    yield
    cache.clear()


def test_week_list_for_the_public_keeps_only_terms_past_every_threshold():
    found = frequent_terms(period="week", today=TODAY)

    assert found == [{"query": "低保", "searches": 7, "days": 2}, {"query": "养老保险", "searches": 6, "days": 2}]


def test_month_list_counts_thirty_days():
    found = frequent_terms(period="month", today=TODAY)

    assert found == [{"query": "低保", "searches": 27, "days": 3}, {"query": "养老保险", "searches": 6, "days": 2}]


def test_office_list_shows_every_term_with_its_count():
    found = frequent_terms(period="week", today=TODAY, public=False)

    assert [(row["query"], row["searches"]) for row in found] == [
        ("一人刷榜", 50),
        ("13812345678", 18),
        ("赌博网站", 18),
        ("低保", 7),
        ("养老保险", 6),
        ("残疾补贴", 4),
    ]


@pytest.mark.parametrize(
    ("query", "shown"),
    [("低保", True), ("赌博网站", False), ("身份证320102199001011234", False), ("a", False), ("长" * 21, False)],
)
def test_may_show(query, shown):
    assert may_show(query) is shown


def test_thresholds_follow_the_settings(settings):
    settings.GONGKAI_HOT_MIN_SEARCHES = 4
    settings.GONGKAI_HOT_MIN_DAYS = 1

    found = [row["query"] for row in frequent_terms(period="week", today=TODAY)]

    assert found == ["一人刷榜", "低保", "养老保险", "残疾补贴"]


def test_searches_by_day():
    found = searches_by_day(queries=["低保", "养老保险"], since=TODAY - timedelta(days=6), until=TODAY)

    assert found == {
        "低保": {TODAY: 3, TODAY - timedelta(days=6): 4},
        "养老保险": {TODAY: 5, TODAY - timedelta(days=1): 1},
    }


def test_list_is_cached_for_the_day(django_assert_num_queries):
    frequent_terms(period="week", today=TODAY)

    with django_assert_num_queries(0):
        assert len(frequent_terms(period="week", today=TODAY)) == 2
