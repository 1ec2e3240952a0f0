"""Reads of the orgs app, each checked against the person's scope."""

from django.db.models import Count, Prefetch, Q, QuerySet

from gongkai.core.models import AuditEntry
from gongkai.core.selectors import audit_entries

from .access import MANAGERS, is_admin, organizations_for, people_for, site_regions_for
from .models import Membership, Organization, Person, Region, Role, SiteErrorReport, SiteSettings


def region_tree(regions: QuerySet[Region] | None = None) -> list[Region]:
    """The roots of `regions` (default: all) in tree order, each with `children_list` filled in and
    `organization_count` (active organizations) annotated: one query whatever the depth."""
    regions = list(
        (Region.objects.all() if regions is None else regions)
        .annotate(organization_count=Count("organizations", filter=Q(organizations__is_active=True)))
        .order_by("path")
    )
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


def organizations_managed_by(person, *, query: str = "", region_id=None, include_inactive: bool = True):
    """Organizations on the settings pages: those the person oversees as admin or office."""
    organizations = organizations_for(person, MANAGERS).select_related("region", "parent")
    if not include_inactive:
        organizations = organizations.filter(is_active=True)
    if query:
        organizations = organizations.filter(
            Q(name__icontains=query) | Q(short_name__icontains=query) | Q(credit_code__iexact=query)
        )
    if region_id:
        organizations = organizations.filter(region_id=region_id)
    return organizations.order_by("region__path", "sort_order", "id")


def people_visible_to(person, *, query: str = "", organization_id=None, include_inactive: bool = True):
    """People on the settings pages with their active roles prefetched (no query per row)."""
    people = people_for(person)
    if not include_inactive:
        people = people.filter(is_active=True)
    if query:
        people = people.filter(Q(username__icontains=query) | Q(full_name__icontains=query))
    if organization_id:
        people = people.filter(memberships__organization_id=organization_id, memberships__is_active=True)
    active_roles = Membership.objects.filter(is_active=True).select_related("organization").order_by("id")
    return people.prefetch_related(
        Prefetch("memberships", queryset=active_roles, to_attr="active_memberships")
    ).order_by("username")


def memberships_of(person: Person) -> QuerySet[Membership]:
    return Membership.objects.filter(person=person).select_related("organization__region").order_by("-is_active", "id")


def organization_directory(person, *, query: str = "", region_id=None):
    """Active organizations of the districts the person works in (name, address, phone: public facts), for staff who
    do not manage organizations but need to find a colleague's unit."""
    organizations = Organization.objects.filter(is_active=True).select_related("region", "parent")
    if not is_admin(person):
        paths = Membership.objects.filter(person=person, is_active=True).values_list(
            "organization__region__path", flat=True
        )
        roots = {"/" + path.strip("/").split("/")[0] + "/" for path in paths if path.strip("/")}
        if not roots:
            return Organization.objects.none()
        condition = Q()
        for root in roots:
            condition |= Q(region__path__startswith=root)
        organizations = organizations.filter(condition)
    if query:
        organizations = organizations.filter(
            Q(name__icontains=query) | Q(short_name__icontains=query) | Q(credit_code__iexact=query)
        )
    if region_id:
        organizations = organizations.filter(region_id=region_id)
    return organizations.order_by("region__path", "sort_order", "id")


def regions_of_memberships(person) -> QuerySet[Region]:
    """The regions of the person's organizations and every region above them (whose extra holidays apply there)."""
    paths = Membership.objects.filter(person=person, is_active=True).values_list(
        "organization__region__path", flat=True
    )
    codes = {code for path in paths for code in path.split("/") if code}
    return Region.objects.filter(division_code__in=codes)


def portal_region() -> Region | None:
    """The region the public portal speaks for: the first top-level region."""
    return Region.objects.filter(parent=None).order_by("path").first()


def public_site_settings() -> SiteSettings | None:
    """The portal's site settings (name, sponsor, registration numbers, contacts), or None when never saved."""
    return SiteSettings.objects.filter(region__parent=None).order_by("region__path").first()


def site_error_reports_for(person, *, status: str = "") -> QuerySet[SiteErrorReport]:
    """Error reports of the sites the person's office (or admin role) oversees, newest first."""
    reports = SiteErrorReport.objects.filter(region__in=site_regions_for(person)).select_related("region", "handled_by")
    if status:
        reports = reports.filter(status=status)
    return reports


def public_directory() -> QuerySet[Organization]:
    """The organizations the portal's directory lists: active government bodies, departments, towns and streets
    (villages have their own pages)."""
    return (
        Organization.objects.filter(is_active=True)
        .exclude(kind=Organization.Kind.COMMITTEE)
        .select_related("region")
        .order_by("region__path", "sort_order", "id")
    )
