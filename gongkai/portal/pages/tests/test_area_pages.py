"""Static pages of the newer areas (services, open data, villages, the leaderboard): the files equal what Django
renders; a retired guide and a leaderboard taken down leave the files before the service returns."""

from datetime import date

import pytest
from django.test import Client

from gongkai.opendata.models import UpdateCycle
from gongkai.opendata.services import create_dataset
from gongkai.orgs.tests.factories import OrganizationFactory, RegionFactory
from gongkai.oversight.models import Scheme
from gongkai.oversight.signals import leaderboard_changed
from gongkai.portal.pages import registry, service, storage
from gongkai.services.services import approve_guide, create_guide, retire_guide, submit_guide
from gongkai.services.tests.factories import guide_data

from .conftest import all_file_texts

pytestmark = pytest.mark.django_db

AREA_FAMILIES = ("services.pages", "opendata.pages", "villages.pages", "oversight.leaderboard")


@pytest.fixture
def guide(department, clerk, reviewer, pages_dir, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = create_guide(organization=department, data=guide_data(name="最低生活保障审批指南"), actor=clerk)
        submit_guide(guide=made, actor=clerk)
        return approve_guide(guide=made, actor=reviewer)


@pytest.fixture
def area_content(guide, government, office, township, street_office, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        create_dataset(
            publisher=government, actor=office, slug="records", title="已发布政府信息",
            description="主动公开的政府信息。",
            update_cycle=UpdateCycle.DAILY, fields=[{"name": "title", "type": "string", "description": "标题"}],
            contact="公开办 0519-88000000", updated_on=date(2026, 10, 1),
        )  # fmt: skip
        region = RegionFactory(name="东风社区", division_code="320499001001", parent=township)
        OrganizationFactory(region=region, name="东风社区居民委员会", kind="committee", parent=street_office)


def area_urls() -> list[str]:
    return [url for family in registry.families() if family.name in AREA_FAMILIES for url in family.urls()]


def test_area_files_equal_what_django_renders(area_content, guide, pages_dir):
    service.rebuild()
    urls = area_urls()
    assert guide.get_absolute_url() in urls
    assert "/data/records/" in urls
    assert "/data.json" in urls
    assert "/oversight/leaderboard/" in urls
    assert any(url.startswith("/villages/") and url != "/villages/" for url in urls)
    checked = 0
    for url in urls:
        for variant in storage.VARIANTS:
            client = Client()
            for name, value in variant.cookies.items():
                client.cookies[name] = value
            response = client.get(url)
            files = [path for path in storage.candidates(url, variant) if path.is_file()]
            assert response.status_code == 200, url
            assert len(files) == 1, url
            assert files[0].read_bytes() == response.content, f"{url} {variant}"
            checked += 1
    assert checked == 4 * len(urls)
    assert (
        "最低生活保障审批指南"
        in (pages_dir / "zh-hans/normal" / guide.get_absolute_url().strip("/") / "index.html").read_text()
    )


def test_putting_a_guide_in_force_renders_its_page_and_retiring_it_removes_it_at_once(
    one_variant, guide, reviewer, pages_dir, monkeypatch, django_capture_on_commit_callbacks
):
    page = pages_dir / "zh-hans/normal" / guide.get_absolute_url().strip("/") / "index.html"
    assert "最低生活保障审批指南" in page.read_text()
    assert "最低生活保障审批指南" in (pages_dir / "zh-hans/normal/services/guides/index.html").read_text()
    rendered_later = []
    monkeypatch.setattr(service, "changed", lambda topics: rendered_later.append(sorted(topics)))
    with django_capture_on_commit_callbacks(execute=True):
        retire_guide(guide=guide, actor=reviewer, reason="事项已取消")
    assert rendered_later == [[f"guide:{guide.pk}"]]
    assert not page.exists()
    assert [path for path, text in all_file_texts(pages_dir).items() if "最低生活保障审批指南" in text] == []


def test_taking_the_leaderboard_down_removes_its_file_at_once(one_variant, pages_dir, monkeypatch):

    service.refresh(["/oversight/leaderboard/"])
    page = pages_dir / "zh-hans/normal/oversight/leaderboard/index.html"
    assert page.is_file()
    monkeypatch.setattr(service, "changed", lambda topics: None)
    leaderboard_changed.send(sender=Scheme, published=False)
    assert not page.exists()


def test_a_dataset_that_stops_being_open_leaves_at_once(
    one_variant, area_content, office, pages_dir, monkeypatch, django_capture_on_commit_callbacks
):
    from gongkai.opendata.models import Dataset
    from gongkai.opendata.services import retire_dataset

    service.refresh(["/data/records/", "/data/"])
    page = pages_dir / "zh-hans/normal/data/records/index.html"
    assert page.is_file()
    rendered_later = []
    monkeypatch.setattr(service, "changed", lambda topics: rendered_later.append(sorted(topics)))
    with django_capture_on_commit_callbacks(execute=True):
        retire_dataset(dataset=Dataset.objects.get(slug="records"), actor=office, reason="数据已并入新数据集")
    assert rendered_later  # the lists are rendered again, without it, on the queue
    assert not page.exists()
    assert [path for path, text in all_file_texts(pages_dir).items() if "已发布政府信息" in text] == []


def test_site_settings_and_organization_profiles_re_render_the_pages_showing_them(
    government, office, monkeypatch, django_capture_on_commit_callbacks
):
    from gongkai.orgs.services import update_organization, update_site_settings

    rendered = []
    monkeypatch.setattr(service, "changed", lambda topics: rendered.append(sorted(topics)))
    with django_capture_on_commit_callbacks(execute=True):
        update_site_settings(region=government.region, actor=office, site_name="青溪区人民政府门户网站")
    with django_capture_on_commit_callbacks(execute=True):
        update_organization(organization=government, actor=office, functions="负责全区政务公开工作。")
    assert rendered == [["site"], ["organizations"]]
    assert registry.stale_urls(["site"]) == registry.all_urls()
