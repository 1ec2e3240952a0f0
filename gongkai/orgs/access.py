"""Who may act where: the one place that turns memberships into organization scopes.

Every other app's access functions (e.g. `record_for_staff`) build on these. Rules:
- `admin` (or a Django superuser) may do everything everywhere;
- `office` oversees every organization in its organization's region and the regions below;
- `clerk`, `reviewer` and `confidentiality_officer` act in their own organization only;
- villages publish through their township: a village or community committee whose 上级机构 is its township
  (街道办事处 or 乡镇人民政府) counts the township's `reviewer` and `confidentiality_officer` as its own, unless the
  township's region turns that off (`Region.villages_publish_through_township`). The office may review and clear
  village records too (`review_roles`), since a village has no reviewer of its own as a rule.
"""

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from gongkai.core.errors import AccessDenied, NotInScope

from .models import Level, Membership, Organization, Person, Region, Role

ALL_ROLES = tuple(Role.values)
# Township roles that also count in the township's villages (when the township's region says so).
TOWNSHIP_ROLES_IN_VILLAGES = (Role.REVIEWER, Role.CONFIDENTIALITY_OFFICER)


def _memberships(person) -> list[tuple[int, str, str]]:
    """(organization id, region path, role) of the person's active memberships, cached on the person object."""
    if person is None or not getattr(person, "is_authenticated", False) or not person.is_active:
        return []
    cached = getattr(person, "_gongkai_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(person=person, is_active=True, organization__is_active=True).values_list(
                "organization_id", "organization__region__path", "role"
            )
        )
        cached += _village_memberships(cached)
        person._gongkai_memberships = cached
    return cached


def _village_memberships(memberships) -> list[tuple[int, str, str]]:
    """The township reviewer's and confidentiality officer's roles in the villages that publish through it."""
    by_township: dict[int, set[str]] = {}
    for org_id, _path, role in memberships:
        if role in TOWNSHIP_ROLES_IN_VILLAGES:
            by_township.setdefault(org_id, set()).add(role)
    if not by_township:
        return []
    villages = villages_publishing_through(by_township).values_list("pk", "region__path", "parent_id")
    return [(pk, path, role) for pk, path, parent_id in villages for role in sorted(by_township[parent_id])]


def villages_publishing_through(township_ids) -> QuerySet[Organization]:
    """Active village-level organizations whose township (their 上级机构) reviews their records."""
    return Organization.objects.filter(
        parent_id__in=list(township_ids),
        is_active=True,
        region__level=Level.VILLAGE,
        parent__region__level=Level.TOWNSHIP,
        region__parent__villages_publish_through_township=True,
    )


def is_village(organization) -> bool:
    """A village or community committee (an organization of a village-level region)."""
    return organization.region.level == Level.VILLAGE


def review_roles(organization, roles: Iterable[str]) -> tuple[str, ...]:
    """The roles that may review (or clear) the records of `organization`: `roles`, and the office for villages."""
    roles = tuple(roles)
    return (*roles, Role.OFFICE) if is_village(organization) else roles


def forget_memberships(person) -> None:
    if hasattr(person, "_gongkai_memberships"):
        del person._gongkai_memberships


def is_admin(person) -> bool:
    if person is None or not getattr(person, "is_authenticated", False) or not person.is_active:
        return False
    return person.is_superuser or any(role == Role.ADMIN for _, _, role in _memberships(person))


def is_staff_member(person) -> bool:
    return is_admin(person) or bool(_memberships(person))


def roles_of(person) -> set[str]:
    roles = {role for _, _, role in _memberships(person)}
    if is_admin(person):
        roles.add(Role.ADMIN)
    return roles


def office_region_paths(person) -> list[str]:
    return [path for _, path, role in _memberships(person) if role == Role.OFFICE]


def organizations_for(person, roles: Iterable[str] = ALL_ROLES) -> QuerySet[Organization]:
    """Organizations in which the person acts with one of `roles` (an office's whole region counts)."""
    roles = set(roles)
    if is_admin(person):
        return Organization.objects.all()
    direct = [org_id for org_id, _, role in _memberships(person) if role in roles]
    condition = Q(pk__in=direct)
    if Role.OFFICE in roles:
        for path in office_region_paths(person):
            condition |= Q(region__path__startswith=path)
    if not direct and not (Role.OFFICE in roles and office_region_paths(person)):
        return Organization.objects.none()
    return Organization.objects.filter(condition)


