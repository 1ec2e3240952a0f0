"""The portal search page, the API endpoint, the back-office pages and the command line."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from gongkai.core.models import AuditEntry
from gongkai.orgs.tests.factories import PASSWORD
from gongkai.search.models import QueryDay, Term
from gongkai.search.services import reindex


@pytest.fixture
def indexed(backend, notices, department):
    notices.add(
        1,
        "关于调整低保标准的通知",
        "城乡<b>低保</b>标准提高到每月900元。",
        filters={"organization": (str(department.pk),)},
    )
    notices.add(2, "低保对象名单公示", "公示期7个工作日。", lookup_keys=["青民发〔2025〕7号"])
    for number in range(3, 30):
        notices.add(number, f"第{number}批临时救助名单", "临时救助对象。")
    reindex()
    return notices


def test_portal_search_finds_highlights_and_logs(client, indexed, django_assert_max_num_queries):
    # Form choices 2, synonyms 1, index dictionary 1 (PostgreSQL), lookup 1, count and page 2 (and PostgreSQL's
    # estimate 1) for documents in force and again for superseded ones (search.selectors._ranked), statistics up to 5
    # (update, then savepoint, insert, release), the footer's site settings 1: the same whatever the number of hits.
    with django_assert_max_num_queries(18):
        response = client.get(reverse("portal:search:search"), {"q": "低保"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "找到 2 条结果。" in html
    assert "<mark>低保</mark>" in html
    assert "&lt;b&gt;" in html
    assert "<b>低保</b>" not in html
    assert 'href="/notices/1/"' in html
    assert QueryDay.objects.get(query="低保").searches == 1


def test_portal_search_pages_without_javascript(client, indexed, django_assert_max_num_queries):
    with django_assert_max_num_queries(18):  # as above
        first_response = client.get(reverse("portal:search:search"), {"q": "临时救助"})
    second_response = client.get(reverse("portal:search:search"), {"q": "临时救助", "page": 2})
    assert (first_response.status_code, second_response.status_code) == (200, 200)
    first, second = first_response.content.decode(), second_response.content.decode()

    assert "找到 27 条结果。" in first
    assert "q=%E4%B8%B4%E6%97%B6%E6%95%91%E5%8A%A9&amp;page=2" in first
    assert "第 2 / 2 页" in second
    assert second.count("<li>\n      <h3>") == 7
    # Only the first page is counted as a search.
    assert QueryDay.objects.get(query="临时救助").searches == 1


def test_portal_search_logs_zero_results_and_suggests_what_to_do(client, indexed):
    html = client.get(reverse("portal:search:search"), {"q": "宅基地审批"}).content.decode()

    assert "没有找到相关信息" in html
    row = QueryDay.objects.get(query="宅基地审批")
    assert (row.searches, row.zero_results) == (1, 1)


def test_portal_search_document_number_and_filters(client, indexed, department):
    html = client.get(reverse("portal:search:search"), {"q": "青民发[2025]7号"}).content.decode()
    assert "文号匹配" in html
    assert html.index("低保对象名单公示") < html.index("找到") + 2000

    filtered = client.get(reverse("portal:search:search"), {"q": "低保", "org": department.pk}).content.decode()
    assert "找到 1 条结果。" in filtered
    assert "关于调整" in filtered


def test_portal_search_rejects_a_reversed_date_range(client, indexed):
    response = client.get(reverse("portal:search:search"), {"q": "低保", "start": "2025-05-01", "end": "2025-04-01"})

    assert "截止日期不能早于起始日期。" in response.content.decode()
    assert not QueryDay.objects.exists()


def test_empty_portal_search_page_shows_the_form_only(client, db):
    html = client.get(reverse("portal:search:search")).content.decode()

    assert 'role="search"' in html
    assert "找到" not in html


def test_api_search_returns_hits_with_scores(client, indexed):
    response = client.get("/api/v1/search/", {"q": "低保", "page_size": 1})

    data = json.loads(response.content)
    assert response.status_code == 200
    assert (data["count"], data["page"], data["pages"], data["page_size"]) == (2, 1, 2, 1)
    hit = data["results"][0]
    assert (hit["kind"], hit["id"], hit["title"], hit["url"]) == ("notice", 1, "关于调整低保标准的通知", "/notices/1/")
    assert hit["score"] > 0
    assert hit["snippet"] == "城乡&lt;b&gt;<mark>低保</mark>&lt;/b&gt;标准提高到每月900元。"


def test_api_search_reports_bad_filters(client, indexed):
    response = client.get("/api/v1/search/", {"q": "低保", "ordering": "random"})

    assert (response.status_code, response.json()["code"], response.json()["field"]) == (
        422,
        "api.invalid_input",
        "ordering",
    )
    response = client.get("/api/v1/search/", {"q": "低保", "start": "2025-05-01", "end": "2025-04-01"})
    assert (response.status_code, response.json()["code"]) == (400, "search.invalid_filter")
    assert response.json()["message"] == "截止日期不能早于起始日期。"


# Back office ---------------------------------------------------------------------------------------------------

ROLES = ["anonymous", "other_clerk", "clerk", "reviewer", "office", "admin_person"]
ALLOWED = {"office", "admin_person"}


def sign_in(client, request, who):
    if who != "anonymous":
        person = request.getfixturevalue(who)
        client.login(username=person.username, password=PASSWORD)


@pytest.mark.parametrize("who", ROLES)
def test_back_office_search_index_permissions(client, request, who, backend):
    sign_in(client, request, who)

    response = client.get(reverse("backoffice:search:index"))

    if who == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == 200
        html = response.content.decode()
        assert ("热门检索" in html) == (who in ALLOWED)
        assert ("重建索引" in html) == (who in ALLOWED)


@pytest.mark.parametrize("who", ROLES)
def test_back_office_terms_permissions(client, request, who, db):
    sign_in(client, request, who)

    response = client.post(
        reverse("backoffice:search:terms"), {"word": "老旧小区改造", "synonyms": "旧改、老旧小区", "is_active": "on"}
    )

    if who in ALLOWED:
        assert response.status_code == 302
        assert Term.objects.get().synonyms == ["旧改", "老旧小区"]
    else:
        assert response.status_code == (302 if who == "anonymous" else 403)
        assert not Term.objects.exists()


@pytest.mark.parametrize("who", ROLES)
def test_back_office_rebuild_permissions(client, request, who, indexed):
    sign_in(client, request, who)

    response = client.post(reverse("backoffice:search:rebuild"))

    rebuilt = AuditEntry.objects.filter(action="search.index.rebuilt").count()
    if who in ALLOWED:
        assert response.status_code == 302
        assert rebuilt == 2  # the fixture's and this one
    else:
        assert response.status_code == (302 if who == "anonymous" else 403)
        assert rebuilt == 1


def test_back_office_term_form_shows_the_domain_error(client, office, db):
    client.login(username=office.username, password=PASSWORD)

    response = client.post(reverse("backoffice:search:terms"), {"word": "低", "synonyms": ""})

    assert response.status_code == 200
    assert "词语“低”无效" in response.content.decode()
    assert not Term.objects.exists()


def test_back_office_edit_term(client, office, db):
    client.login(username=office.username, password=PASSWORD)
    client.post(reverse("backoffice:search:terms"), {"word": "低保", "synonyms": "", "is_active": "on"})
    term = Term.objects.get()

    response = client.post(
        reverse("backoffice:search:edit_term", args=[term.pk]), {"word": "低保", "synonyms": "最低生活保障"}
    )

    assert response.status_code == 302
    term.refresh_from_db()
    assert (term.synonyms, term.is_active) == (["最低生活保障"], False)


def test_back_office_shows_popular_searches_as_chart_and_table(client, office, backend):
    client.login(username=office.username, password=PASSWORD)
    QueryDay.objects.create(query="低保", day=timezone.localdate(), searches=3)

    html = client.get(reverse("backoffice:search:index")).content.decode()

    assert 'id="search-chart"' in html
    assert "echarts.min.js" in html
    assert ">低保</a></td><td>3</td><td>0</td>" in html


# Command line --------------------------------------------------------------------------------------------------


def test_reindex_and_query_commands(indexed):
    out, err = StringIO(), StringIO()
    call_command("search", "reindex", stdout=out, stderr=err)
    assert "indexed 29 document(s)" in out.getvalue()
    assert "29/29" in err.getvalue()

    out = StringIO()
    call_command("search", "query", "低保", "--json", stdout=out)
    hits = json.loads(out.getvalue())
    assert [hit["id"] for hit in hits] == [1, 2]
    assert set(hits[0]) >= {"kind", "id", "title", "url", "score", "snippet"}
    assert all(hit["score"] > 0 for hit in hits)


def test_reindex_if_stale_rebuilds_only_after_the_vocabulary_changed(indexed, office):
    out = StringIO()
    call_command("search", "reindex", "--if-stale", stdout=out, stderr=StringIO())
    assert "index up to date" in out.getvalue()

    Term.objects.create(word="老旧小区改造")
    out = StringIO()
    call_command("search", "reindex", "--if-stale", stdout=out, stderr=StringIO())
    assert "indexed 29 document(s)" in out.getvalue()


def test_reindex_of_an_unknown_organization_fails(db):
    with pytest.raises(CommandError) as error:
        call_command("search", "reindex", "--org", "不存在的机构", stdout=StringIO(), stderr=StringIO())

    assert "找不到机构“不存在的机构”" in str(error.value)


def test_workbench_panel_lists_zero_result_searches_for_the_office(client, office, clerk, db):
    QueryDay.objects.create(query="宅基地审批", day=timezone.localdate(), searches=4, zero_results=3)
    QueryDay.objects.create(query="低保", day=timezone.localdate(), searches=9, zero_results=0)

    client.login(username=office.username, password=PASSWORD)
    html = client.get(reverse("backoffice:home")).content.decode()
    assert "近一周无结果的检索" in html
    assert "宅基地审批" in html
    assert "3 次无结果" in html
    assert ">低保<" not in html

    client.login(username=clerk.username, password=PASSWORD)
    assert "近一周无结果的检索" not in client.get(reverse("backoffice:home")).content.decode()


def test_api_search_by_filters_alone_has_no_score(client, indexed):
    response = client.get("/api/v1/search/", {"start": "2000-01-01"})

    assert response.status_code == 200
    assert response.json()["count"] > 0
    assert [hit["score"] for hit in response.json()["results"]] == [None] * len(response.json()["results"])


# The embedded engine answers from its own index; PostgreSQL's full-text search runs in the database (the planner's
# estimate of the matches, then the count up to the cap and the page), once for documents in force and once for the
# superseded ones that rank below them. The search service answers from its index too (no query on the app server).
PINNED_SEARCH_QUERIES = {"embedded": 1, "postgres": 9, "service": 1}


def test_api_search_query_count_is_pinned(client, indexed, backend_name, django_assert_max_num_queries):
    with django_assert_max_num_queries(PINNED_SEARCH_QUERIES[backend_name]):
        response = client.get("/api/v1/search/", {"q": "低保"})
    assert (response.status_code, response.json()["count"]) == (200, 2)
