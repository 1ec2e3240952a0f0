"""Reads of the orgs app, each checked against the person's scope."""

from django.db.models import QuerySet

from gongkai.core.models import AuditEntry
from gongkai.core.selectors import audit_entries

from .access import is_admin, organizations_for
from .models import Organization, Region, Role


def region_tree() -> list[Region]:
    """Every region in tree order, with `children_list` filled in: one query whatever the depth."""
    regions = list(Region.objects.order_by("path"))
    by_id = {region.id: region for region in regions}
    for region in regions:
        region.children_list = []
    roots = []
    for region in regions:
        parent = by_id.get(region.parent_id)
        (parent.children_list if parent else roots).append(region)
    return roots


def organizations_visible_to(person) -> QuerySet[Organization]:
    return organizations_for(person).select_related("region", "parent").order_by("region__path", "sort_order", "id")


def audit_entries_for(*, person, **filters) -> QuerySet[AuditEntry]:
    """The audit log as the person may read it: all of it for admins, their region's organizations for an office."""
    if is_admin(person):
        return audit_entries(**filters)
    scope = organizations_for(person, (Role.OFFICE,)).values_list("id", flat=True)
    return audit_entries(organization_ids=scope, **filters)
