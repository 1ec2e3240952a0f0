"""Catalog items in force are searchable; a retired item leaves the index when the catalog says it changed."""

from gongkai.catalog.services import retire_item
from gongkai.catalog.tests.factories import catalog_of, make_tree
from gongkai.search import selectors
from gongkai.search.documents import SearchFilters
from gongkai.search.services import count_public_documents, reindex


def keys(page):
    return [hit.key for hit in page.hits]


def test_items_in_force_are_found_by_their_words_code_and_domain(backend, government, office):
    group, guide, review = make_tree(catalog_of(government), office)

    reindex()

    found = selectors.search("初审对象名单")
    assert keys(found) == [f"item:{review.pk}"]
    assert found.hits[0].fields["code"] == review.code
    assert found.hits[0].url == review.get_absolute_url()
    assert keys(selectors.search(review.code))[0] == f"item:{review.pk}"
    assert selectors.search(review.code).hits[0].exact
    by_domain = selectors.search("最低生活保障", SearchFilters(kind="item", domain="SHJZ"))
    assert set(keys(by_domain)) == {f"item:{group.pk}", f"item:{guide.pk}", f"item:{review.pk}"}
    assert keys(selectors.search("最低生活保障", SearchFilters(kind="item", stage="result"))) == [f"item:{review.pk}"]


def test_retired_item_leaves_the_index(backend, government, office, django_capture_on_commit_callbacks):
    _group, _guide, review = make_tree(catalog_of(government), office)
    reindex()

    with django_capture_on_commit_callbacks(execute=True):
        retire_item(item=review, actor=office, reason="并入办事指南。")

    assert not backend.contains(f"item:{review.pk}")
    assert keys(selectors.search("初审对象名单")) == []


def test_reindexing_one_organization_keeps_the_items_it_is_responsible_for(
    backend, government, department, office, django_capture_on_commit_callbacks
):
    from gongkai.catalog.services import create_item
    from gongkai.catalog.tests.factories import item_data

    catalog = catalog_of(government)
    with django_capture_on_commit_callbacks(execute=True):
        item = create_item(
            catalog=catalog, actor=office, data=item_data(name="临时救助审批结果", responsible_orgs=[department.pk])
        )
    reindex()
    assert keys(selectors.search("临时救助审批结果", SearchFilters(organization=str(department.pk)))) == [
        f"item:{item.pk}"
    ]

    # The department's documents are replaced: the county's item it is responsible for is among them again.
    reindex(organization=department)

    assert backend.contains(f"item:{item.pk}")
    assert keys(selectors.search("临时救助审批结果")) == [f"item:{item.pk}"]
    assert count_public_documents(organization=department) == 1


def test_an_adopted_copy_that_reads_as_its_source_is_found_through_the_source(
    backend, government, street_office, office, django_capture_on_commit_callbacks
):
    from gongkai.catalog.itemdata import snapshot
    from gongkai.catalog.services import adopt_items, update_item

    _group, _guide, review = make_tree(catalog_of(government), office)
    reindex()
    with django_capture_on_commit_callbacks(execute=True):
        copies = adopt_items(catalog=catalog_of(street_office), source_items=[review], actor=office)
    copy = copies[-1]
    assert copy.source_item == review

    def assert_folded():
        found = selectors.search("初审对象名单")
        assert keys(found) == [f"item:{review.pk}"]
        assert found.hits[0].fields["adopted_by"] == [
            {"organization": "东风街道办事处", "url": copy.get_absolute_url()}
        ]
        by_township = selectors.search("初审对象名单", SearchFilters(organization=str(street_office.pk)))
        assert keys(by_township) == [f"item:{review.pk}"]
        assert not backend.contains(f"item:{copy.pk}")

    assert_folded()  # kept up to date as the township adopted
    reindex()
    assert_folded()  # and so is a full rebuild
    reindex(organization=street_office)
    assert_folded()  # and the township's own rebuild

    # The township changes its copy: it no longer reads as the county's item and is found on its own.
    data = snapshot(copy)
    data["responsible_text"] = "东风街道办事处"
    with django_capture_on_commit_callbacks(execute=True):
        update_item(item=copy, actor=office, data=data)
    found = selectors.search("初审对象名单")
    assert set(keys(found)) == {f"item:{review.pk}", f"item:{copy.pk}"}
    assert all("adopted_by" not in hit.fields for hit in found.hits)
    by_township = selectors.search("初审对象名单", SearchFilters(organization=str(street_office.pk)))
    assert keys(by_township) == [f"item:{copy.pk}"]


def test_the_portal_lists_the_organizations_that_adopted_an_item(
    client, backend, government, street_office, office, django_capture_on_commit_callbacks
):
    from gongkai.catalog.services import adopt_items

    _group, _guide, review = make_tree(catalog_of(government), office)
    with django_capture_on_commit_callbacks(execute=True):
        copy = adopt_items(catalog=catalog_of(street_office), source_items=[review], actor=office)[-1]
    reindex()

    page = client.get("/search/", {"q": "初审对象名单"}).content.decode()

    assert "<summary>另有 1 个单位采用</summary>" in page
    assert f'<a href="{copy.get_absolute_url()}">东风街道办事处</a>' in page
    assert page.count('<span class="badge">公开事项</span>') == 1
