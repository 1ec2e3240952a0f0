"""Who may see and change guides, packages and sites. Built on `gongkai.orgs.access`; selectors are the chokepoint.

- guides: every staff role of the guide's organization (and the office over its region) may view; clerks,
  reviewers, the office and administrators may edit drafts and propose changes; reviewers, the office and
  administrators put guides in force and approve changes — never their own submission;
- sites: clerks, reviewers, the office and administrators of the site's organization (and the office above);
- theme packages, 一件事 and the site category tree: the disclosure office (of the package's organization's region)
  and administrators, as the office defines them for the whole district.
"""

from gongkai.orgs.access import ALL_ROLES, has_role, organizations_for
from gongkai.orgs.models import Organization, Role

VIEW_ROLES = ALL_ROLES
EDIT_ROLES = (Role.CLERK, Role.REVIEWER, Role.OFFICE, Role.ADMIN)
APPROVE_ROLES = (Role.REVIEWER, Role.OFFICE, Role.ADMIN)
OFFICE_ROLES = (Role.OFFICE, Role.ADMIN)
GUIDE_ACTIONS = {"view": VIEW_ROLES, "edit": EDIT_ROLES, "approve": APPROVE_ROLES}


def can_edit_guide(person, guide) -> bool:
    return has_role(person, guide.organization, EDIT_ROLES)


def can_approve_guide(person, guide) -> bool:
    return has_role(person, guide.organization, APPROVE_ROLES)


def can_edit_site(person, site) -> bool:
    return has_role(person, site.organization, EDIT_ROLES)


def can_manage_packages(person, organization) -> bool:
    return has_role(person, organization, OFFICE_ROLES)


def editable_organizations(person):
    return organizations_for(person, EDIT_ROLES)


def office_organizations(person):
    """Organizations whose packages and categories the person may manage: governments in an office's region."""
    return organizations_for(person, OFFICE_ROLES)


def own_organizations(person):
    """Organizations the person holds an editing role in directly (not those an office oversees): where the person
    adopts guides for."""
    return Organization.objects.filter(
        memberships__person=person, memberships__is_active=True, memberships__role__in=EDIT_ROLES, is_active=True
    ).distinct()
