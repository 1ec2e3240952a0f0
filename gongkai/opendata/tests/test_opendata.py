"""The open-data catalog: datasets and resources through the services, downloads that match the data and are
counted, DCAT JSON-LD and data.json, and the overdue lights per update cycle."""

import csv
import io
import json
from datetime import date, timedelta

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.catalog.importing import import_catalog
from gongkai.catalog.tests.factories import catalog_of
from gongkai.catalog.tests.workbooks import national_workbook
from gongkai.core.errors import AccessDenied
from gongkai.opendata import services
from gongkai.opendata.errors import OpendataError
from gongkai.opendata.exporting import as_csv
from gongkai.opendata.models import Dataset, Format, Query, Resource, UpdateCycle
from gongkai.opendata.selectors import light_of
from gongkai.publishing.models import RecordStatus
from gongkai.publishing.services import publish_record, seed_columns
from gongkai.publishing.tests.factories import draft, force_status

FIELDS = [{"name": "title", "type": "string", "description": "标题"}]


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def make_dataset(government, office, **fields) -> Dataset:
    values = {
        "slug": "records",
        "title": "已发布政府信息",
        "description": "主动公开的政府信息。",
        "update_cycle": UpdateCycle.DAILY,
        "fields": FIELDS,
        "contact": "公开办 0519-88000000",
        "updated_on": date(2026, 10, 1),
    }
    return services.create_dataset(publisher=government, actor=office, **(values | fields))


@pytest.fixture
def published(government, clerk, reviewer, department):
    seed_columns(organization=department)
    records = []
    for day in (1, 2, 3):
        record = force_status(draft(department, clerk, written_on=date(2026, 3, day)), RecordStatus.CLEARED)
        records.append(publish_record(record=record, actor=reviewer))
    force_status(draft(department, clerk), RecordStatus.SUBMITTED)  # never public
    return records


