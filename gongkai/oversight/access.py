"""Who may do what in oversight, built on `orgs.access`:

- the office (and admin) of a region defines schemes, enters manual deductions, issues notices, accepts or returns
  answers and runs self-inspection, for the organizations in its region and below;
- an organization's own staff see their own scores, problems and findings and answer their problems;
- anything outside a person's scope is reported as not found.
"""

from gongkai.core.errors import AccessDenied
from gongkai.orgs.access import has_role, is_admin, office_region_paths, organizations_for
from gongkai.orgs.models import Role

OFFICE_ROLES = (Role.ADMIN, Role.OFFICE)
ANSWER_ROLES = (Role.CLERK, Role.REVIEWER, Role.ADMIN, Role.OFFICE)


def is_overseer(person) -> bool:
    return is_admin(person) or bool(office_region_paths(person))


def require_office_for(person, organization) -> None:
    if not has_role(person, organization, OFFICE_ROLES):
        raise AccessDenied()


def require_office_region(person, region) -> None:
    """Admins everywhere; an office over `region` when its own region contains it."""
    if is_admin(person):
        return
    if not any(region.path.startswith(path) for path in office_region_paths(person)):
        raise AccessDenied()


def may_answer(person, organization) -> bool:
    return has_role(person, organization, ANSWER_ROLES)


def visible_organizations(person):
    return organizations_for(person)
