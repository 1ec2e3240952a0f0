"""Every kind of organization can take a record from draft to published; villages publish through their township."""

import pytest

from gongkai.core.errors import AccessDenied
from gongkai.core.models import AuditEntry
from gongkai.orgs.access import forget_memberships, has_role, organizations_for
from gongkai.orgs.errors import OrgsError
from gongkai.orgs.services import set_village_review
from gongkai.orgs.tests.factories import OrganizationFactory, RegionFactory
from gongkai.publishing import services
from gongkai.publishing.models import RecordStatus
from gongkai.publishing.selectors import record_for_staff

from .factories import draft


@pytest.fixture
def village_region(township):
    return RegionFactory(name="东风社区", division_code="320499001001", parent=township)


@pytest.fixture
def village(village_region, street_office):
    return OrganizationFactory(region=village_region, name="东风社区居民委员会", kind="committee", parent=street_office)


@pytest.fixture
def township_staff(make_person, street_office):
    return {
        "clerk": make_person("clerk", street_office),
        "reviewer": make_person("reviewer", street_office),
        "secrecy": make_person("confidentiality_officer", street_office),
    }


def walk(record, *, clerk, reviewer, secrecy, publisher):
    """Draft → submitted → reviewed → cleared → published, asserting each state on the way."""
    record = services.submit_record(record=record, actor=clerk)
    assert record.status == RecordStatus.SUBMITTED
    record = services.approve_record(record=record, actor=reviewer)
    assert record.status == RecordStatus.REVIEWED
    record = services.clear_record(record=record, actor=secrecy)
    assert record.status == RecordStatus.CLEARED
    record = services.publish_record(record=record, actor=publisher)
    assert record.status == RecordStatus.PUBLISHED
    assert record.index_number
    return record


def test_a_department_record_walks_to_published(clerk, reviewer, confidentiality_officer, department):
    record = draft(department, clerk)
    published = walk(record, clerk=clerk, reviewer=reviewer, secrecy=confidentiality_officer, publisher=clerk)
    assert published.reviewed_by == reviewer


def test_a_township_record_walks_to_published(street_office, township_staff):
    record = draft(street_office, township_staff["clerk"])
    published = walk(record, **township_staff, publisher=township_staff["clerk"])
    assert published.organization == street_office


def test_a_village_record_walks_to_published_through_the_township(make_person, village, township_staff):
    village_clerk = make_person("clerk", village)
    record = draft(village, village_clerk)
    record = walk(
        record,
        clerk=village_clerk,
        reviewer=township_staff["reviewer"],
        secrecy=township_staff["secrecy"],
        publisher=village_clerk,
    )
    actors = dict(
        AuditEntry.objects.filter(target_id=str(record.pk), action__startswith="publishing.record.").values_list(
            "action", "actor__username"
        )
    )
    assert actors["publishing.record.reviewed"] == township_staff["reviewer"].username
    assert actors["publishing.record.cleared"] == township_staff["secrecy"].username


def test_the_office_reviews_and_clears_a_village_record(make_person, village, office):
    village_clerk = make_person("clerk", village)
    record = draft(village, village_clerk)
    published = walk(record, clerk=village_clerk, reviewer=office, secrecy=office, publisher=village_clerk)
    assert (published.reviewed_by, published.cleared_by) == (office, office)


def test_the_office_still_cannot_review_a_department_record(clerk, department, office):
    record = services.submit_record(record=draft(department, clerk), actor=clerk)
    with pytest.raises(AccessDenied):
        services.approve_record(record=record, actor=office)
    record.refresh_from_db()
    assert record.status == RecordStatus.SUBMITTED
    assert not AuditEntry.objects.filter(action="publishing.record.reviewed").exists()


def test_the_township_reviewer_sees_and_reviews_only_its_own_villages(make_person, village, township, township_staff):
    elsewhere = RegionFactory(name="别处镇", division_code="320499002000", parent=township.parent)
    other_village = OrganizationFactory(
        region=RegionFactory(name="别处村", division_code="320499002201", parent=elsewhere), kind="committee"
    )
    reviewer = township_staff["reviewer"]
    assert has_role(reviewer, village, ("reviewer",))
    assert not has_role(reviewer, village, ("clerk",))
    assert not has_role(reviewer, other_village, ("reviewer",))
    assert set(organizations_for(reviewer, ("reviewer",))) == {village.parent, village}
    village_clerk = make_person("clerk", village)
    record = services.submit_record(record=draft(village, village_clerk), actor=village_clerk)
    assert record_for_staff(record_id=record.pk, person=reviewer, action="review") == record
    with pytest.raises(AccessDenied):
        record_for_staff(record_id=record.pk, person=reviewer, action="edit")


def test_a_township_that_lets_villages_review_themselves_keeps_its_reviewer_out(
    make_person, village, township, township_staff, office
):
    set_village_review(region=township, through_township=False, actor=office)
    village_clerk = make_person("clerk", village)
    record = services.submit_record(record=draft(village, village_clerk), actor=village_clerk)
    reviewer = township_staff["reviewer"]
    forget_memberships(reviewer)
    with pytest.raises(AccessDenied):
        services.approve_record(record=record, actor=reviewer)
    record.refresh_from_db()
    assert record.status == RecordStatus.SUBMITTED
    own_reviewer = make_person("reviewer", village)
    assert services.approve_record(record=record, actor=own_reviewer).status == RecordStatus.REVIEWED
    assert AuditEntry.objects.filter(action="orgs.region.village_review_set", target_id=str(township.pk)).count() == 1


def test_only_a_township_region_sets_how_villages_review(county, office):
    with pytest.raises(OrgsError):
        set_village_review(region=county, through_township=False, actor=office)
    county.refresh_from_db()
    assert county.villages_publish_through_township is True
    assert not AuditEntry.objects.filter(action="orgs.region.village_review_set").exists()


def test_the_review_list_shows_village_records_to_the_township_reviewer_and_the_office(
    client, make_person, village, township_staff, office, clerk, department
):
    from gongkai.backoffice.publishing.lists import work_list_records

    village_clerk = make_person("clerk", village)
    village_record = services.submit_record(record=draft(village, village_clerk), actor=village_clerk)
    department_record = services.submit_record(record=draft(department, clerk), actor=clerk)
    assert list(work_list_records(township_staff["reviewer"], "review")) == [village_record]
    assert list(work_list_records(office, "review")) == [village_record]
    assert department_record not in work_list_records(office, "review")
    client.force_login(township_staff["reviewer"])
    page = client.get(f"/backoffice/publishing/records/{village_record.pk}/")
    assert page.status_code == 200
    assert {"approve", "reject"} <= page.context["actions"]


@pytest.mark.parametrize(("who", "status"), [("office", 302), ("township_reviewer", 403)])
def test_the_office_switches_village_review_on_the_regions_page(client, township, office, township_staff, who, status):
    person = office if who == "office" else township_staff["reviewer"]
    client.force_login(person)
    response = client.post(f"/backoffice/settings/regions/{township.pk}/village-review/", {"through_township": "0"})
    assert response.status_code == status
    township.refresh_from_db()
    assert township.villages_publish_through_township is (status != 302)
