"""Writes to regions, organizations, people and roles. Each function is one transaction with an audit entry."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit

from .access import forget_memberships
from .errors import OrgsError, OrgsErrorCode
from .models import Level, Membership, Organization, Person, Region, Role, SiteErrorReport, SiteSettings
from .signals import organization_changed, site_changed

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
    "leaders",
    "internal_units",
    "functions",
    "sort_order",
    "parent",
    "issuer_mark",
    "seal_mode",
    "printed_by",
)
PERSON_FIELDS = ("full_name", "email", "phone")


def field_label(instance, name: str) -> str:
    try:
        return str(instance._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def validated(instance, exclude=None):
    """Run the model's validation; the error names each field in Chinese ("统一社会信用代码：……")."""
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        messages = [
            _("%(field)s：%(message)s") % {"field": field_label(instance, field), "message": message}
            if field != "__all__"
            else message
            for field, msgs in error.message_dict.items()
            for message in msgs
        ]
        fields = [field for field in error.message_dict if field != "__all__"]
        raise OrgsError(OrgsErrorCode.INVALID, "；".join(messages), field=fields[0] if fields else None) from error
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
def set_village_review(*, region: Region, through_township: bool, actor=None) -> Region:
    """Decide whether the villages of a township publish through the township's reviewer and confidentiality
    officer (the default) or review their records themselves."""
    region = Region.objects.select_for_update().get(pk=region.pk)
    if region.level != Level.TOWNSHIP:
        raise OrgsError(OrgsErrorCode.LEVEL_MISMATCH, _("只有乡级区划（乡镇、街道）可以设置村（社区）信息的审核方式。"))
    if region.villages_publish_through_township == through_township:
        return region
    region.villages_publish_through_township = through_township
    region.save(update_fields=["villages_publish_through_township"])
    audit.log(
        "orgs.region.village_review_set",
        actor=actor,
        target=region,
        data={"villages_publish_through_township": through_township},
    )
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
    transaction.on_commit(lambda: organization_changed.send(sender=Organization, organization_id=organization.pk))
    return organization


def effective_admins(*, exclude_person=None, exclude_organization=None, exclude_membership=None):
    """People who would still administer the system: active superusers and active admin roles in active
    organizations, leaving out what the caller is about to switch off."""
    memberships = Membership.objects.filter(
        role=Role.ADMIN, is_active=True, organization__is_active=True, person__is_active=True
    )
    superusers = Person.objects.filter(is_superuser=True, is_active=True)
    if exclude_person is not None:
        memberships = memberships.exclude(person=exclude_person)
        superusers = superusers.exclude(pk=exclude_person.pk)
    if exclude_organization is not None:
        memberships = memberships.exclude(organization=exclude_organization)
    if exclude_membership is not None:
        memberships = memberships.exclude(pk=exclude_membership.pk)
    return memberships.exists() or superusers.exists()


@transaction.atomic
def set_organization_active(*, organization: Organization, active: bool, actor=None) -> Organization:
    if not active and effective_admins() and not effective_admins(exclude_organization=organization):
        raise OrgsError(
            OrgsErrorCode.LAST_ADMIN, _("停用该机构后系统将没有可用的系统管理员，请先在其他机构授予管理员角色。")
        )
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
        raise OrgsError(
            OrgsErrorCode.DUPLICATE, _("用户名“%(username)s”已被使用。") % {"username": username}, field="username"
        )
    person = Person(username=username, full_name=full_name, email=email, phone=phone, is_staff=False)
    if password:
        check_password_strength(password, person)
        person.set_password(password)
    else:
        person.set_unusable_password()
    validated(person, exclude=["password"])
    person.save()
    audit.log("orgs.person.created", actor=actor, target=person, data={"username": username})
    return person


def check_password_strength(password: str, person: Person) -> None:
    from django.contrib.auth.password_validation import validate_password

    try:
        validate_password(password, person)
    except ValidationError as error:
        raise OrgsError(OrgsErrorCode.INVALID, "；".join(error.messages), field="password") from error


@transaction.atomic
def create_staff_member(
    *,
    username: str,
    full_name: str,
    password: str,
    organization: Organization,
    role: str,
    email: str = "",
    phone: str = "",
    actor=None,
) -> Person:
    """A new account together with its first role, so that nobody exists without an organization."""
    person = create_person(
        username=username, full_name=full_name, password=password, email=email, phone=phone, actor=actor
    )
    grant_role(person=person, organization=organization, role=role, actor=actor)
    return person


@transaction.atomic
def update_person(*, person: Person, actor=None, **fields) -> Person:
    person = Person.objects.select_for_update().get(pk=person.pk)
    changes = {}
    for name, value in fields.items():
        if name not in PERSON_FIELDS:
            raise OrgsError(OrgsErrorCode.INVALID, _("字段“%(name)s”不能修改。") % {"name": name})
        if getattr(person, name) != value:
            changes[name] = [getattr(person, name), value]
            setattr(person, name, value)
    if not changes:
        return person
    validated(person, exclude=["password"])
    person.save(update_fields=list(changes))
    audit.log("orgs.person.updated", actor=actor, target=person, data=changes)
    return person


