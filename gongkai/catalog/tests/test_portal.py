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


@pytest.fixture
def withheld(catalog, office):
    return create_item(
        catalog=catalog,
        actor=office,
        data=item_data(
            name="家庭财产核查明细",
            elements="申请人银行存款、房产等核查结果（内部）",
            attribute="withheld",
            withheld_ground="art15_third_party",
        ),
    )


def test_negative_list_page_shows_name_and_ground_only(client, catalog, withheld):
    url = reverse("portal:catalog:negative_list", kwargs={"org": catalog.organization.credit_code})
    page = client.get(url).content.decode()
    assert "家庭财产核查明细" in page
    assert "第十五条：涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害" in page
    assert "申请人银行存款" not in page  # the elements stay unpublished
    assert withheld.code not in page
    catalog_page = client.get(reverse("portal:catalog:catalog", kwargs={"org": catalog.organization.pk}))
    assert url in catalog_page.content.decode()


def test_handbook_has_the_negative_list_section(client, catalog, withheld):
    from gongkai.catalog.handbook import render_html

    response = client.get(reverse("portal:catalog:handbook", kwargs={"org": catalog.organization.credit_code}))
    page = response.content.decode()
    assert 'id="negative-list"' in page
    assert "家庭财产核查明细" in page
    assert "申请人银行存款" not in page
    printed = render_html(catalog)
    assert "不予公开事项清单" in printed
    assert "家庭财产核查明细" in printed
    assert "申请人银行存款" not in printed


def test_a_records_page_links_only_items_the_public_selector_allows(client, catalog, office, withheld, department):
    from gongkai.publishing.services import publish_record
    from gongkai.publishing.tests.factories import draft, force_status

    guide = catalog.items.get(name="监督检查")
    record = force_status(draft(department, office, genre="notice"), "cleared")
    record.items.set([guide, withheld])
    record = publish_record(record=record, actor=office)
    page = client.get(record.get_absolute_url()).content.decode()
    assert guide.name in page
    assert "家庭财产核查明细" not in page
    withheld_url = reverse("portal:publishing:item", args=[catalog.organization.pk, withheld.code])
    assert client.get(withheld_url).status_code == 404
    guide_url = reverse("portal:publishing:item", args=[catalog.organization.pk, guide.code])
    assert client.get(guide_url).status_code == 200
