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
