"""The public statistics page: tables in the HTML (no script needed), CSV downloads, the year filter, its queries."""

import csv
import io

import pytest
from django.core.cache import cache

from gongkai.reports.tests.statistics_data import build


@pytest.fixture
def world(department, street_office, clerk):
    cache.clear()
    yield build(department=department, street_office=street_office, clerk=clerk)
    cache.clear()


def test_every_table_is_in_the_html_with_its_definition_and_csv_link(client, world):
    response = client.get("/statistics/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f"{world['year']}年数据统计" in page
    assert '<th scope="row">示范区民政局</th><td>5</td>' in page
    assert '<th scope="row">3月</th><td>3</td>' in page
    assert "在法定期限内答复" in page
    assert "口径：" in page
    assert "已撤回的信息不计入" in page
    assert f"/statistics/records-by-month.csv?year={world['year']}" in page
    assert 'id="statistics-charts" type="application/json"' in page
    assert "vendor/echarts/echarts.min.js" in page
    assert "别的县民政局" not in page  # outside the portal's region


def test_navigation_and_footer_link_the_page(client, db):
    page = client.get("/sitemap/").content.decode()
    assert page.count('href="/statistics/"') >= 2  # navigation (and the sitemap's sections) and the footer


def test_csv_holds_the_table(client, world):
    response = client.get(f"/statistics/records-by-organization.csv?year={world['year']}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text))) == [["机构", "发布条数"], ["示范区民政局", "5"], ["东风街道办事处", "2"]]


def test_csv_writes_an_empty_cell_for_a_missing_figure_and_never_a_formula(client, world, department):
    department.name = "=HYPERLINK(1)"
    department.save()
    rows = list(
        csv.reader(io.StringIO(client.get("/statistics/records-by-organization.csv").content.decode("utf-8-sig")))
    )
    assert rows[1][0] == "'=HYPERLINK(1)"
    survey = list(
        csv.reader(io.StringIO(client.get("/statistics/survey-satisfaction.csv").content.decode("utf-8-sig")))
    )
    assert survey[-1] == ["合计", "0", "0", "0", ""]


def test_unknown_table_is_404(client, db):
    assert client.get("/statistics/no-such-table.csv").status_code == 404


def test_year_filter_shows_another_year_and_ignores_a_bad_one(client, world):
    last_year = world["year"] - 1
    page = client.get(f"/statistics/?year={last_year}").content.decode()
    assert f"{last_year}年数据统计" in page
    assert '<th scope="row">7月</th><td>1</td>' in page
    page = client.get("/statistics/?year=abc").content.decode()
    assert f"{world['year']}年数据统计" in page


def test_warm_page_costs_the_region_alone(client, world, django_assert_num_queries):
    assert client.get("/statistics/").status_code == 200  # fills the cache (the footer's site settings too)
    with django_assert_num_queries(1):  # the portal's region
        response = client.get("/statistics/")
    assert response.status_code == 200


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_page_passes_axe_and_fits_a_phone(live_server, browser, seeded, department, street_office, clerk):
    from gongkai.core.tests.browser import DESKTOP, NARROW, axe_violations, overflow

    cache.clear()
    build(department=department, street_office=street_office, clerk=clerk)
    failures = []
    for viewport in (NARROW, DESKTOP):
        context = browser.new_context(viewport=viewport, locale="zh-CN")
        page = context.new_page()
        response = page.goto(live_server.url + "/statistics/", wait_until="load")
        assert response.status == 200
        page.wait_for_selector("#records-by-month-chart canvas")
        failures += [f"{viewport}: {problem}" for problem in axe_violations(page) + overflow(page)]
        context.close()
    cache.clear()
    assert not failures, "\n".join(failures)


def test_page_and_definitions_follow_the_language(client, world, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/statistics/").content.decode()
    assert f"Statistics {world['year']}" in page
    assert "Records published" in page
    assert "withdrawn records do not" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    assert "发布条数" in client.get("/statistics/").content.decode()