def download(client, resource):
    response = client.get(reverse("portal:opendata:download", args=[resource.dataset.slug, resource.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_live_csv_and_json_match_the_published_records(client, government, office, published):
    dataset = make_dataset(government, office)
    as_csv_resource = services.add_resource(
        dataset=dataset, actor=office, name="CSV", format=Format.CSV, query=Query.COLUMN_RECORDS
    )
    as_json_resource = services.add_resource(
        dataset=dataset, actor=office, name="JSON", format=Format.JSON, query=Query.COLUMN_RECORDS
    )
    rows = list(csv.DictReader(io.StringIO(download(client, as_csv_resource).decode("utf-8-sig"))))
    expected = sorted(record.index_number for record in published)
    assert sorted(row["index_number"] for row in rows) == expected
    assert {row["title"] for row in rows} == {record.title for record in published}
    items = json.loads(download(client, as_json_resource))
    assert sorted(item["index_number"] for item in items) == expected
    download(client, as_json_resource)
    counts = dict(Resource.objects.values_list("name", "download_count"))
    assert counts == {"CSV": 1, "JSON": 2}


def test_catalog_items_as_xlsx_match_the_catalog(client, government, office):
    catalog = catalog_of(government)
    import_catalog(catalog=catalog, content=national_workbook(), actor=office)
    dataset = make_dataset(government, office, slug="items", update_cycle=UpdateCycle.MONTHLY)
    resource = services.add_resource(
        dataset=dataset, actor=office, name="XLSX", format=Format.XLSX, query=Query.CATALOG_ITEMS,
        parameters={"organization": government.pk},
    )  # fmt: skip
    sheet = load_workbook(io.BytesIO(download(client, resource))).active
    codes = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(codes) == sorted(
        catalog.items.filter(is_group=False, status="in_force").values_list("code", flat=True)
    )


def test_a_file_resource_is_served_as_uploaded(client, government, office):
    data = as_csv(["name", "phone"], [("溪北村便民服务点", "0519-88001001")])
    dataset = make_dataset(government, office, slug="sites", update_cycle=UpdateCycle.QUARTERLY)
    resource = services.add_resource(dataset=dataset, actor=office, name="便民服务点", format=Format.CSV, data=data)
    assert download(client, resource) == data


@pytest.mark.parametrize(
    ("format_", "data"), [(Format.JSON, b"{not json"), (Format.XLSX, b"PK not a zip"), (Format.CSV, b"\xff\xfe\x00")]
)
def test_a_file_that_is_not_its_format_is_refused(government, office, format_, data):
    dataset = make_dataset(government, office)
    with pytest.raises(OpendataError):
        services.add_resource(dataset=dataset, actor=office, name="坏文件", format=format_, data=data)
    assert not Resource.objects.exists()


def test_only_the_office_catalogues(government, clerk):
    with pytest.raises(AccessDenied):
        make_dataset(government, clerk)
    assert not Dataset.objects.exists()


@pytest.mark.parametrize(
    ("cycle", "age_days", "light"),
    [
        (UpdateCycle.MONTHLY, 10, "green"),
        (UpdateCycle.MONTHLY, 27, "yellow"),
        (UpdateCycle.MONTHLY, 32, "red"),
        (UpdateCycle.YEARLY, 300, "yellow"),
        (UpdateCycle.DAILY, 2, "red"),
        (UpdateCycle.IRREGULAR, 3000, "green"),
    ],
)
def test_overdue_lights_follow_the_update_cycle(government, office, cycle, age_days, light):
    today = date(2026, 12, 1)
    dataset = make_dataset(government, office, update_cycle=cycle, updated_on=today - timedelta(days=age_days))
    services.add_resource(dataset=dataset, actor=office, name="文件", format=Format.CSV, data=as_csv(["a"], [(1,)]))
    assert light_of(dataset, today) == light


def test_a_dataset_of_live_queries_is_never_overdue(government, office):
    dataset = make_dataset(government, office, updated_on=date(2020, 1, 1))
    services.add_resource(dataset=dataset, actor=office, name="CSV", format=Format.CSV, query=Query.COLUMN_RECORDS)
    assert light_of(dataset, date(2026, 12, 1)) == "green"


def test_pages_jsonld_and_data_json(client, government, office, published, django_assert_max_num_queries):
    dataset = make_dataset(government, office, keywords="政府信息 主动公开")
    resource = services.add_resource(
        dataset=dataset, actor=office, name="CSV", format=Format.CSV, query=Query.COLUMN_RECORDS
    )
    with django_assert_max_num_queries(6):
        page = client.get(reverse("portal:opendata:index"))
    assert page.status_code == 200
    assert "已发布政府信息" in page.content.decode()
    detail = client.get(dataset.get_absolute_url()).content.decode()
    assert "公开办 0519-88000000" in detail
    assert resource.get_absolute_url() in detail
    ld = client.get(reverse("portal:opendata:jsonld", args=[dataset.slug]))
    assert ld["Content-Type"] == "application/ld+json"
    document = ld.json()
    assert (document["@type"], document["dct:title"], document["dcat:keyword"]) == (
        "dcat:Dataset", "已发布政府信息", ["政府信息", "主动公开"],
    )  # fmt: skip
    assert document["dcat:distribution"][0]["dcat:downloadURL"]["@id"].endswith(resource.get_absolute_url())
    catalog = client.get(reverse("portal:data_json")).json()
    assert [entry["identifier"] for entry in catalog["dataset"]] == ["records"]
    assert catalog["dataset"][0]["accrualPeriodicity"] == "http://purl.org/cld/freq/daily"


def test_unpublished_datasets_are_not_found(client, government, office):
    dataset = make_dataset(government, office)
    resource = services.add_resource(
        dataset=dataset, actor=office, name="CSV", format=Format.CSV, query=Query.COLUMN_RECORDS
    )
    Dataset.objects.filter(pk=dataset.pk).update(is_published=False)
    assert client.get(dataset.get_absolute_url()).status_code == 404
    assert client.get(reverse("portal:opendata:download", args=[dataset.slug, resource.pk])).status_code == 404
    assert Resource.objects.get().download_count == 0


def test_home_page_links_to_cases_and_open_data(client, db):
    html = client.get(reverse("portal:home")).content.decode()
    for name in ("portal:cases:lookup", "portal:cases:statistics", "portal:opendata:index"):
        assert f'href="{reverse(name)}"' in html


def test_command_adds_a_dataset_all_or_nothing_and_lists_lights(tmp_path, government, office):
    from io import StringIO

    from django.core.management import CommandError, call_command

    (tmp_path / "sites.csv").write_bytes(as_csv(["name"], [("溪北村便民服务点",)]))
    spec = {
        "slug": "sites",
        "title": "便民服务点名录",
        "publisher": str(government.pk),
        "description": "便民服务点。",
        "update_cycle": "quarterly",
        "updated_on": "2020-01-01",
        "contact": "公开办",
        "fields": [{"name": "name", "type": "string", "description": "名称"}],
        "resources": [{"name": "CSV", "format": "csv", "file": "sites.csv"}],
    }
    path = tmp_path / "sites.json"
    path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    out = StringIO()
    call_command("opendata", "add", str(path), "--by", "office", stdout=out)
    assert "已新增数据集“便民服务点名录”（sites），资源 1 个。" in out.getvalue()
    listing = StringIO()
    call_command("opendata", "list", stdout=listing)
    assert listing.getvalue() == "sites\tred\tquarterly\t2020-01-01\t0\t便民服务点名录\n"
    broken = {**spec, "slug": "broken", "resources": [{"name": "坏", "format": "json", "file": "sites.csv"}]}
    path.write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match="文件内容与格式“json”不符"):
        call_command("opendata", "add", str(path), "--by", "office", stdout=StringIO())
    assert list(Dataset.objects.values_list("slug", flat=True)) == ["sites"]


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("clerk", 403), ("reviewer", 403), ("office", 200), ("admin_person", 200)],
)
def test_backoffice_overview_matrix(client, request, government, office, who, status, django_assert_max_num_queries):
    dataset = make_dataset(government, office, updated_on=date(2020, 1, 1))
    services.add_resource(dataset=dataset, actor=office, name="文件", format=Format.CSV, data=as_csv(["a"], [(1,)]))
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("backoffice:opendata:index"))
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "已发布政府信息" in html
        assert "已逾期未更新" in html


def test_backoffice_overview_shows_only_overseen_organizations(client, government, office, make_person):
    from gongkai.orgs.tests.factories import OrganizationFactory, RegionFactory

    make_dataset(government, office)
    outsider = make_person(
        "office",
        OrganizationFactory(region=RegionFactory(name="别的区", division_code="320588000000"), name="别的区政府"),
        username="far_office",
    )
    client.force_login(outsider)
    assert "已发布政府信息" not in client.get(reverse("backoffice:opendata:index")).content.decode()
