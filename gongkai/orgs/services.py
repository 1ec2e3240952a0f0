"""Writes to regions, organizations, people and roles. Each function is one transaction with an audit entry."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit

from .access import forget_memberships
from .errors import OrgsError, OrgsErrorCode
from .models import Level, Membership, Organization, Person, Region, Role

CHILD_LEVEL = {None: Level.COUNTY, Level.COUNTY: Level.TOWNSHIP, Level.TOWNSHIP: Level.VILLAGE}
ORGANIZATION_FIELDS = (
    "name",
    "short_name",
    "kind",
    "credit_code",
    "address",
    "office_hours",
    "phone",
    "fax",
    "email",
    "sort_order",
    "parent",
)


def validated(instance, exclude=None):
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        messages = [
            f"{field}: {message}" if field != "__all__" else message
            for field, msgs in error.message_dict.items()
            for message in msgs
        ]
        raise OrgsError(OrgsErrorCode.INVALID, "；".join(messages)) from error
    return instance


@transaction.atomic
def create_region(*, name: str, division_code: str, parent: Region | None = None, actor=None) -> Region:
    level = CHILD_LEVEL.get(parent.level if parent else None)
    if level is None:
        raise OrgsError(OrgsErrorCode.LEVEL_MISMATCH, _("村级行政区划下不能再设下级。"))
    region = Region(name=name, division_code=division_code, parent=parent, level=level)
    region.path = f"{parent.path if parent else '/'}{division_code}/"
    region.depth = parent.depth + 1 if parent else 0
    validated(region)
    region.save()
    audit.log("orgs.region.created", actor=actor, target=region, data={"division_code": division_code})
    return region


@transaction.atomic
def create_organization(*, region: Region, actor=None, **fields) -> Organization:
    organization = Organization(region=region, **fields)
    validated(organization)
    organization.save()
    audit.log(
        "orgs.organization.created",
        actor=actor,
        target=organization,
        organization=organization,
        data={"credit_code": organization.credit_code},
    )
    return organization


@transaction.atomic
def update_organization(*, organization: Organization, actor=None, **fields) -> Organization:
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    changes = {}
    for name, value in fields.items():
        if name not in ORGANIZATION_FIELDS:
            raise OrgsError(OrgsErrorCode.INVALID, _("字段“%(name)s”不能修改。") % {"name": name})
        old = getattr(organization, name)
        if old != value:
            changes[name] = [str(old) if old is not None else None, str(value) if value is not None else None]
            setattr(organization, name, value)
    if not changes:
        return organization
    validated(organization)
    organization.save()
    audit.log("orgs.organization.updated", actor=actor, target=organization, organization=organization, data=changes)
    return organization


@transaction.atomic
def set_organization_active(*, organization: Organization, active: bool, actor=None) -> Organization:
    Organization.objects.filter(pk=organization.pk).update(is_active=active)
    organization.is_active = active
    action = "orgs.organization.reactivated" if active else "orgs.organization.deactivated"
    audit.log(action, actor=actor, target=organization, organization=organization)
    return organization


@transaction.atomic
def create_person(
    *,
    username: str,
    full_name: str,
    password: str | None = None,
    email: str = "",
    phone: str = "",
    actor=None,
) -> Person:
    if Person.objects.filter(username__iexact=username).exists():
        raise OrgsError(OrgsErrorCode.DUPLICATE, _("用户名“%(username)s”已被使用。") % {"username": username})
    person = Person(username=username, full_name=full_name, email=email, phone=phone, is_staff=False)
    if password:
        person.set_password(password)
    else:
        person.set_unusable_password()
    validated(person, exclude=["password"])
    person.save()
    audit.log("orgs.person.created", actor=actor, target=person, data={"username": username})
    return person


@transaction.atomic
def set_person_password(*, person: Person, password: str, actor=None) -> Person:
    from django.contrib.auth.password_validation import validate_password

    try:
        validate_password(password, person)
    except ValidationError as error:
        raise OrgsError(OrgsErrorCode.INVALID, "；".join(error.messages)) from error
    person.set_password(password)
    person.failed_logins = 0
    person.locked_until = None
    person.save(update_fields=["password", "failed_logins", "locked_until"])
    audit.log("orgs.person.password_set", actor=actor, target=person)
    return person


@transaction.atomic
def set_person_active(*, person: Person, active: bool, actor=None) -> Person:
    Person.objects.filter(pk=person.pk).update(is_active=active)
    person.is_active = active
    audit.log("orgs.person.reactivated" if active else "orgs.person.deactivated", actor=actor, target=person)
    return person


@transaction.atomic
def grant_role(*, person: Person, organization: Organization, role: str, actor=None) -> Membership:
    if role not in Role.values:
        raise OrgsError(OrgsErrorCode.INVALID, _("未知角色：%(role)s") % {"role": role})
    membership, created = Membership.objects.get_or_create(person=person, organization=organization, role=role)
    if not created and membership.is_active:
        return membership
    if not created:
        membership.is_active = True
        membership.save(update_fields=["is_active"])
    if role == Role.ADMIN and not person.is_staff:
        Person.objects.filter(pk=person.pk).update(is_staff=True)
    forget_memberships(person)
    audit.log(
        "orgs.role.granted",
        actor=actor,
        target=person,
        organization=organization,
        data={"role": role, "organization": organization.name},
    )
    return membership


@transaction.atomic
def revoke_role(*, membership: Membership, actor=None) -> Membership:
    membership = Membership.objects.select_for_update().select_related("person", "organization").get(pk=membership.pk)
    if not membership.is_active:
        return membership
    if membership.role == Role.ADMIN:
        others = Membership.objects.filter(role=Role.ADMIN, is_active=True).exclude(pk=membership.pk)
        if not others.exists() and not Person.objects.filter(is_superuser=True, is_active=True).exists():
            raise OrgsError(OrgsErrorCode.LAST_ADMIN, _("不能撤销最后一个系统管理员。"))
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    forget_memberships(membership.person)
    audit.log(
        "orgs.role.revoked",
        actor=actor,
        target=membership.person,
        organization=membership.organization,
        data={"role": membership.role, "organization": membership.organization.name},
    )
    return membership


@transaction.atomic
def record_failed_login(*, username: str, ip_address: str | None = None) -> Person | None:
    """Count a failed login; lock the account after LOGIN_MAX_FAILURES in a row."""
    person = Person.objects.select_for_update().filter(username__iexact=username or "").first()
    data = {"username": (username or "")[:150]}
    if person is not None:
        Person.objects.filter(pk=person.pk).update(failed_logins=F("failed_logins") + 1)
        person.refresh_from_db(fields=["failed_logins", "locked_until"])
        data["failed_logins"] = person.failed_logins
        if person.failed_logins >= settings.LOGIN_MAX_FAILURES:
            person.locked_until = timezone.now() + timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
            person.save(update_fields=["locked_until"])
            data["locked_until"] = person.locked_until.isoformat()
    audit.log("orgs.login.failed", actor=None, target=person, data=data, ip_address=ip_address)
    return person


@transaction.atomic
def record_login(*, person: Person, ip_address: str | None = None) -> None:
    Person.objects.filter(pk=person.pk).update(failed_logins=0, locked_until=None)
    audit.log("orgs.login.succeeded", actor=person, target=person, ip_address=ip_address)


@transaction.atomic
def record_logout(*, person: Person, ip_address: str | None = None) -> None:
    audit.log("orgs.logout", actor=person, target=person, ip_address=ip_address)


def is_locked(person: Person) -> bool:
    return bool(person.locked_until and person.locked_until > timezone.now())
