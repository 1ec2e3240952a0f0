"""The portal's directory of departments and towns/streets and each organization's profile (机构概况)."""

import pytest
from django.urls import reverse

from gongkai.core.models import AuditEntry
from gongkai.orgs.services import update_organization
from gongkai.publishing.models import Column
from gongkai.services.models import GuideStatus
from gongkai.services.tests.factories import GuideFactory

DIRECTORY = "/organizations/"


@pytest.fixture
def profiled(department, office):
    return update_organization(
        organization=department,
        actor=office,
        leaders="王五 局长 主持全面工作\n赵六：副局长：分管社会救助",
        internal_units="办公室\n社会救助科",
        functions="负责全区社会救助工作。\n负责养老服务。",
        address="示范区府前街9号",
        office_hours="周一至周五 8:30—17:30",
        phone="0519-86009999",
    )


def test_directory_groups_the_government_departments_and_streets(client, government, profiled, street_office):
    from gongkai.orgs.tests.factories import OrganizationFactory

    village = OrganizationFactory(region=street_office.region, kind="committee", name="某社区居委会")
    page = client.get(DIRECTORY).content.decode()
    order = [page.index(text) for text in ('id="dir-government"', f">{government.name}<", 'id="dir-departments"')]
    order += [page.index(text) for text in (f">{profiled.name}<", 'id="dir-towns"', f">{street_office.name}<")]
    assert order == sorted(order)
    assert village.name not in page
    assert reverse("portal:organization", args=[profiled.pk]) in page


def test_profile_shows_leaders_units_functions_and_contacts(client, profiled):
    page = client.get(reverse("portal:organization", args=[profiled.pk])).content.decode()
    for text in (
        "<h1>示范区民政局</h1>",
        "<strong>王五</strong> · 局长",
        "主持全面工作",
        "<strong>赵六</strong> · 副局长",
        "<li>社会救助科</li>",
        "<p>负责养老服务。</p>",
        "示范区府前街9号",
        "周一至周五 8:30—17:30",
        'href="tel:0519-86009999"',
    ):
        assert text in page
    assert reverse("portal:publishing:organization", args=[profiled.pk]) in page


def test_profile_lists_its_own_guides_in_force_and_columns(client, profiled, other_department):
    GuideFactory(organization=profiled, name="最低生活保障审批")
    GuideFactory(organization=profiled, name="草稿事项", status=GuideStatus.DRAFT)
    GuideFactory(organization=other_department, name="财政事项")
    Column.objects.get_or_create(organization=profiled, slug="jiuzhu", defaults={"name": "社会救助专栏"})
    page = client.get(reverse("portal:organization", args=[profiled.pk])).content.decode()
    assert "最低生活保障审批" in page
    assert "草稿事项" not in page
    assert "财政事项" not in page
    assert "社会救助专栏" in page
    assert f"/columns/jiuzhu/?organization={profiled.pk}" in page


def test_inactive_organizations_and_committees_have_no_profile(client, department, street_office):
    from gongkai.orgs.tests.factories import OrganizationFactory

    village = OrganizationFactory(region=street_office.region, kind="committee")
    department.is_active = False
    department.save()
    assert client.get(reverse("portal:organization", args=[department.pk])).status_code == 404
    assert client.get(reverse("portal:organization", args=[village.pk])).status_code == 404


def test_office_edits_the_profile_in_the_back_office_with_an_audit_entry(client, office, department):
    client.force_login(office)
    url = reverse("backoffice:system:organization_edit", args=[department.pk])
    assert 'name="leaders"' in client.get(url).content.decode()
    data = {
        "kind": department.kind,
        "name": department.name,
        "credit_code": department.credit_code,
        "parent": department.parent_id,
        "sort_order": 0,
        "seal_mode": department.seal_mode,
        "leaders": "王五 局长 主持全面工作",
        "internal_units": "办公室",
        "functions": "负责全区社会救助工作。",
    }
    assert client.post(url, data).status_code == 302
    department.refresh_from_db()
    assert department.leaders == "王五 局长 主持全面工作"
    entry = AuditEntry.objects.filter(action="orgs.organization.updated", target_id=str(department.pk)).latest("id")
    assert "leaders" in entry.data


def test_clerks_cannot_edit_the_profile(client, clerk, department):
    client.force_login(clerk)
    url = reverse("backoffice:system:organization_edit", args=[department.pk])
    assert client.post(url, {"leaders": "某某"}).status_code == 403
    department.refresh_from_db()
    assert department.leaders == ""
