"""The orgs services: validation first, one audit entry per change, nothing changed when refused."""

import pytest

from gongkai.core.models import AuditEntry
from gongkai.orgs.errors import OrgsError
from gongkai.orgs.models import Level, Membership, Person, Role
from gongkai.orgs.services import (
    create_person,
    create_region,
    grant_role,
    revoke_role,
    set_organization_active,
    set_person_active,
    update_organization,
    update_person,
)
from gongkai.orgs.tests.factories import RegionFactory


def test_regions_take_the_level_below_their_parent(db):
    county = create_region(name="青溪区", division_code="320416000000")
    town = create_region(name="白沙镇", division_code="320416101000", parent=county)
    village = create_region(name="白沙村", division_code="320416101201", parent=town)
    assert [county.level, town.level, village.level] == [Level.COUNTY, Level.TOWNSHIP, Level.VILLAGE]
    assert village.path == "/320416000000/320416101000/320416101201/"
    assert village.depth == 2
    assert AuditEntry.objects.filter(action="orgs.region.created").count() == 3


def test_nothing_is_created_below_a_village(db):
    village = RegionFactory(parent=RegionFactory(parent=RegionFactory()))
    with pytest.raises(OrgsError) as error:
        create_region(name="一组", division_code="320416101299", parent=village)
    assert error.value.code == "orgs.level_mismatch"
    assert not AuditEntry.objects.exists()


def test_bad_division_code_is_refused_in_chinese(db):
    with pytest.raises(OrgsError) as error:
        create_region(name="青溪区", division_code="3204")
    assert error.value.message == "行政区划代码：行政区划代码应为12位数字，例如 320402000000。"
    assert error.value.field == "division_code"


def test_update_organization_records_the_changes(department, office):
    update_organization(organization=department, actor=office, phone="0519-80000001", short_name="民政局")
    entry = AuditEntry.objects.get(action="orgs.organization.updated")
    assert entry.data == {"short_name": ["", "民政局"], "phone": ["", "0519-80000001"]}
    assert entry.actor == office


def test_update_without_changes_writes_nothing(department):
    update_organization(organization=department, name=department.name)
    assert not AuditEntry.objects.exists()


def test_region_of_an_organization_cannot_be_changed_by_update(department, township):
    with pytest.raises(OrgsError):
        update_organization(organization=department, region=township)
    department.refresh_from_db()
    assert department.region.name == "示范区"


def test_duplicate_username_is_refused_on_the_username_field(clerk):
    with pytest.raises(OrgsError) as error:
        create_person(username="CLERK", full_name="重复")
    assert (error.value.code, error.value.field) == ("orgs.duplicate", "username")
    assert Person.objects.filter(username__iexact="clerk").count() == 1


def test_update_person_audits_the_changes(clerk, office):
    update_person(person=clerk, actor=office, full_name="张三", phone="13900000000")
    clerk.refresh_from_db()
    assert (clerk.full_name, clerk.phone) == ("张三", "13900000000")
    assert AuditEntry.objects.get(action="orgs.person.updated").data["full_name"][1] == "张三"


def test_nobody_deactivates_their_own_account(office):
    with pytest.raises(OrgsError):
        set_person_active(person=office, active=False, actor=office)
    office.refresh_from_db()
    assert office.is_active is True


def test_the_last_administrator_stays(admin_person, government, office):
    with pytest.raises(OrgsError) as error:
        set_person_active(person=admin_person, active=False, actor=office)
    assert error.value.code == "orgs.last_admin"
    with pytest.raises(OrgsError):
        set_organization_active(organization=government, active=False, actor=office)
    government.refresh_from_db()
    admin_person.refresh_from_db()
    assert government.is_active is True
    assert admin_person.is_active is True
    assert not AuditEntry.objects.exists()


def test_a_second_administrator_lets_the_first_go(admin_person, make_person, other_department):
    make_person("admin", other_department, username="admin2")
    set_person_active(person=admin_person, active=False)
    admin_person.refresh_from_db()
    assert admin_person.is_active is False


def test_roles_are_not_granted_in_deactivated_organizations(clerk, other_department):
    set_organization_active(organization=other_department, active=False)
    with pytest.raises(OrgsError):
        grant_role(person=clerk, organization=other_department, role=Role.REVIEWER)
    assert not Membership.objects.filter(organization=other_department).exists()


def test_grant_is_idempotent_and_revoke_keeps_the_record(clerk, department):
    membership = grant_role(person=clerk, organization=department, role=Role.CLERK)
    assert not AuditEntry.objects.filter(action="orgs.role.granted").exists()  # already held
    revoke_role(membership=membership)
    revoke_role(membership=membership)
    assert AuditEntry.objects.filter(action="orgs.role.revoked").count() == 1
    assert Membership.objects.filter(pk=membership.pk, is_active=False).exists()
    grant_role(person=clerk, organization=department, role=Role.CLERK)
    assert Membership.objects.get(pk=membership.pk).is_active is True
