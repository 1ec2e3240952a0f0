import pytest

from gongkai.services.models import GuideStatus
from gongkai.services.services import save_category, save_composite, save_site

from .factories import GuideFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/services"


def test_guide_list_and_detail_show_only_guides_in_force(client, department, django_assert_max_num_queries):
    public = GuideFactory(organization=department, name="婚姻登记", statutory_days=1, promised_days=1,
                          steps=[{"name": "登记", "actor": "窗口", "action": "当场办结", "days": 0}])  # fmt: skip
    draft = GuideFactory(organization=department, status=GuideStatus.DRAFT)
    with django_assert_max_num_queries(3):
        data = client.get(f"{API}/guides").json()
    assert (data["count"], [row["name"] for row in data["results"]]) == (1, ["婚姻登记"])
    guide = client.get(f"{API}/guides/{public.pk}").json()
    assert guide["flowchart_text"] == ["第1步 登记（窗口）：当场办结；时限：即时办结。"]
    assert guide["flowchart_svg"].startswith('<svg xmlns="http://www.w3.org/2000/svg" role="img"')
    assert guide["free"] is True
    response = client.get(f"{API}/guides/{draft.pk}")
    assert (response.status_code, response.json()["code"]) == (404, "api.not_found")


def test_composite_returns_merged_materials_and_totals(client, department, other_department, government, office):
    first = GuideFactory(organization=department, statutory_days=20, promised_days=5)
    second = GuideFactory(organization=other_department, statutory_days=10, promised_days=2)
    save_composite(organization=government, actor=office, guides=[first, second],
                   fields={"slug": "x", "name": "一件事", "introduction": "导语", "is_published": True})  # fmt: skip
    data = client.get(f"{API}/composites/x").json()
    assert [m["name"] for m in data["materials"]] == ["居民身份证", "户口簿", "残疾人证"]
    assert (data["statutory_days"], data["promised_days"], data["days_saved"]) == (30, 7, 23)
    assert len(data["steps"]) == 6


def test_sites_are_in_cgcs2000_and_gcj02_input_was_converted(client, government, department, office):
    top = save_category(fields={"code": "health", "name": "卫生"}, parent=None, actor=office, organization=government)
    clinic = save_category(fields={"code": "clinic", "name": "卫生院"}, parent=top, actor=office,
                           organization=government)  # fmt: skip
    save_site(organization=department, category=clinic, fields={"name": "卫生院", "address": "地址"},
              latitude="31.17530398364597", longitude="121.531541859215", coordinate_system="gcj02",
              actor=office)  # fmt: skip
    [site] = client.get(f"{API}/sites", {"category": "health"}).json()["results"]
    assert (site["latitude"], site["longitude"], site["coordinate_system"]) == (31.177428, 121.527211, "CGCS2000")
    assert client.get(f"{API}/site-categories").json()["results"] == [
        {"code": "health", "name": "卫生", "subcategories": [{"code": "clinic", "name": "卫生院", "subcategories": []}]}
    ]


def test_time_savings_pages_the_organizations_and_keeps_the_total_apart(client, department, other_department):
    GuideFactory(organization=department, statutory_days=20, promised_days=5)
    GuideFactory(organization=other_department, statutory_days=10, promised_days=2)
    data = client.get(f"{API}/time-savings", {"page_size": 1}).json()
    assert (data["count"], data["pages"], len(data["results"])) == (2, 2, 1)
    assert (data["total"]["organization"], data["total"]["guides"], data["total"]["days_saved"]) == ("合计", 2, 23)
    second = client.get(f"{API}/time-savings", {"page_size": 1, "page": 2}).json()
    assert second["results"][0]["organization"] != data["results"][0]["organization"]
    assert second["total"] == data["total"]
