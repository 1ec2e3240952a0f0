"""Which organizations are ranked together: departments, towns and streets, villages and communities."""

from django.db.models import Q, QuerySet

from gongkai.orgs.models import Level, Organization, Region

from .models import Group

GROUP_CONDITIONS = {
    Group.DEPARTMENTS: Q(kind=Organization.Kind.DEPARTMENT),
    Group.TOWNS: Q(
        region__level=Level.TOWNSHIP, kind__in=(Organization.Kind.GOVERNMENT, Organization.Kind.STREET_OFFICE)
    ),
    Group.VILLAGES: Q(kind=Organization.Kind.COMMITTEE),
}


def organizations_in(group: str, region: Region) -> QuerySet[Organization]:
    return Organization.objects.filter(
        GROUP_CONDITIONS[group], is_active=True, region__path__startswith=region.path
    ).order_by("region__path", "sort_order", "id")


def group_of(organization: Organization) -> str | None:
    for group in Group:
        if Organization.objects.filter(GROUP_CONDITIONS[group], pk=organization.pk).exists():
            return group.value
    return None
