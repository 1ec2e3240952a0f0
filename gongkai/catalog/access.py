"""Who may see, change and approve a catalog. Built on `gongkai.orgs.access`; the selectors are the chokepoint.

- view: any member of the catalog's organization, of a department under it in the same region (departments keep
  their domains' items in the government's catalog), the disclosure office above it, or an administrator;
- edit (propose changes): clerks of those organizations, the office, administrators;
- approve: the disclosure office over the catalog's region and administrators. Their own edits take effect at
  once; a clerk's edit waits in a change set until they approve it.
"""

from gongkai.orgs.access import ALL_ROLES, has_role, organizations_for
from gongkai.orgs.models import Organization, Role

EDITOR_ROLES = (Role.CLERK, Role.OFFICE, Role.ADMIN)
APPROVER_ROLES = (Role.OFFICE, Role.ADMIN)


def contributor_ids(catalog) -> list[int]:
    """The catalog's organization and the departments under it in the same region."""
    organization = catalog.organization
    cached = getattr(catalog, "_contributor_ids", None)
    if cached is None:
        children = Organization.objects.filter(parent=organization, region_id=organization.region_id)
        cached = [organization.pk, *children.values_list("pk", flat=True)]
        catalog._contributor_ids = cached
    return cached


def acts_in(person, catalog, roles) -> bool:
    if has_role(person, catalog.organization, roles):
        return True
    member_of = set(
        organizations_for(person, [role for role in roles if role != Role.OFFICE]).values_list("pk", flat=True)
    )
    return bool(member_of & set(contributor_ids(catalog)))


def can_view_catalog(person, catalog) -> bool:
    return acts_in(person, catalog, ALL_ROLES)


def can_edit_catalog(person, catalog) -> bool:
    return acts_in(person, catalog, EDITOR_ROLES)


def can_approve(person, catalog) -> bool:
    return has_role(person, catalog.organization, APPROVER_ROLES)
