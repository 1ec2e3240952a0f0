"""The office's terms and synonyms, and the query statistics."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.core.errors import AccessDenied
from gongkai.core.models import AuditEntry
from gongkai.search import selectors
from gongkai.search.errors import SearchError
from gongkai.search.models import QueryDay, Term
from gongkai.search.services import create_term, record_search, update_term
from gongkai.search.vocabulary import current_dictionary, synonym_groups


def test_create_term_cleans_synonyms_and_writes_the_audit_log(office):
    term = create_term(word=" 低保 ", synonyms=["最低生活保障", "低保", "", "最低生活保障"], note="民政", actor=office)

    assert (term.word, term.synonyms, term.note) == ("低保", ["最低生活保障"], "民政")
    entry = AuditEntry.objects.get(action="search.term.created")
    assert entry.actor == office
    assert entry.data == {"word": "低保", "synonyms": ["最低生活保障"]}


@pytest.mark.parametrize(
    ("word", "synonyms", "field"),
    [("低", [], "word"), ("low income", [], "word"), ("低保", ["最 低"], "synonyms"), ("低保", ["保"] * 1, "synonyms")],
)
def test_invalid_terms_are_refused_and_nothing_is_written(office, word, synonyms, field):
    with pytest.raises(SearchError) as error:
        create_term(word=word, synonyms=synonyms, actor=office)

    assert error.value.code == "search.invalid_term"
    assert error.value.field == field
    assert not Term.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="search.").exists()


def test_duplicate_term_is_refused(office):
    create_term(word="低保", synonyms=[], actor=office)

    with pytest.raises(SearchError) as error:
        create_term(word="低保", synonyms=["最低生活保障"], actor=office)

    assert error.value.code == "search.duplicate_term"
    assert Term.objects.get().synonyms == []


def test_update_term_records_before_and_after(office):
    term = create_term(word="低保", synonyms=[], actor=office)

    update_term(term=term, word="低保", synonyms=["最低生活保障"], is_active=False, actor=office)

    term.refresh_from_db()
    assert (term.synonyms, term.is_active) == (["最低生活保障"], False)
    entry = AuditEntry.objects.get(action="search.term.changed")
    assert entry.data["before"] == {"word": "低保", "synonyms": [], "is_active": True}
    assert entry.data["after"] == {"word": "低保", "synonyms": ["最低生活保障"], "is_active": False}


def test_update_to_an_existing_word_is_refused(office):
    create_term(word="低保", synonyms=[], actor=office)
    other = create_term(word="特困", synonyms=[], actor=office)

    with pytest.raises(SearchError) as error:
        update_term(term=other, word="低保", synonyms=[], actor=office)

    assert error.value.code == "search.duplicate_term"
    other.refresh_from_db()
    assert other.word == "特困"


def test_terms_synonyms_and_system_names_make_the_dictionary(office, department, township):
    create_term(word="老旧小区改造", synonyms=["旧改"], actor=office)

    words = current_dictionary().words

    assert {"老旧小区改造", "旧改", department.name, township.name} <= set(words)
    assert synonym_groups()["旧改"] == ("老旧小区改造",)


def test_inactive_terms_leave_the_dictionary(office, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        term = create_term(word="老旧小区改造", synonyms=["旧改"], actor=office)
    assert "旧改" in synonym_groups()

    with django_capture_on_commit_callbacks(execute=True):
        update_term(term=term, word="老旧小区改造", synonyms=["旧改"], is_active=False, actor=office)

    assert "老旧小区改造" not in current_dictionary().words
    assert "旧改" not in synonym_groups()


def test_searches_are_counted_per_query_and_day(db):
    record_search(query="  低保   标准 ", result_count=3)
    record_search(query="低保 标准", result_count=0)
    record_search(query="宅基地", result_count=0)
    record_search(query="   ", result_count=0)

    rows = {row.query: (row.searches, row.zero_results) for row in QueryDay.objects.all()}
    assert rows == {"低保 标准": (2, 1), "宅基地": (1, 1)}
    assert QueryDay.objects.get(query="宅基地").day == timezone.localdate()


def test_popular_and_zero_result_queries_for_the_office(office):
    today = timezone.localdate()
    QueryDay.objects.create(query="低保", day=today, searches=5, zero_results=0)
    QueryDay.objects.create(query="低保", day=today - timedelta(days=3), searches=4, zero_results=0)
    QueryDay.objects.create(query="宅基地", day=today, searches=2, zero_results=2)
    QueryDay.objects.create(query="很久以前", day=today - timedelta(days=40), searches=50, zero_results=50)

    popular = selectors.popular_queries(person=office, days=30)
    zero = selectors.popular_queries(person=office, days=30, zero_only=True)
    days = selectors.daily_searches(person=office, days=7)

    assert popular == [
        {"query": "低保", "searches": 9, "zero_results": 0},
        {"query": "宅基地", "searches": 2, "zero_results": 2},
    ]
    assert zero == [{"query": "宅基地", "searches": 2, "zero_results": 2}]
    assert len(days) == 7
    assert days[-1] == {"day": today, "searches": 7, "zero_results": 2}
    assert days[3] == {"day": today - timedelta(days=3), "searches": 4, "zero_results": 0}


@pytest.mark.parametrize("who", ["anonymous", "clerk", "reviewer", "other_clerk"])
def test_statistics_and_terms_are_for_the_office_and_admins_only(request, who):
    person = None if who == "anonymous" else request.getfixturevalue(who)

    with pytest.raises(AccessDenied):
        selectors.popular_queries(person=person)
    with pytest.raises(AccessDenied):
        selectors.terms_for_staff(person=person)
    with pytest.raises(AccessDenied):
        selectors.index_status(person=person)


@pytest.mark.parametrize("who", ["office", "admin_person"])
def test_office_and_admin_see_statistics_and_terms(request, who):
    person = request.getfixturevalue(who)

    assert selectors.popular_queries(person=person) == []
    assert list(selectors.terms_for_staff(person=person)) == []


def test_django_admin_shows_terms_read_only(client, django_user_model, db):
    superuser = django_user_model.objects.create_superuser("root", "root@example.org", "correct horse 42")
    Term.objects.create(word="低保", synonyms=["最低生活保障"])
    client.force_login(superuser)

    listing = client.get("/django-admin/search/term/")
    adding = client.get("/django-admin/search/term/add/")

    assert listing.status_code == 200
    assert "低保" in listing.content.decode()
    assert adding.status_code == 403
