"""The searchable item picker: its endpoint's permission matrix, what it finds, one entry per item, its query count,
and the record form's picker field (codes typed without JavaScript)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.backoffice.pickers import ItemPickerField, column_choices
from gongkai.catalog.selectors import search_usable_items, usable_items
from gongkai.catalog.services import adopt_items, create_item
from gongkai.catalog.tests.factories import catalog_of, item_data, make_tree
from gongkai.publishing.models import Column
from gongkai.publishing.services import seed_columns

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(department, admin_person):
    return make_tree(catalog_of(department), admin_person)


def search(client, organization, query):
    return client.get(reverse("backoffice:catalog:picker_items"), {"organization": organization.pk, "q": query})


def codes_in(response) -> list[str]:
    return [item["code"] for group in response.json()["groups"] for item in group["items"]]


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("clerk", 200), ("other_clerk", 404), ("office", 200), ("admin_person", 200)],
)
def test_picker_endpoint_permission_matrix(request, client, department, tree, who, status):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = search(client, department, "办事指南")
    assert response.status_code == status
    if status == 302:
        assert "/login/" in response["Location"]
    if status == 200:
        assert codes_in(response) == [tree[1].code]


def test_picker_endpoint_answers_404_for_an_unknown_organization(client, clerk):
    client.force_login(clerk)
    assert (
        client.get(reverse("backoffice:catalog:picker_items"), {"organization": "999999", "q": "x"}).status_code == 404
    )
    assert client.get(reverse("backoffice:catalog:picker_items"), {"q": "x"}).status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [("办事指南", ["guide"]), ("审核", ["review"]), ("最低生活保障", ["guide", "review"]), ("保障 审核", ["review"])],
)
def test_picker_finds_items_by_name_and_parent_path(client, clerk, department, tree, query, expected):
    _group, guide, review = tree
    client.force_login(clerk)
    by_name = {"guide": guide.code, "review": review.code}
    assert codes_in(search(client, department, query)) == sorted(by_name[key] for key in expected)


def test_picker_finds_items_by_code_and_never_offers_groups(client, clerk, department, tree):
    group, guide, _review = tree
    client.force_login(clerk)
    response = search(client, department, guide.code)
    assert codes_in(response) == [guide.code]
    assert response.json()["groups"][0]["items"][0]["path"] == "最低生活保障"
    assert group.code not in codes_in(search(client, department, group.code[:-1]))


def test_an_item_reachable_through_several_catalogs_is_offered_once(
    department, township, street_office, admin_person, tree
):
    _group, guide, _review = tree
    township_catalog = catalog_of(street_office)
    adopt_items(catalog=township_catalog, source_items=[guide], actor=admin_person)
    copy = township_catalog.items.get(code=guide.code)
    copy.responsible_orgs.add(department)
    guide.responsible_orgs.add(department)
    found = search_usable_items(department, "办事指南")
    assert [item.pk for item in found] == [guide.pk]
    assert list(usable_items(street_office).filter(code=guide.code).values_list("pk", flat=True)) == [copy.pk]


def test_picker_search_query_count_does_not_grow_with_the_items(
    client, clerk, department, admin_person, tree, django_assert_max_num_queries
):
    client.force_login(clerk)
    with CaptureQueriesContext(connection) as few:
        assert search(client, department, "办事指南").status_code == 200
    catalog = catalog_of(department)
    for number in range(30):
        create_item(catalog=catalog, actor=admin_person, data=item_data(name=f"办事指南{number}", parent=tree[0].code))
    # the shell's session, person and memberships, the organization, and one query for the search itself
    with django_assert_max_num_queries(len(few)):
        response = search(client, department, "办事指南")
    assert response.status_code == 200
    assert len(codes_in(response)) == 30
    assert len(few) <= 8


def test_picker_field_takes_typed_codes_and_checked_ids(department, other_department, admin_person, tree):
    _group, guide, review = tree
    field = ItemPickerField(organization=department)
    assert {item.pk for item in field.clean([str(guide.pk), f"code:{review.code}"])} == {guide.pk, review.pk}
    other = make_tree(catalog_of(other_department), admin_person)[1]
    with pytest.raises(Exception, match=other.code):
        field.clean([f"code:{other.code}"])


def test_picker_widget_reads_codes_separated_by_commas_and_spaces():
    from django.http import QueryDict

    from gongkai.backoffice.pickers import ItemPickerWidget

    data = QueryDict("items=5&items_codes=A1，B2 C3")
    assert ItemPickerWidget().value_from_datadict(data, {}, "items") == ["5", "code:A1", "code:B2", "code:C3"]


def test_columns_are_offered_as_a_tree(department):
    seed_columns(organization=department)
    columns = list(Column.objects.filter(organization=department).select_related("parent"))
    choices = column_choices(columns)
    assert len(choices) == len(columns)
    labels = dict(choices)
    children = [column for column in columns if column.parent_id]
    assert children, "the standard columns have sub-columns"
    for child in children:
        assert labels[child.pk].startswith(labels[child.parent_id] + " / ")
        assert [pk for pk, _label in choices].index(child.pk) > [pk for pk, _label in choices].index(child.parent_id)


def test_record_form_links_an_item_typed_by_code(client, clerk, department, tree):
    from gongkai.publishing.tests.factories import draft

    record = draft(department, clerk, title="关于最低生活保障的通知")
    client.force_login(clerk)
    url = reverse("backoffice:publishing:edit", args=[record.pk])
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert 'name="items_codes"' in body
    assert 'class="item-picker"' in body
    assert f'<option value="{tree[1].pk}"' not in body  # no option list of every item


def test_an_item_already_linked_stays_choosable_when_no_longer_offered(department, other_department, admin_person):
    elsewhere = make_tree(catalog_of(other_department), admin_person)[1]
    field = ItemPickerField(organization=department, linked=[elsewhere.pk])
    assert [item.pk for item in field.clean([str(elsewhere.pk)])] == [elsewhere.pk]
    html = field.widget.render("items", [elsewhere.pk], {"id": "id_items"})
    assert f'name="items" value="{elsewhere.pk}" checked' in html
