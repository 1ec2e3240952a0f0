"""Fixtures shared by every app's tests."""

import pytest

from gongkai.orgs.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    RegionFactory,
)


@pytest.fixture
def county(db):
    return RegionFactory(name="示范区", division_code="320499000000")


@pytest.fixture
def township(county):
    return RegionFactory(name="东风街道", division_code="320499001000", parent=county)


@pytest.fixture
def government(county):
    return OrganizationFactory(region=county, name="示范区人民政府", kind="government")


@pytest.fixture
def department(county, government):
    return OrganizationFactory(region=county, name="示范区民政局", kind="department", parent=government)


@pytest.fixture
def other_department(county, government):
    return OrganizationFactory(region=county, name="示范区财政局", kind="department", parent=government)


@pytest.fixture
def street_office(township, government):
    return OrganizationFactory(region=township, name="东风街道办事处", kind="street_office", parent=government)


@pytest.fixture
def make_person(db):
    """make_person(role, organization) -> a person holding that role there (password "correct horse 42")."""

    def make(role=None, organization=None, **fields):
        person = PersonFactory(**fields)
        if role:
            MembershipFactory(person=person, organization=organization, role=role)
        return person

    return make


@pytest.fixture
def clerk(make_person, department):
    return make_person("clerk", department, username="clerk")


@pytest.fixture
def reviewer(make_person, department):
    return make_person("reviewer", department, username="reviewer")


@pytest.fixture
def confidentiality_officer(make_person, department):
    return make_person("confidentiality_officer", department, username="secrecy")


@pytest.fixture
def office(make_person, government):
    return make_person("office", government, username="office")


@pytest.fixture
def admin_person(make_person, government):
    return make_person("admin", government, username="admin")


@pytest.fixture
def other_clerk(make_person, other_department):
    return make_person("clerk", other_department, username="other_clerk")
