"""Three-level catalogs: adoption by townships keeps codes and a link; source changes are offered, not forced."""

import pytest

from gongkai.catalog.errors import CatalogError
from gongkai.catalog.models import ItemStatus
from gongkai.catalog.selectors import adoptable_items, drift, items_with_source_changes
from gongkai.catalog.services import accept_source_change, adopt_items, keep_local_version, update_item

from .factories import catalog_of, item_data, make_tree


@pytest.fixture
def county_tree(government, office):
    catalog = catalog_of(government)
    return catalog, *make_tree(catalog, office)


@pytest.fixture
def township_catalog(street_office):
    return catalog_of(street_office)


def test_a_township_adopts_items_covering_its_level_with_their_ancestors(county_tree, township_catalog, office):
    catalog, group, guide, review = county_tree
    assert set(adoptable_items(township_catalog)) == {guide, review}
    copies = adopt_items(catalog=township_catalog, source_items=[guide], actor=office)
    assert [(copy.code, copy.source_item) for copy in copies] == [(group.code, group), (guide.code, guide)]
    assert all(copy.status == ItemStatus.IN_FORCE for copy in copies)
    assert copies[1].parent == copies[0]
    assert set(adoptable_items(township_catalog)) == {review}


def test_items_not_covering_the_level_cannot_be_adopted(county_tree, township_catalog, office):
    catalog, group, guide, review = county_tree
    update_item(item=guide, actor=office, data=item_data(parent=group.code, levels=["county"]))
    guide.refresh_from_db()
    with pytest.raises(CatalogError, match="的公开层级不含“乡级”，不能采用到本目录。"):
        adopt_items(catalog=township_catalog, source_items=[guide], actor=office)
    assert not township_catalog.items.exists()


def test_local_edits_show_as_drift_and_source_changes_are_offered(county_tree, township_catalog, office):
    catalog, group, guide, review = county_tree
    copy = adopt_items(catalog=township_catalog, source_items=[guide], actor=office)[1]
    update_item(item=copy, actor=office, data=item_data(parent=group.code, responsible_text="东风街道办事处"))
    copy.refresh_from_db()
    report = drift(copy)
    assert [(change.label, change.old, change.new) for change in report.local_differences] == [
        ("公开主体", "东风街道办事处", "县级民政部门、乡镇政府（街道办事处）")
    ]
    assert report.source_newer is False
    update_item(item=guide, actor=office, data=item_data(parent=group.code, time_limit="实时公开"))
    copy.refresh_from_db()
    assert copy.time_limit == "制定或获取信息之日起10个工作日内"  # offered, not forced
    assert list(items_with_source_changes(township_catalog)) == [copy]
    report = drift(copy)
    assert report.source_newer is True
    assert [(change.label, change.new) for change in report.source_changes] == [("公开时限", "实时公开")]
    accept_source_change(item=copy, actor=office)
    copy.refresh_from_db()
    assert (copy.time_limit, copy.responsible_text, copy.adopted_version) == (
        "实时公开",
        "县级民政部门、乡镇政府（街道办事处）",
        2,
    )
    assert list(items_with_source_changes(township_catalog)) == []


def test_keeping_the_local_version_dismisses_the_offer(county_tree, township_catalog, office):
    catalog, group, guide, review = county_tree
    copy = adopt_items(catalog=township_catalog, source_items=[guide], actor=office)[1]
    update_item(item=guide, actor=office, data=item_data(parent=group.code, time_limit="实时公开"))
    copy.refresh_from_db()
    keep_local_version(item=copy, actor=office)
    copy.refresh_from_db()
    assert (copy.time_limit_kind, copy.adopted_version) == ("working_days", 2)
    with pytest.raises(CatalogError, match="没有新的变化"):
        keep_local_version(item=copy, actor=office)


def test_a_township_clerks_adoption_waits_for_approval(
    county_tree, township_catalog, make_person, street_office, office
):
    from gongkai.catalog.services import approve_change_set

    catalog, group, guide, review = county_tree
    clerk = make_person("clerk", street_office, username="df_clerk")
    copies = adopt_items(catalog=township_catalog, source_items=[review], actor=clerk)
    assert {copy.status for copy in copies} == {ItemStatus.PROPOSED}
    approve_change_set(change_set=copies[0].changes.get().change_set, actor=office)
    assert set(township_catalog.items.values_list("status", flat=True)) == {ItemStatus.IN_FORCE}


def test_the_workbench_offers_source_changes_to_the_township(
    client, county_tree, township_catalog, office, make_person, street_office
):
    from django.urls import reverse

    catalog, group, guide, review = county_tree
    copy = adopt_items(catalog=township_catalog, source_items=[guide], actor=office)[1]
    update_item(item=guide, actor=office, data=item_data(parent=group.code, time_limit="实时公开"))
    client.force_login(make_person("clerk", street_office, username="df_clerk"))
    page = client.get(reverse("backoffice:home")).content.decode()
    assert "上级目录有新变化的事项" in page
    assert copy.code in page