@transaction.atomic
def set_person_password(*, person: Person, password: str, actor=None) -> Person:
    check_password_strength(password, person)
    person.set_password(password)
    person.failed_logins = 0
    person.locked_until = None
    person.save(update_fields=["password", "failed_logins", "locked_until"])
    audit.log("orgs.person.password_set", actor=actor, target=person)
    return person


@transaction.atomic
def set_person_active(*, person: Person, active: bool, actor=None) -> Person:
    if not active and actor is not None and getattr(actor, "pk", None) == person.pk:
        raise OrgsError(OrgsErrorCode.INVALID, _("不能停用自己的账号，请由其他管理人员操作。"))
    if not active and effective_admins() and not effective_admins(exclude_person=person):
        raise OrgsError(OrgsErrorCode.LAST_ADMIN, _("不能停用最后一个系统管理员的账号。"))
    Person.objects.filter(pk=person.pk).update(is_active=active)
    person.is_active = active
    audit.log("orgs.person.reactivated" if active else "orgs.person.deactivated", actor=actor, target=person)
    return person


@transaction.atomic
def grant_role(*, person: Person, organization: Organization, role: str, actor=None) -> Membership:
    if role not in Role.values:
        raise OrgsError(OrgsErrorCode.INVALID, _("未知角色：%(role)s") % {"role": role})
    if not organization.is_active:
        raise OrgsError(
            OrgsErrorCode.INVALID, _("机构“%(name)s”已停用，不能在其中授予角色。") % {"name": organization.name}
        )
    if not person.is_active:
        raise OrgsError(OrgsErrorCode.INVALID, _("账号“%(name)s”已停用，请先恢复账号。") % {"name": person})
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
    if membership.role == Role.ADMIN and effective_admins() and not effective_admins(exclude_membership=membership):
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


SITE_SETTINGS_FIELDS = (
    "site_name",
    "logo_url",
    "sponsor",
    "organizer",
    "site_code",
    "icp_number",
    "police_number",
    "contact_phone",
    "contact_email",
    "contact_address",
)


@transaction.atomic
def update_site_settings(*, region: Region, actor=None, **fields) -> SiteSettings:
    """Save the portal's identity of a top-level region (created on first save); only changed fields are logged."""
    if region.parent_id is not None:
        raise OrgsError(OrgsErrorCode.INVALID, _("网站设置只能为县级（顶层）行政区划设置。"))
    settings_row, _created = SiteSettings.objects.select_for_update().get_or_create(region=region)
    changes = {}
    for name, value in fields.items():
        if name not in SITE_SETTINGS_FIELDS:
            raise OrgsError(OrgsErrorCode.INVALID, _("字段“%(name)s”不能修改。") % {"name": name})
        value = (value or "").strip()
        if getattr(settings_row, name) != value:
            changes[name] = [getattr(settings_row, name), value]
            setattr(settings_row, name, value)
    if not changes:
        return settings_row
    validated(settings_row)
    settings_row.save()
    audit.log("orgs.site_settings.updated", actor=actor, target=settings_row, data=changes)
    transaction.on_commit(lambda: site_changed.send(sender=SiteSettings))
    return settings_row


@transaction.atomic
def report_site_error(
    *, region: Region, description: str, page_url: str = "", contact: str = "", ip_address: str | None = None
) -> SiteErrorReport:
    """A visitor's error report (我为政府网站找错), kept for the office of `region`."""
    description = (description or "").strip()
    if not description:
        raise OrgsError(OrgsErrorCode.INVALID, _("请描述您发现的问题。"), field="description")
    report = validated(
        SiteErrorReport(
            region=region,
            description=description,
            page_url=(page_url or "").strip()[:500],
            contact=(contact or "").strip(),
            ip_address=ip_address,
        )
    )
    report.save()
    audit.log(
        "orgs.site_error.reported",
        actor=_("网站访客"),
        target=report,
        data={"page_url": report.page_url},
        ip_address=ip_address,
    )
    return report


@transaction.atomic
def handle_site_error_report(*, report: SiteErrorReport, actor, note: str = "") -> SiteErrorReport:
    report = SiteErrorReport.objects.select_for_update().get(pk=report.pk)
    if report.status == SiteErrorReport.Status.HANDLED:
        raise OrgsError(OrgsErrorCode.INVALID, _("该留言已处理。"))
    report.status = SiteErrorReport.Status.HANDLED
    report.handled_by = actor
    report.handled_at = timezone.now()
    report.handling_note = (note or "").strip()[:500]
    report.save(update_fields=["status", "handled_by", "handled_at", "handling_note"])
    audit.log("orgs.site_error.handled", actor=actor, target=report, data={"note": report.handling_note})
    return report
