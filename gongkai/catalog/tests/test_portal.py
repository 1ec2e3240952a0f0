"""The public catalog pages: in-force items only, negative-list items hidden, clean URLs by item code."""

import pytest
from django.urls import reverse

from gongkai.catalog.importing import import_catalog
from gongkai.catalog.services import create_item, retire_item
from gongkai.portal.catalog import extensions

from .factories import catalog_of, item_data
from .workbooks import national_workbook


@pytest.fixture
def catalog(government, office):
    catalog = catalog_of(government)
    import_catalog(catalog=catalog, content=national_workbook(), actor=office)
    return catalog


def test_index_lists_catalogs(client, catalog):
    response = client.get(reverse("portal:catalog:index"))
    assert response.status_code == 200
    assert "示范区人民政府" in response.content.decode()


@pytest.mark.parametrize("view", ["domain", "level", "stage"])
def test_catalog_page_by_domain_level_and_stage_with_few_queries(
    client, catalog, office, view, django_assert_max_num_queries
):
    for number in range(10):
        create_item(catalog=catalog, actor=office, data=item_data(name=f"事项{number}"))
    url = reverse("portal:catalog:catalog", kwargs={"org": catalog.organization.credit_code})
    with django_assert_max_num_queries(8):
        response = client.get(url, {"view": view})
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("事项9") == (2 if view == "level" else 1)  # it covers 县级 and 乡级
    assert "监督检查" in page


def test_item_page_shows_every_column_and_registered_sections(client, catalog):
    item = catalog.items.get(name="审核信息")

    def records(request, shown):
        return f"<section><h2>已发布信息</h2><p>{shown.code}</p></section>"

    extensions.register_item_section(records)
    try:
        response = client.get(item.get_absolute_url())
    finally:
        extensions.ITEM_SECTIONS.remove(records)
    page = response.content.decode()
    assert item.get_absolute_url() == f"/catalog/{catalog.organization.credit_code}/{item.code}/"
    for text in [
        "初审对象名单及相关信息",
        "《社会救助暂行办法》第十一条",
        "10个工作日内，公示7个工作日",
        "特定群体",
        "乡级",
        "已发布信息",
    ]:
        assert text in page


def test_retired_and_withheld_items_are_not_public(client, catalog, office):
    item = catalog.items.get(name="审核信息")
    retire_item(item=item, actor=office, reason="调整")
    withheld = create_item(
        catalog=catalog,
        actor=office,
        data=item_data(name="家庭财产核查明细", attribute="withheld", withheld_ground="art15_third_party"),
    )
    for hidden in (item, withheld):
        assert client.get(hidden.get_absolute_url()).status_code == 404
    page = client.get(reverse("portal:catalog:catalog", kwargs={"org": catalog.organization.pk})).content.decode()
    assert "审核信息" not in page
    assert "家庭财产核查明细" not in page


def test_handbook_page(client, catalog):
    response = client.get(reverse("portal:catalog:handbook", kwargs={"org": catalog.organization.credit_code}))
    assert response.status_code == 200
    assert "一本通" in response.content.decode()
