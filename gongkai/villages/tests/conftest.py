"""Fixtures of the villages tests: a street (东风街道) with one community, its staff and the county's office."""

import pytest

from gongkai.orgs.tests.factories import OrganizationFactory, RegionFactory
from gongkai.villages.services import seed_village_columns


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def village(township, street_office, django_capture_on_commit_callbacks):
    region = RegionFactory(name="东风社区", division_code="320499001001", parent=township)
    with django_capture_on_commit_callbacks(execute=True):
        organization = OrganizationFactory(
            region=region, name="东风社区居民委员会", short_name="东风社区", kind="committee", parent=street_office
        )
    return organization


@pytest.fixture
def other_village(county, government):
    township = RegionFactory(name="西山镇", division_code="320499101000", parent=county)
    town = OrganizationFactory(region=township, name="西山镇人民政府", kind="government", parent=government)
    region = RegionFactory(name="西山村", division_code="320499101201", parent=township)
    organization = OrganizationFactory(region=region, name="西山村村民委员会", kind="committee", parent=town)
    seed_village_columns(organization=organization)
    return organization


@pytest.fixture
def village_clerk(make_person, village):
    return make_person("clerk", village, username="village-clerk")


@pytest.fixture
def grid_worker(make_person, village):
    return make_person("grid_worker", village, username="grid-worker")


@pytest.fixture
def township_reviewer(make_person, street_office):
    return make_person("reviewer", street_office, username="township-reviewer")


@pytest.fixture
def township_secrecy(make_person, street_office):
    return make_person("confidentiality_officer", street_office, username="township-secrecy")


@pytest.fixture
def township_clerk(make_person, street_office):
    return make_person("clerk", street_office, username="township-clerk")


@pytest.fixture
def department_clerk(make_person, department):
    return make_person("clerk", department, username="department-clerk")


@pytest.fixture
def other_clerk(make_person, other_village):
    return make_person("clerk", other_village, username="other-clerk")