def has_role(person, organization, roles: Iterable[str] = ALL_ROLES) -> bool:
    """True when the person acts in `organization` with one of `roles`."""
    roles = set(roles)
    if is_admin(person):
        return True
    organization_id = getattr(organization, "pk", organization)
    if any(org_id == organization_id and role in roles for org_id, _, role in _memberships(person)):
        return True
    if Role.OFFICE in roles and office_region_paths(person):
        if not isinstance(organization, Organization):
            organization = Organization.objects.select_related("region").get(pk=organization_id)
        return any(organization.region.path.startswith(path) for path in office_region_paths(person))
    return False


def require_scope(person, organization) -> None:
    """NotInScope (views answer 404) unless the person acts in or oversees `organization` in some role."""
    if not has_role(person, organization, ALL_ROLES):
        raise NotInScope()


def require_role(person, organization, roles: Iterable[str] = ALL_ROLES, message: str = "") -> None:
    if not has_role(person, organization, roles):
        raise AccessDenied(message)


def organization_for_staff(*, person, organization_id: int, action: str = "view") -> Organization:
    """The access function for organizations: "view" for any member or overseer, "manage" for office and admin."""
    roles = ALL_ROLES if action == "view" else (Role.ADMIN, Role.OFFICE)
    try:
        organization = Organization.objects.select_related("region").get(pk=organization_id)
    except Organization.DoesNotExist as error:
        raise AccessDenied() from error
    require_role(person, organization, roles)
    return organization


def can_manage_people(person, organization) -> bool:
    return has_role(person, organization, (Role.ADMIN, Role.OFFICE))


MANAGERS = (Role.ADMIN, Role.OFFICE)


def regions_for(person) -> QuerySet[Region]:
    """Regions the person oversees: every region for an admin, an office's region and those below it."""
    if is_admin(person):
        return Region.objects.all()
    paths = office_region_paths(person)
    if not paths:
        return Region.objects.none()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return Region.objects.filter(condition)


def region_for_staff(*, person, region_id: int) -> Region:
    """The access function for regions (their tree, organizations and extra holidays): admins and offices above."""
    region = regions_for(person).filter(pk=region_id).first()
    if region is None:
        raise AccessDenied()
    return region


def require_may_add_region(*, person, parent: Region | None) -> Region | None:
    """A top-level (county) region only by an administrator; a region below `parent` by whoever oversees `parent`.
    Returns `parent` as read through `region_for_staff`."""
    if parent is None:
        if not is_admin(person):
            raise AccessDenied(_("只有系统管理员可以新建县级行政区划。"))
        return None
    return region_for_staff(person=person, region_id=parent.pk)


def may_edit_national_schedule(person) -> bool:
    """The State Council schedule is shared by every region: admins and offices of a top-level region edit it."""
    return is_admin(person) or any(path.count("/") == 2 for path in office_region_paths(person))


def people_for(person) -> QuerySet[Person]:
    """People the person may see in the settings pages: everyone for an admin, an office's region's staff."""
    if is_admin(person):
        return Person.objects.all()
    scope = organizations_for(person, MANAGERS)
    return Person.objects.filter(memberships__organization__in=scope).distinct()


def person_for_staff(*, person, person_id: int, action: str = "view") -> Person:
    """The access function for people. "view": admin, or an office overseeing one of the person's organizations.
    "manage" (edit, password, deactivate): admin, or an office overseeing every organization the person has an
    active role in, when the person is not an administrator."""
    target = people_for(person).filter(pk=person_id).first()
    if target is None:
        raise AccessDenied()
    if action == "view" or is_admin(person):
        return target
    memberships = Membership.objects.filter(person=target, is_active=True).select_related("organization__region")
    if target.is_superuser or any(membership.role == Role.ADMIN for membership in memberships):
        raise AccessDenied()
    if not all(has_role(person, membership.organization, MANAGERS) for membership in memberships):
        raise AccessDenied()
    return target


def require_may_grant(person, organization: Organization, role: str) -> None:
    """Admins grant every role; an office grants every role but admin within the organizations it oversees."""
    if is_admin(person):
        return
    if role == Role.ADMIN or not has_role(person, organization, MANAGERS):
        raise AccessDenied()


def membership_for_staff(*, person, membership_id: int) -> Membership:
    """The access function for role assignments (to revoke one): the same rule as granting it."""
    membership = Membership.objects.select_related("person", "organization__region").filter(pk=membership_id).first()
    if membership is None:
        raise AccessDenied()
    require_may_grant(person, membership.organization, membership.role)
    return membership


def site_region_for_staff(*, person, region_id: int) -> Region:
    """The access function for a site's settings and error reports: a top-level region, for its office or an admin."""
    region = region_for_staff(person=person, region_id=region_id)
    if region.parent_id is not None:
        raise AccessDenied()
    return region


def site_regions_for(person) -> QuerySet[Region]:
    return regions_for(person).filter(parent=None)
