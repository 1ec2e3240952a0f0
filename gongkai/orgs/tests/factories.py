"""Factories for regions, organizations and people. They write directly: tests of services call services."""

import factory

from gongkai.orgs.codes import credit_code_check_char
from gongkai.orgs.models import Membership, Organization, Person, Region

PASSWORD = "correct horse 42"


def credit_code(serial: int) -> str:
    first_17 = f"1132049900{serial:07d}"
    return first_17 + credit_code_check_char(first_17)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"地区{n}")
    division_code = factory.Sequence(lambda n: f"32{n:010d}")
    parent = None

    @factory.lazy_attribute
    def level(self):
        if self.parent is None:
            return "county"
        return "township" if self.parent.level == "county" else "village"

    @factory.lazy_attribute
    def path(self):
        return f"{self.parent.path if self.parent else '/'}{self.division_code}/"

    @factory.lazy_attribute
    def depth(self):
        return self.parent.depth + 1 if self.parent else 0


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    region = factory.SubFactory(RegionFactory)
    kind = "department"
    name = factory.Sequence(lambda n: f"示范机构{n}")
    credit_code = factory.Sequence(credit_code)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    full_name = factory.Sequence(lambda n: f"工作人员{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = "clerk"
