"""Service guides in force are searchable; an adopted copy folds into its source; a retired guide leaves."""

from gongkai.search import selectors
from gongkai.search.documents import SearchFilters
from gongkai.services.services import adopt_guide, approve_guide, create_guide, retire_guide, submit_guide
from gongkai.services.tests.factories import guide_data


def keys(page):
    return [hit.key for hit in page.hits]


def put_in_force(department, clerk, reviewer):
    guide = create_guide(organization=department, data=guide_data(), actor=clerk)
    submit_guide(guide=guide, actor=clerk)
    return approve_guide(guide=guide, actor=reviewer)


def test_guide_put_in_force_is_found_by_name_material_and_code(
    backend, department, clerk, reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        guide = put_in_force(department, clerk, reviewer)
    assert keys(selectors.search("最低生活保障")) == [f"guide:{guide.pk}"]
    assert keys(selectors.search("残疾人证", SearchFilters(kind="guide"))) == [f"guide:{guide.pk}"]
    assert selectors.search("320416-MZ-001").hits[0].url == guide.get_absolute_url()


def test_adopted_copy_folds_into_its_source_and_retired_guide_leaves(
    backend, department, street_office, clerk, reviewer, make_person, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        guide = put_in_force(department, clerk, reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        adopt_guide(
            source=guide,
            organization=street_office,
            actor=make_person("office", street_office),
            local={"counter_address": "街道窗口"},
        )
    found = selectors.search("最低生活保障")
    assert keys(found) == [f"guide:{guide.pk}"]
    assert [entry["organization"] for entry in found.hits[0].fields["adopted_by"]] == [street_office.name]
    assert keys(selectors.search("最低生活保障", SearchFilters(organization=str(street_office.pk)))) == [
        f"guide:{guide.pk}"
    ]
    with django_capture_on_commit_callbacks(execute=True):
        retire_guide(guide=guide, actor=reviewer, reason="事项取消")
    assert not backend.contains(f"guide:{guide.pk}")
