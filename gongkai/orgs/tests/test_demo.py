"""The orgs step of the demo: a complete fictional district, built once however often it runs."""

import io

import pytest

from gongkai.core.demo import DemoContext
from gongkai.core.models import AuditEntry
from gongkai.orgs import demo
from gongkai.orgs.codes import is_valid_credit_code
from gongkai.orgs.models import Level, Membership, Organization, Person, Region, Role

REQUIRED_SHORT_NAMES = (
    "民政局", "财政局", "人社局", "住建局", "教育局", "卫健委", "生态环境局", "自然资源局", "农业农村局", "市场监管局",
    "应急管理局", "发改局", "司法局", "文旅局", "城管局", "退役军人局", "医保局",
)  # fmt: skip


def build():
    context = DemoContext(stdout=io.StringIO())
    demo.build(context)
    return context


def counts():
    return {model.__name__: model.objects.count() for model in (Region, Organization, Person, Membership, AuditEntry)}


@pytest.fixture
def context(db):
    return build()


def test_demo_builds_the_district_with_its_organizations(context):
    objects = context.objects
    assert objects["district"].level == Level.COUNTY
    assert objects["district"].division_code == "320416000000"
    assert objects["government"].kind == Organization.Kind.GOVERNMENT
    assert objects["government"].office_hours.startswith("周一至周五")
    assert objects["government"].address == "青溪区府前街1号"
    assert objects["government"].phone == "0519-86001234"
    assert len(objects["departments"]) == 35
    assert len(objects["townships"]) == 7
    assert {township.kind for township in objects["townships"]} == {"government", "street_office"}
    assert {township.region.level for township in objects["townships"]} == {Level.TOWNSHIP}
    assert set(REQUIRED_SHORT_NAMES) <= set(objects["department_by_short"])
    assert objects["department_by_short"]["民政局"].name == "青溪区民政局"
    assert all(village.kind == Organization.Kind.COMMITTEE for village in objects["villages"])
    for township in objects["townships"]:
        under = [village for village in objects["villages"] if village.parent_id == township.pk]
        assert 3 <= len(under) <= 4
        assert all(village.region.parent_id == township.region_id for village in under)


def test_demo_codes_are_valid_and_unique(context):
    codes = list(Organization.objects.values_list("credit_code", flat=True))
    assert len(codes) == len(set(codes)) == 1 + 35 + 7 + 25
    assert all(is_valid_credit_code(code) for code in codes)
    assert all(code[2:8] == "320416" for code in codes)
    division_codes = list(Region.objects.values_list("division_code", flat=True))
    assert all(len(code) == 12 and code.startswith("320416") for code in division_codes)


def test_every_department_and_township_has_each_working_role(context):
    units = context.objects["departments"] + context.objects["townships"]
    for organization in units:
        for role in (Role.CLERK, Role.REVIEWER, Role.CONFIDENTIALITY_OFFICER):
            person = demo.staff_of(organization, role)
            assert Membership.objects.filter(person=person, organization=organization, role=role).exists()
    government = context.objects["government"]
    assert demo.staff_of(government, Role.OFFICE).username == "office"
    assert demo.staff_of(government, Role.ADMIN).username == "admin"


def test_one_demo_person_holds_roles_in_two_organizations(context):
    person = Person.objects.get(username="qxjd-clerk")
    assert Membership.objects.filter(person=person, is_active=True).count() == 2


def test_demo_logins_work_with_the_documented_password(context, client):
    assert ("admin", demo.DEMO_PASSWORD, "系统管理员（青溪区人民政府）") in context.logins
    usernames = [username for username, _, _ in context.logins]
    assert {"office", "mzj-clerk", "mzj-reviewer", "mzj-secrecy"} <= set(usernames)
    assert Person.objects.get(username="mzj-reviewer").check_password(demo.DEMO_PASSWORD)
    assert client.login(username="mzj-clerk", password=demo.DEMO_PASSWORD)


def test_staff_of_refuses_a_role_nobody_holds(context):
    with pytest.raises(LookupError):
        demo.staff_of(context.objects["villages"][1], Role.REVIEWER)


def test_demo_is_idempotent(context):
    before = counts()
    again = build()
    assert counts() == before
    assert again.objects["government"] == context.objects["government"]
    assert [o.pk for o in again.objects["departments"]] == [o.pk for o in context.objects["departments"]]


def test_demo_writes_through_the_audited_services(context):
    assert AuditEntry.objects.filter(action="orgs.organization.created").count() == Organization.objects.count()
    assert AuditEntry.objects.filter(action="orgs.region.created").count() == Region.objects.count()
    assert AuditEntry.objects.filter(action="orgs.role.granted").count() == Membership.objects.count()
