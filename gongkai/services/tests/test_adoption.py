import pytest

from gongkai.orgs.tests.factories import OrganizationFactory, RegionFactory
from gongkai.services.errors import ServicesError
from gongkai.services.models import Guide, GuideStatus
from gongkai.services.selectors import adoptable_guides, guide_drift
from gongkai.services.services import adopt_guide, approve_guide_change, follow_source, update_guide

from .factories import guide_data

pytestmark = pytest.mark.django_db
LOCAL = {"counter_address": "东风街道便民服务中心1号窗口", "counter_hours": "周一至周六 9:00—17:00",
         "contact_phone": "0519-86000002"}  # fmt: skip


@pytest.fixture
def community(township, government):
    region = RegionFactory(name="东风社区", division_code="320499001001", parent=township)
    return OrganizationFactory(region=region, name="东风社区居委会", kind="committee", parent=government)


def test_street_adopts_county_guide_with_its_own_counter(guide_in_force, street_office, make_person):
    reviewer = make_person("reviewer", street_office)
    assert list(adoptable_guides(street_office)) == [guide_in_force]
    copy = adopt_guide(source=guide_in_force, organization=street_office, actor=reviewer, local=LOCAL)
    assert (copy.status, copy.code, copy.adopted_version, copy.version) == (GuideStatus.IN_FORCE, "320416-MZ-001", 1, 1)
    assert (copy.counter_address, copy.steps) == (LOCAL["counter_address"], guide_in_force.steps)
    assert guide_drift(copy).differences == []
    assert list(adoptable_guides(street_office)) == []


def test_clerk_adoption_waits_for_review(guide_in_force, street_office, make_person):
    clerk = make_person("clerk", street_office)
    copy = adopt_guide(source=guide_in_force, organization=street_office, actor=clerk, local=LOCAL)
    assert (copy.status, copy.version, copy.submitted_by) == (GuideStatus.PENDING, 0, clerk)


def test_community_adopts_the_streets_copy_and_not_from_sideways(guide_in_force, street_office, community, make_person):
    street = make_person("office", street_office)
    copy = adopt_guide(source=guide_in_force, organization=street_office, actor=street, local=LOCAL)
    office = make_person("office", community)
    assert set(adoptable_guides(community)) == {guide_in_force, copy}
    second = adopt_guide(source=copy, organization=community, actor=office, local={"counter_address": "社区服务站"})
    assert second.source_guide == copy
    with pytest.raises(ServicesError) as raised:
        adopt_guide(source=second, organization=street_office, actor=street, local={})
    assert raised.value.code == "services.not_adoptable"


def test_source_change_shows_as_drift_until_followed(guide_in_force, street_office, clerk, reviewer, make_person):
    office = make_person("office", street_office)
    copy = adopt_guide(source=guide_in_force, organization=street_office, actor=office, local=LOCAL)
    change = update_guide(guide=guide_in_force, data=guide_data(statutory_days=25), actor=clerk)
    approve_guide_change(change=change, actor=reviewer)
    copy = Guide.objects.get(pk=copy.pk)
    drift = guide_drift(copy)
    assert drift.source_newer is True
    assert [(d.key, d.local, d.source) for d in drift.differences] == [("statutory_days", 30, 25)]
    copy = follow_source(guide=copy, actor=office)
    assert (copy.statutory_days, copy.adopted_version, copy.version, copy.counter_address) == (
        25, 2, 2, LOCAL["counter_address"],
    )  # fmt: skip
    assert guide_drift(copy).differences == []
    assert not guide_drift(copy).source_newer
    with pytest.raises(ServicesError) as raised:
        follow_source(guide=copy, actor=office)
    assert raised.value.code == "services.no_source_change"


def test_local_edit_of_a_shared_element_is_drift(guide_in_force, street_office, make_person):
    office = make_person("office", street_office)
    copy = adopt_guide(source=guide_in_force, organization=street_office, actor=office, local=LOCAL)
    copy = update_guide(guide=copy, data={**guide_data(**LOCAL), "conditions": "本街道居民"}, actor=office)
    assert [d.key for d in guide_drift(copy).differences] == ["conditions"]
