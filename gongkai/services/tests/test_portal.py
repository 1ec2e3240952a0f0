"""The public 办事服务 pages: what they show, that the site list needs no JavaScript, and their query counts."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.search.models import QueryDay
from gongkai.services.models import GuideStatus, GuideUsage, Site
from gongkai.services.services import save_category, save_composite, save_package, save_site

from .factories import GuideFactory, guide_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def guides(department, other_department):
    made = [GuideFactory(organization=department, name=f"民政事项{n}", life_event="assistance") for n in range(4)]
    made += [GuideFactory(organization=other_department, name=f"财政事项{n}") for n in range(3)]
    made.append(GuideFactory(organization=department, name="草稿事项", status=GuideStatus.DRAFT))
    return made


@pytest.fixture
def sites(government, department, office, guides):
    top = save_category(fields={"code": "health", "name": "卫生"}, parent=None, actor=office, organization=government)
    clinic = save_category(fields={"code": "clinic", "name": "社区卫生服务中心"}, parent=top, actor=office,
                           organization=government)  # fmt: skip
    culture = save_category(fields={"code": "culture", "name": "文化"}, parent=None, actor=office,
                            organization=government)  # fmt: skip
    library = save_category(fields={"code": "library", "name": "图书馆"}, parent=culture, actor=office,
                            organization=government)  # fmt: skip
    made = []
    for number in range(6):
        category = clinic if number % 2 else library
        fields = {"name": f"服务点{number}", "address": f"府前街{number}号", "phone": "0519-1", "hours": "工作日",
                  "accessibility": ["ramp", "toilet"]}  # fmt: skip
        made.append(save_site(organization=department, category=category, fields=fields, latitude="31.78",
                              longitude=f"119.9{number}", coordinate_system="cgcs2000", actor=office,
                              guides=guides[:2]))  # fmt: skip
    Site.objects.filter(pk=made[-1].pk).update(is_active=False)
    return made


def test_index_lists_packages_events_organizations_and_the_most_used_with_a_table(
    client, guides, government, office, django_assert_max_num_queries
):
    save_package(organization=government, actor=office, entries=[{"guide": guides[0]}],
                 fields={"slug": "elderly", "title": "老年人服务包", "kind": "population", "introduction": "导语",
                         "is_published": True})  # fmt: skip
    GuideUsage.objects.create(guide=guides[1], day=timezone.localdate(), views=42)
    QueryDay.objects.create(query="民政事项2", day=timezone.localdate(), searches=50)
    QueryDay.objects.create(query="x", day=timezone.localdate(), searches=90)  # one character names nothing
    with django_assert_max_num_queries(10):
        response = client.get(reverse("portal:services:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "老年人服务包" in html
    assert "救助（4）" in html
    rows = re.findall(r"<td><a href=\"[^\"]+\">([^<]+)</a></td><td>[^<]*</td><td>(\d+)</td><td>(\d+)</td>", html)
    assert rows == [("民政事项2", "0", "50"), ("民政事项1", "42", "0")]
    assert "民政事项2" not in html.split("<table")[0]  # the queries themselves are never shown


def test_guide_list_filters_and_hides_drafts(client, guides, department, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get(reverse("portal:services:guides"), {"org": department.credit_code})
    assert response.status_code == 200
    html = response.content.decode()
    assert [name for name in re.findall(r">(民政事项\d|财政事项\d|草稿事项)</a>", html)] == [
        "民政事项0", "民政事项1", "民政事项2", "民政事项3",
    ]  # fmt: skip
    response = client.get(reverse("portal:services:guides"), {"q": "财政"})
    assert "共 3 项" in response.content.decode()


def test_guide_page_shows_flowchart_text_equivalent_and_counts_the_view(client, guides, django_assert_max_num_queries):
    guide = guides[0]
    with django_assert_max_num_queries(10):
        response = client.get(guide.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="img"' in html
    assert "第2步 审核（街道办事处）：入户调查、民主评议并提出审核意见；时限：9个工作日。" in html
    assert "guide.pdf" in html
    seen = reverse("portal:services:guide_seen", args=[guide.organization.credit_code, guide.code])
    assert f'src="{seen}"' in html
    assert not GuideUsage.objects.filter(guide=guide).exists()  # the page may be a static file: the image counts
    assert client.get(seen)["Content-Type"] == "image/gif"
    assert GuideUsage.objects.get(guide=guide).views == 1
    client.get(seen)
    assert GuideUsage.objects.get(guide=guide).views == 2


def test_draft_guide_is_not_public(client, guides):
    draft = guides[-1]
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(draft.get_absolute_url() + "guide.pdf").status_code == 404


def test_printable_guide_is_a_pdf(client, guides):
    response = client.get(guides[0].get_absolute_url() + "guide.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_site_list_is_complete_without_javascript(client, sites, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get(reverse("portal:services:sites"))
    assert response.status_code == 200
    html = response.content.decode()
    listed = re.findall(r'<li id="site-(\d+)">', html)
    assert sorted(int(pk) for pk in listed) == sorted(site.pk for site in sites[:5])
    assert 'id="site-map" class="site-map" hidden' in html  # the map appears only when its script runs
    assert html.count('到这里去<span class="visually-hidden">') == 5
    assert "无障碍通道、无障碍卫生间" in html
    assert "https://uri.amap.com/marker?position=119.900000,31.780000&amp;name=" in html


def test_site_list_filters_by_top_category_or_subcategory(client, sites):
    for code in ("health", "clinic"):
        html = client.get(reverse("portal:services:sites"), {"category": code}).content.decode()
        assert re.findall(r"<a href=\"/services/sites/\d+/\">(服务点\d)</a>", html) == ["服务点1", "服务点3"]


def test_composite_page_shows_merged_materials_and_totals(client, department, other_department, government, office):
    first = GuideFactory(organization=department, name="甲事项", statutory_days=20, promised_days=5)
    second = GuideFactory(organization=other_department, name="乙事项", statutory_days=10, promised_days=2,
                          materials=guide_data()["materials"][:1])  # fmt: skip
    save_composite(organization=government, actor=office, guides=[first, second],
                   fields={"slug": "newborn", "name": "新生儿出生一件事", "introduction": "导语",
                           "is_published": True})  # fmt: skip
    html = client.get(reverse("portal:services:composite", kwargs={"slug": "newborn"})).content.decode()
    assert html.count("<td>居民身份证</td>") == 1
    assert "法定时限合计 30 个工作日，承诺时限合计 7 个工作日，节约 23 个工作日" in html
    assert "第4步 受理（示范区财政局·街道社会救助窗口）" in html
