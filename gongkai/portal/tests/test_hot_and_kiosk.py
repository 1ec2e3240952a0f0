"""The portal's 热门 page and home block, and the kiosk mode: what they list, no link leaving the site, query
budgets, and the pages' static-publishing topics."""

from datetime import timedelta

import lxml.html
import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from gongkai.catalog.tests.factories import catalog_of, make_tree
from gongkai.engagement.models import CountedKind, DailyCount
from gongkai.portal.pages.registry import stale_urls
from gongkai.publishing.models import RecordStatus
from gongkai.publishing.tests.factories import draft, force_status
from gongkai.search.models import QueryDay
from gongkai.services.services import approve_guide, create_guide, submit_guide
from gongkai.services.tests.factories import guide_data

KIOSK_PAGES = ["start", "hot", "columns", "guides"]


@pytest.fixture
def hot_district(department, clerk, reviewer, admin_person, settings, tmp_path):
    settings.GONGKAI_CACHE_DIR = tmp_path / "cache"
    cache.clear()
    today = timezone.localdate()
    _group, guide_item, _review = make_tree(catalog_of(department), admin_person)
    record = draft(
        department,
        clerk,
        title="低保标准调整通知",
        body=(
            '<p>详见<a href="https://example.com/elsewhere">外部网站</a>。'
            '<img src="https://example.com/x.png" alt="图"></p>'
        ),
    )
    record = force_status(record, RecordStatus.PUBLISHED)
    record.items.add(guide_item)
    guide = create_guide(organization=department, data=guide_data(), actor=clerk)
    submit_guide(guide=guide, actor=clerk)
    guide = approve_guide(guide=guide, actor=reviewer)
    DailyCount.objects.create(kind=CountedKind.RECORD, object_id=record.pk, day=today, views=12)
    DailyCount.objects.create(kind=CountedKind.GUIDE, object_id=guide.pk, day=today, views=5)
    QueryDay.objects.create(query="低保", day=today, searches=4)
    QueryDay.objects.create(query="低保", day=today - timedelta(days=1), searches=3)
    QueryDay.objects.create(query="王小明", day=today, searches=1)
    yield {"record": record, "guide": guide, "item": guide_item}
    cache.clear()


def test_hot_page_lists_terms_records_guides_and_items(client, hot_district, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = client.get(reverse("portal:hot:index"))

    assert response.status_code == 200
    body = response.content.decode()
    assert "低保标准调整通知" in body
    assert hot_district["guide"].name in body
    assert hot_district["item"].name in body
    assert "/search/?q=%E4%BD%8E%E4%BF%9D" in body
    assert "王小明" not in body  # one search: never public


def test_hot_lists_download_as_csv_and_read_as_json_from_the_same_figures(client, hot_district):
    response = client.get(reverse("portal:hot:csv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = [line.split(",") for line in response.content.decode("utf-8-sig").splitlines()]
    assert rows[0] == ["类别", "名称", "次数", "地址"]
    assert rows[1][:3] == ["检索词", "低保", "7"]
    assert ["信息", "低保标准调整通知", "12"] in [row[:3] for row in rows]
    assert ["办事指南", hot_district["guide"].name, "5"] in [row[:3] for row in rows]
    assert not any("王小明" in line for line in response.content.decode("utf-8-sig").splitlines())

    data = client.get("/api/v1/hot/").json()
    assert data["period"] == "week"
    assert data["terms"] == [{"query": "低保", "searches": 7, "days": 2}]
    assert [(row["title"], row["views"]) for row in data["records"]] == [("低保标准调整通知", 12)]
    assert [row["id"] for row in data["guides"]] == [hot_district["guide"].pk]
    assert client.get("/api/v1/hot/", {"period": "year"}).status_code == 422


def test_hot_page_names_its_periods_in_the_reader_s_language(client, hot_district):
    # The period labels are lazy: made at import, they would stay in the language the process started in.
    client.cookies["django_language"] = "en"

    response = client.get(reverse("portal:hot:index"))

    assert response.status_code == 200
    assert "Last 30 days" in response.content.decode()
    assert "近 30 天" not in response.content.decode()


def test_home_shows_the_hot_block(client, hot_district):
    response = client.get(reverse("portal:home"))

    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    links = page.xpath('//section[@class="home-hot"]//a/text()')
    assert links == ["低保", "低保标准调整通知", "更多热门内容"]


def test_home_and_hot_are_re_rendered_when_the_lists_change():
    assert set(stale_urls(["frequent"])) == {"/", "/hot/"}


@pytest.mark.parametrize("name", KIOSK_PAGES)
def test_kiosk_pages_link_only_inside_the_kiosk(client, hot_district, name, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = client.get(reverse(f"portal:kiosk:{name}"))

    assert response.status_code == 200
    links = lxml.html.fromstring(response.content).xpath("//a/@href")
    assert links
    assert all(href.startswith("/kiosk/") or href == "#main" for href in links)


def test_kiosk_record_drops_links_and_images_and_offers_a_qr_code(client, hot_district):
    record = hot_district["record"]

    response = client.get(reverse("portal:kiosk:record", kwargs={"record_id": record.pk}))

    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    assert "外部网站" in page.text_content()
    assert not page.xpath('//div[@class="kiosk-body"]//a | //div[@class="kiosk-body"]//img')
    qr = page.xpath('//figure[@class="kiosk-qr"]/img/@src')[0]
    assert qr == f"/kiosk/qr.svg?to=/records/{record.pk}/"
    assert client.get(qr).status_code == 200


def test_kiosk_guide_and_column(client, hot_district):
    guide = hot_district["guide"]

    assert client.get(reverse("portal:kiosk:guide", kwargs={"guide_id": guide.pk})).status_code == 200
    columns = client.get(reverse("portal:kiosk:columns"))
    slug = lxml.html.fromstring(columns.content).xpath('//a[@class="kiosk-tile"]/@href')[0].split("/")[-2]
    assert client.get(reverse("portal:kiosk:column", kwargs={"slug": slug})).status_code == 200


@pytest.mark.parametrize("target", ["https://example.com/", "//example.com/", "/no-such-page/", ""])
def test_kiosk_qr_only_for_pages_of_this_site(client, db, target):
    assert client.get(reverse("portal:kiosk:qr"), {"to": target}).status_code == 404


def test_kiosk_unknown_objects_are_not_found(client, db):
    assert client.get(reverse("portal:kiosk:record", kwargs={"record_id": 999})).status_code == 404
    assert client.get(reverse("portal:kiosk:guide", kwargs={"guide_id": 999})).status_code == 404
    assert client.get(reverse("portal:kiosk:column", kwargs={"slug": "nothing"})).status_code == 404


@pytest.mark.parametrize(
    ("url", "english"),
    [
        ("/hot/", "Top searches"),
        ("/kiosk/", "What would you like to look up?"),
        ("/kiosk/hot/", "Popular (last 7 days)"),
    ],
)
def test_pages_are_translated_into_english(client, hot_district, url, english):
    client.cookies["django_language"] = "en"

    response = client.get(url)

    assert response.status_code == 200
    assert english in response.content.decode()
