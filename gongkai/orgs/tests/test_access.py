"""orgs.access: the permission matrix over anonymous / clerk of another org / clerk / reviewer / office / admin."""

import pytest
from django.contrib.auth.models import AnonymousUser

from gongkai.core.errors import AccessDenied
from gongkai.orgs import access
from gongkai.orgs.models import Membership, Role

PEOPLE = ("anonymous", "other_clerk", "clerk", "reviewer", "office", "admin_person")


@pytest.fixture
def person(request):
    if request.param == "anonymous":
        return AnonymousUser()
    return request.getfixturevalue(request.param)


def matrix(*allowed):
    """Parametrize over every kind of person, expecting True for those in `allowed`."""
    return pytest.mark.parametrize(
        ("person", "expected"), [(name, name in allowed) for name in PEOPLE], indirect=["person"]
    )


def allowed(function, **kwargs) -> bool:
    try:
        function(**kwargs)
    except AccessDenied:
        return False
    return True


@matrix("clerk", "reviewer", "office", "admin_person")
def test_view_the_department(person, expected, department):
    assert allowed(access.organization_for_staff, person=person, organization_id=department.pk) is expected


@matrix("office", "admin_person")
def test_manage_the_department(person, expected, department, clerk, reviewer):
    result = allowed(access.organization_for_staff, person=person, organization_id=department.pk, action="manage")
    assert result is expected


@matrix("office", "admin_person")
def test_manage_a_region(person, expected, township):
    assert allowed(access.region_for_staff, person=person, region_id=township.pk) is expected


@matrix("office", "admin_person")
def test_view_and_manage_the_clerk(person, expected, clerk):
    assert allowed(access.person_for_staff, person=person, person_id=clerk.pk) is expected
    assert allowed(access.person_for_staff, person=person, person_id=clerk.pk, action="manage") is expected


@matrix("admin_person")
def test_manage_the_admin_account(person, expected, admin_person):
    result = allowed(access.person_for_staff, person=person, person_id=admin_person.pk, action="manage")
    assert result is expected


@matrix("office", "admin_person")
def test_grant_the_reviewer_role(person, expected, department):
    assert allowed(access.require_may_grant, person=person, organization=department, role=Role.REVIEWER) is expected


@matrix("admin_person")
def test_grant_the_admin_role(person, expected, department):
    assert allowed(access.require_may_grant, person=person, organization=department, role=Role.ADMIN) is expected


@matrix("office", "admin_person")
def test_revoke_the_clerks_role(person, expected, clerk):
    membership = Membership.objects.get(person=clerk)
    assert allowed(access.membership_for_staff, person=person, membership_id=membership.pk) is expected


@matrix("office", "admin_person")
def test_edit_the_national_schedule(person, expected, clerk, department):
    assert access.may_edit_national_schedule(person) is expected


@matrix("clerk", "reviewer", "office", "admin_person")
def test_has_any_role_in_the_department(person, expected, department):
    assert access.has_role(person, department) is expected


@matrix("clerk", "office", "admin_person")
def test_has_clerk_or_overseer_role_in_the_department(person, expected, department):
    assert access.has_role(person, department, (Role.CLERK, Role.OFFICE)) is expected


def test_scopes_of_each_kind_of_person(clerk, other_clerk, office, admin_person, department, other_department,
                                       street_office, government):  # fmt: skip
    everything = {government.pk, department.pk, other_department.pk, street_office.pk}
    assert set(access.organizations_for(clerk).values_list("pk", flat=True)) == {department.pk}
    assert set(access.organizations_for(other_clerk).values_list("pk", flat=True)) == {other_department.pk}
    assert set(access.organizations_for(office).values_list("pk", flat=True)) == everything
    assert set(access.organizations_for(admin_person).values_list("pk", flat=True)) == everything
    assert not access.organizations_for(AnonymousUser()).exists()
    assert set(access.people_for(office)) == {clerk, other_clerk, office, admin_person}
    assert set(access.people_for(clerk)) == set()


def test_a_township_office_oversees_only_its_township(make_person, street_office, department, township, county):
    township_office = make_person("office", street_office, username="township_office")
    assert set(access.organizations_for(township_office)) == {street_office}
    assert set(access.regions_for(township_office)) == {township}
    assert access.may_edit_national_schedule(township_office) is False
    assert access.has_role(township_office, department) is False


def test_deactivated_roles_and_organizations_give_no_access(clerk, department):
    Membership.objects.filter(person=clerk).update(is_active=False)
    access.forget_memberships(clerk)
    assert access.has_role(clerk, department) is False
    Membership.objects.filter(person=clerk).update(is_active=True)
    department.is_active = False
    department.save()
    access.forget_memberships(clerk)
    assert access.has_role(clerk, department) is False
    assert access.is_staff_member(clerk) is False


def test_an_office_cannot_manage_someone_who_also_works_elsewhere(make_person, street_office, clerk, other_department):
    township_office = make_person("office", street_office, username="township_office")
    Membership.objects.create(person=clerk, organization=street_office, role=Role.CLERK)
    assert allowed(access.person_for_staff, person=township_office, person_id=clerk.pk) is True
    assert allowed(access.person_for_staff, person=township_office, person_id=clerk.pk, action="manage") is False
