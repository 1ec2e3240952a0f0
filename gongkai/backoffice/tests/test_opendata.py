"""Back-office cataloguing of open data: who may reach the pages (permission matrix, 404 outside scope), creating and
editing datasets with Chinese messages for bad input, file and live resources, a newer file, retiring a resource or
a whole dataset and opening it again — each audited, and each visible on the portal and in data.json."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongkai.core.models import AuditEntry
from gongkai.opendata import services
from gongkai.opendata.exporting import as_csv
from gongkai.opendata.models import Dataset, Format, Query, Resource, UpdateCycle
from gongkai.orgs.tests.factories import OrganizationFactory, RegionFactory

WHO = ["anonymous", "public_user", "clerk", "reviewer", "other_clerk", "office", "admin_person"]
MANAGERS = {"office", "admin_person"}
FIELDS = [{"name": "name", "type": "string", "description": "名称"}]


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def public_user(make_person):
    return make_person(username="resident")


@pytest.fixture
def dataset(government, office):
    made = services.create_dataset(
        publisher=government, actor=office, slug="sites", title="便民服务点名录", description="服务点。",
        update_cycle=UpdateCycle.QUARTERLY, fields=FIELDS, contact="公开办", updated_on=date(2026, 1, 5),
    )  # fmt: skip
    services.add_resource(
        dataset=made, actor=office, name="服务点（CSV）", format=Format.CSV, data=as_csv(["name"], [("甲",)])
    )
    return made


@pytest.fixture
def far_office(make_person):
    elsewhere = RegionFactory(name="别的区", division_code="320588000000")
    return make_person("office", OrganizationFactory(region=elsewhere, name="别的区政府"), username="far_office")


def login(client, request, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))


def expected_status(who):
    return 200 if who in MANAGERS else (302 if who == "anonymous" else 403)


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("page", ["index", "create", "dataset", "edit", "resource_create"])
def test_permission_matrix(client, request, dataset, who, page):
    login(client, request, who)
    arguments = {} if page in ("index", "create") else {"dataset_id": dataset.pk}
    response = client.get(reverse(f"backoffice:opendata:{page}", kwargs=arguments))
    assert response.status_code == expected_status(who)
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("backoffice:login"))


def test_an_office_of_another_region_gets_404_and_changes_nothing(client, dataset, far_office):
    client.force_login(far_office)
    resource = dataset.resources.get()
    for name, kwargs in [
        ("dataset", {}),
        ("edit", {}),
        ("resource_create", {}),
        ("retire", {}),
        ("reopen", {}),
        ("resource_retire", {"resource_id": resource.pk}),
        ("resource_replace", {"resource_id": resource.pk}),
    ]:
        url = reverse(f"backoffice:opendata:{name}", kwargs={"dataset_id": dataset.pk, **kwargs})
        response = client.post(url, {"reason": "不再维护", "title": "改名"}) if name != "dataset" else client.get(url)
        assert response.status_code == 404, name
    assert "便民服务点名录" not in client.get(reverse("backoffice:opendata:index")).content.decode()
    dataset.refresh_from_db()
    assert (dataset.title, dataset.is_published) == ("便民服务点名录", True)
    assert Resource.objects.get().is_active
    assert not AuditEntry.objects.filter(actor=far_office, action__startswith="opendata.").exists()


def test_index_lists_the_datasets_with_a_pinned_query_count(client, office, dataset, django_assert_max_num_queries):
    client.force_login(office)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("backoffice:opendata:index"))
    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("backoffice:opendata:dataset", args=[dataset.pk]) in page
    assert "已逾期未更新" in page  # a quarterly file dataset last updated in January


def dataset_post(**overrides) -> dict:
    return {
        "slug": "village-points",
        "title": "村（社区）便民服务点",
        "description": "各村（社区）便民服务点。",
        "keywords": "便民 服务点",
        "update_cycle": UpdateCycle.MONTHLY,
        "updated_on": "2026-11-30",
        "field_lines": "name | string | 名称\nphone | string | 电话",
        "licence": "CC BY 4.0",
        "contact": "公开办 0519-88000000",
    } | overrides


def test_office_creates_a_dataset_from_the_form(client, office, government):
    client.force_login(office)
    response = client.post(reverse("backoffice:opendata:create"), dataset_post(publisher=government.pk))
    created = Dataset.objects.get(slug="village-points")
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:opendata:dataset", args=[created.pk])
    assert (created.publisher, created.update_cycle, created.updated_on, created.created_by) == (
        government,
        "monthly",
        date(2026, 11, 30),
        office,
    )
    assert created.fields == [
        {"name": "name", "type": "string", "description": "名称"},
        {"name": "phone", "type": "string", "description": "电话"},
    ]
    entry = AuditEntry.objects.get(action="opendata.dataset.created")
    assert (entry.actor, entry.target_id) == (office, str(created.pk))


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"slug": "Village Points"}, "标识只能包含小写字母、数字和连字符，例如 service-sites。"),
        ({"slug": "sites"}, "标识“sites”已被使用。"),
        (
            {"field_lines": "name | text | 名称"},
            "第 1 行的类型“text”应为 string、integer、number、date、datetime、boolean 之一。",
        ),
        ({"field_lines": "name | string | 名称 | 多余"}, "第 1 行应为“名称 | 类型 | 说明”。"),
        ({"field_lines": " "}, "这个字段是必填项。"),
        ({"updated_on": "2026/13/01"}, "请按 2026-01-31 的格式填写日期。"),
        ({"title": ""}, "这个字段是必填项。"),
    ],
)
def test_bad_dataset_input_is_refused_in_chinese_and_creates_nothing(
    client, office, government, dataset, overrides, message
):
    client.force_login(office)
    before = AuditEntry.objects.count()
    response = client.post(reverse("backoffice:opendata:create"), dataset_post(publisher=government.pk, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert list(Dataset.objects.values_list("slug", flat=True)) == ["sites"]
    assert AuditEntry.objects.count() == before


def test_a_future_update_date_is_refused(client, office, government):
    client.force_login(office)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        reverse("backoffice:opendata:create"), dataset_post(publisher=government.pk, updated_on=tomorrow)
    )
    assert response.status_code == 400
    assert "数据更新日期不能晚于今天。" in response.content.decode()
    assert not Dataset.objects.exists()


def test_an_office_cannot_catalogue_for_an_organization_outside_its_region(client, far_office, government):
    client.force_login(far_office)
    response = client.post(reverse("backoffice:opendata:create"), dataset_post(publisher=government.pk))
    assert response.status_code == 400
    assert "选择一个有效的选项" in response.content.decode()
    assert not Dataset.objects.exists()


def test_editing_keeps_slug_and_publisher_and_audits_the_previous_values(client, office, dataset):
    client.force_login(office)
    post = dataset_post(title="便民服务点名录（2026）", update_cycle=UpdateCycle.YEARLY, slug="hijack")
    response = client.post(reverse("backoffice:opendata:edit", args=[dataset.pk]), post)
    assert response.status_code == 302
    dataset.refresh_from_db()
    assert (dataset.slug, dataset.title, dataset.update_cycle) == ("sites", "便民服务点名录（2026）", "yearly")
    entry = AuditEntry.objects.get(action="opendata.dataset.updated")
    assert entry.data["before"]["title"] == "便民服务点名录"
    assert entry.data["before"]["update_cycle"] == "quarterly"
    assert "title" in entry.data["changed"]


def test_edit_form_shows_the_data_items_as_lines(client, office, dataset):
    client.force_login(office)
    page = client.get(reverse("backoffice:opendata:edit", args=[dataset.pk])).content.decode()
    assert "name | string | 名称" in page
    assert 'name="slug"' not in page


def test_adding_a_file_and_a_live_resource(client, office, dataset, government):
    client.force_login(office)
    url = reverse("backoffice:opendata:resource_create", args=[dataset.pk])
    upload = SimpleUploadedFile("points.json", '[{"name": "乙"}]'.encode(), content_type="application/json")
    response = client.post(url, {"name": "服务点（JSON）", "format": "json", "kind": "file", "file": upload})
    assert response.status_code == 302
    response = client.post(
        url, {"name": "政府信息（CSV）", "format": "csv", "kind": "query", "query": "column_records",
              "organization": government.pk},
    )  # fmt: skip
    assert response.status_code == 302
    live = Resource.objects.get(name="政府信息（CSV）")
    assert (live.query, live.parameters) == (Query.COLUMN_RECORDS, {"organization": government.pk})
    downloaded = client.get(
        reverse("portal:opendata:download", args=["sites", Resource.objects.get(name="服务点（JSON）").pk])
    )
    assert b"".join(downloaded.streaming_content).decode() == '[{"name": "乙"}]'
    assert AuditEntry.objects.filter(action="opendata.resource.added").count() == 3


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"kind": "file", "format": "json", "file": b"{not json"}, "文件内容与格式“json”不符。"),
        ({"kind": "file", "format": "csv"}, "请选择要上传的文件。"),
        ({"kind": "query", "format": "csv"}, "请选择实时查询。"),
        (
            {"kind": "query", "format": "csv", "query": "service_sites", "category": "nowhere"},
            "找不到服务点分类“nowhere”。",
        ),
        ({"kind": "query", "format": "csv", "query": "catalog_items"}, "标准目录公开事项须指定机构。"),
        ({"kind": "query", "format": "csv", "query": "report_figures", "column": "x"}, "不接受参数“column”"),
    ],
)
def test_bad_resources_are_refused_in_chinese(client, office, dataset, post, message):
    client.force_login(office)
    if "file" in post:
        post["file"] = SimpleUploadedFile("bad.json", post["file"])
    before = AuditEntry.objects.count()
    response = client.post(reverse("backoffice:opendata:resource_create", args=[dataset.pk]), {"name": "资源", **post})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Resource.objects.count() == 1
    assert AuditEntry.objects.count() == before


def test_a_newer_file_updates_the_data_and_turns_the_light_green(client, office, dataset):
    client.force_login(office)
    resource = dataset.resources.get()
    newer = as_csv(["name"], [("丙",)])
    response = client.post(
        reverse("backoffice:opendata:resource_replace", args=[dataset.pk, resource.pk]),
        {"file": SimpleUploadedFile("new.csv", newer)},
    )
    assert response.status_code == 302
    dataset.refresh_from_db()
    assert dataset.updated_on == timezone.localdate()
    downloaded = client.get(resource.get_absolute_url())
    assert b"".join(downloaded.streaming_content) == newer
    assert "按期更新" in client.get(reverse("backoffice:opendata:dataset", args=[dataset.pk])).content.decode()
    entry = AuditEntry.objects.get(action="opendata.resource.replaced")
    assert entry.data["previous_file"].startswith("opendata/")


def test_a_retired_resource_is_no_longer_offered(client, office, dataset):
    client.force_login(office)
    resource = dataset.resources.get()
    response = client.post(reverse("backoffice:opendata:resource_retire", args=[dataset.pk, resource.pk]))
    assert response.status_code == 302
    assert client.get(resource.get_absolute_url()).status_code == 404
    assert client.get(reverse("portal:opendata:jsonld", args=["sites"])).json()["dcat:distribution"] == []
    resource.refresh_from_db()
    assert (resource.is_active, AuditEntry.objects.filter(action="opendata.resource.retired").count()) == (False, 1)


def test_retiring_needs_a_reason_then_the_dataset_leaves_the_portal_until_reopened(client, office, dataset):
    client.force_login(office)
    retire = reverse("backoffice:opendata:retire", args=[dataset.pk])
    response = client.post(retire, {"reason": " "}, follow=True)
    assert "请填写停止开放的原因。" in response.content.decode()
    assert Dataset.objects.get().is_published
    client.post(retire, {"reason": "数据已并入全区服务网点数据集"})
    assert not Dataset.objects.get().is_published
    assert client.get(dataset.get_absolute_url()).status_code == 404
    assert client.get(reverse("portal:data_json")).json()["dataset"] == []
    entry = AuditEntry.objects.get(action="opendata.dataset.retired")
    assert entry.data == {"reason": "数据已并入全区服务网点数据集"}
    client.post(reverse("backoffice:opendata:reopen", args=[dataset.pk]))
    assert client.get(dataset.get_absolute_url()).status_code == 200
    assert AuditEntry.objects.filter(action="opendata.dataset.reopened").count() == 1
