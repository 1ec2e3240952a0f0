"""Who may act where: the one place that turns memberships into organization scopes.

Every other app's access functions (e.g. `record_for_staff`) build on these. Rules:
- `admin` (or a Django superuser) may do everything everywhere;
- `office` oversees every organization in its organization's region and the regions below;
- `clerk`, `reviewer` and `confidentiality_officer` act in their own organization only.
"""

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from gongkai.core.errors import AccessDenied

from .models import Membership, Organization, Role

ALL_ROLES = tuple(Role.values)


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
        person._gongkai_memberships = cached
    return cached


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
