"""Reads of the services module: the public's (in-force guides, published packages, active sites) through one
function each, the staff's through access functions that answer AccessDenied for unknown and foreign objects alike."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from gongkai.catalog.selectors import all_public_items
from gongkai.core.errors import AccessDenied
from gongkai.orgs.access import has_role, organizations_for
from gongkai.orgs.models import Organization
from gongkai.publishing.selectors import published_records

from .access import GUIDE_ACTIONS, OFFICE_ROLES, VIEW_ROLES
from .composites import composite_steps, composite_totals, merge_materials
from .guidedata import FIELD_LABELS, LOCAL_FIELDS, snapshot
from .models import (
    CompositePart,
    CompositeService,
    Guide,
    GuideChange,
    GuideChangeStatus,
    GuideStatus,
    GuideUsage,
    GuideVersion,
    PackageEntry,
    Site,
    SiteCategory,
    ThemePackage,
)

# ---- public ------------------------------------------------------------------------------------------------------


def public_guides() -> QuerySet[Guide]:
    """The one way the public reaches guides: in force, of an active organization."""
    return Guide.objects.filter(status=GuideStatus.IN_FORCE, organization__is_active=True).select_related(
        "organization"
    )


def public_guide(*, credit_code: str, code: str) -> Guide | None:
    return (
        public_guides()
        .select_related("organization__region", "catalog_item__catalog__organization", "record", "source_guide")
        .filter(organization__credit_code=credit_code, code=code)
        .first()
    )


def guide_organizations() -> QuerySet[Organization]:
    """Organizations with guides in force, with how many."""
    return (
        Organization.objects.filter(is_active=True, guides__status=GuideStatus.IN_FORCE)
        .annotate(guide_count=Count("guides"))
        .order_by("region__path", "sort_order", "id")
    )


def public_packages() -> QuerySet[ThemePackage]:
    return ThemePackage.objects.filter(is_published=True).select_related("organization")


def package_entries(package: ThemePackage) -> list[PackageEntry]:
    """The package's entries the public may see: guides in force, published records, items in force."""
    entries = list(
        package.entries.select_related(
            "guide__organization", "record__organization", "catalog_item__catalog__organization"
        )
    )
    record_ids = set(
        published_records().filter(pk__in=[e.record_id for e in entries if e.record_id]).values_list("pk", flat=True)
    )
    item_ids = set(
        all_public_items()
        .filter(pk__in=[e.catalog_item_id for e in entries if e.catalog_item_id])
        .values_list("pk", flat=True)
    )
    return [
        entry
        for entry in entries
        if (entry.guide is not None and entry.guide.status == GuideStatus.IN_FORCE)
        or (entry.record_id in record_ids)
        or (entry.catalog_item_id in item_ids)
    ]


def public_composites() -> QuerySet[CompositeService]:
    return CompositeService.objects.filter(is_published=True).select_related("organization")


def composite_guides(composite: CompositeService) -> list[Guide]:
    parts = CompositePart.objects.filter(composite=composite, guide__status=GuideStatus.IN_FORCE)
    return [part.guide for part in parts.select_related("guide__organization").order_by("position")]


@dataclass
class CompositeView:
    composite: CompositeService
    guides: list
    materials: list
    steps: list
    totals: object


def composite_view(composite: CompositeService) -> CompositeView:
    guides = composite_guides(composite)
    return CompositeView(composite, guides, merge_materials(guides), composite_steps(guides), composite_totals(guides))


def public_sites() -> QuerySet[Site]:
    return Site.objects.filter(is_active=True, category__is_active=True).select_related(
        "category__parent", "organization"
    )


def category_tree() -> list[SiteCategory]:
    """Active top categories with their active subcategories (prefetched as `.subcategories`)."""
    return list(
        SiteCategory.objects.filter(parent__isnull=True, is_active=True).prefetch_related(
            Prefetch("children", queryset=SiteCategory.objects.filter(is_active=True), to_attr="subcategories")
        )
    )


def sites_in(category_code: str = "") -> QuerySet[Site]:
    sites = public_sites()
    if category_code:
        sites = sites.filter(Q(category__code=category_code) | Q(category__parent__code=category_code))
    return sites


# ---- promised against statutory time (003's "节约…个工作日，提速率达…%") -------------------------------------------


@dataclass(frozen=True)
class TimeSavings:
    organization_id: int | None
    name: str
    guides: int
    statutory_days: int
    promised_days: int

    @property
    def days_saved(self) -> int:
        return self.statutory_days - self.promised_days

    @property
    def speed_up_rate(self) -> float:
        """Share of the statutory time saved, in percent, one decimal."""
        return round(100 * self.days_saved / self.statutory_days, 1) if self.statutory_days else 0.0


def time_savings(guides: QuerySet[Guide] | None = None) -> tuple[list[TimeSavings], TimeSavings]:
    """Per organization and in total: guides, statutory and promised working days, days saved, speed-up rate."""
    guides = (guides if guides is not None else public_guides()).filter(
        statutory_days__isnull=False, promised_days__isnull=False
    )
    rows = (
        guides.values("organization_id", "organization__name", "organization__sort_order")
        .annotate(count=Count("id"), statutory=Sum("statutory_days"), promised=Sum("promised_days"))
        .order_by("organization__sort_order", "organization_id")
    )
    per_org = [
        TimeSavings(row["organization_id"], row["organization__name"], row["count"], row["statutory"], row["promised"])
        for row in rows
    ]
    total = TimeSavings(
        None,
        "",
        sum(row.guides for row in per_org),
        sum(row.statutory_days for row in per_org),
        sum(row.promised_days for row in per_org),
    )
    return per_org, total


def guide_views(*, days: int = 30) -> dict[int, int]:
    """Page views per guide in force over the last `days` days."""
    since = timezone.localdate() - timedelta(days=days - 1)
    rows = (
        GuideUsage.objects.filter(day__gte=since, guide__status=GuideStatus.IN_FORCE)
        .values("guide_id")
        .annotate(total=Sum("views"))
        .order_by()
    )
    return {row["guide_id"]: row["total"] for row in rows}


def most_used_guides(
    *, searches: dict[int, int] | None = None, views: dict[int, int] | None = None, days: int = 30, limit: int = 10
) -> list[dict]:
    """The most used guides: page views plus, when given, searches that named them (003's heat of services).
    Page views are the loaded statistics (`GuideUsage`) plus, when given, the views counted live by the portal
    (engagement's reading counts, which this app cannot import). [{"guide", "views", "searches", "total"}]."""
    loaded, searches = guide_views(days=days), searches or {}
    views = {pk: loaded.get(pk, 0) + (views or {}).get(pk, 0) for pk in set(loaded) | set(views or {})}
    totals = {pk: views.get(pk, 0) + searches.get(pk, 0) for pk in set(views) | set(searches)}
    top = sorted(totals, key=lambda pk: (-totals[pk], pk))[:limit]
    guides = public_guides().in_bulk(top)
    return [
        {"guide": guides[pk], "views": views.get(pk, 0), "searches": searches.get(pk, 0), "total": totals[pk]}
        for pk in top
        if pk in guides and totals[pk]
    ]


# ---- staff ---------------------------------------------------------------------------------------------------------


def guides_for_staff(person) -> QuerySet[Guide]:
    return Guide.objects.filter(organization__in=organizations_for(person, VIEW_ROLES)).select_related(
        "organization", "source_guide"
    )


def guide_for_staff(*, person, guide_id, action: str = "view") -> Guide:
    """The guide if `person` may do `action` ("view", "edit", "approve"); AccessDenied otherwise, unknown ids too."""
    try:
        guide = Guide.objects.select_related(
            "organization__region", "source_guide__organization", "catalog_item", "record", "submitted_by"
        ).get(pk=int(guide_id))
    except (Guide.DoesNotExist, TypeError, ValueError) as error:
        raise AccessDenied() from error
    if not has_role(person, guide.organization, GUIDE_ACTIONS[action]):
        raise AccessDenied()
    return guide


def change_for_staff(*, person, change_id, action: str = "view") -> GuideChange:
    try:
        change = GuideChange.objects.select_related("guide__organization__region", "proposed_by").get(pk=int(change_id))
    except (GuideChange.DoesNotExist, TypeError, ValueError) as error:
        raise AccessDenied() from error
    if not has_role(person, change.guide.organization, GUIDE_ACTIONS[action]):
        raise AccessDenied()
    return change


def pending_changes_for(person) -> QuerySet[GuideChange]:
    return GuideChange.objects.filter(
        status=GuideChangeStatus.PENDING, guide__organization__in=organizations_for(person, GUIDE_ACTIONS["approve"])
    ).select_related("guide__organization", "proposed_by")


def guides_waiting_for(person) -> QuerySet[Guide]:
    """Guides submitted for review in organizations where the person approves, not submitted by the person."""
    return (
        Guide.objects.filter(
            status=GuideStatus.PENDING, organization__in=organizations_for(person, GUIDE_ACTIONS["approve"])
        )
        .exclude(submitted_by=person)
        .select_related("organization")
    )


def guide_versions(guide: Guide) -> QuerySet[GuideVersion]:
    return guide.versions.select_related("changed_by", "approved_by")


def adoptable_guides(organization: Organization) -> QuerySet[Guide]:
    """In-force guides of organizations in the regions above `organization`'s, not yet adopted by it."""
    codes = [code for code in organization.region.path.split("/") if code]
    above = ["/" + "/".join(codes[:depth]) + "/" for depth in range(1, len(codes))]
    adopted = Guide.objects.filter(organization=organization, source_guide__isnull=False).values("source_guide_id")
    return (
        Guide.objects.filter(status=GuideStatus.IN_FORCE, organization__region__path__in=above)
        .exclude(pk__in=adopted)
        .select_related("organization")
    )


@dataclass(frozen=True)
class FieldDifference:
    key: str
    label: str
    local: object
    source: object


@dataclass(frozen=True)
class GuideDrift:
    source: Guide
    differences: list
    source_newer: bool
    source_retired: bool


def guide_drift(guide: Guide) -> GuideDrift | None:
    """Where an adopted guide differs from its source (local fields excepted) and whether the source moved on."""
    source = guide.source_guide
    if source is None:
        return None
    own, theirs = snapshot(guide), snapshot(source)
    differences = [
        FieldDifference(key, str(label), own[key], theirs[key])
        for key, label in FIELD_LABELS.items()
        if key not in LOCAL_FIELDS and own[key] != theirs[key]
    ]
    return GuideDrift(
        source=source,
        differences=differences,
        source_newer=source.version > (guide.adopted_version or 0),
        source_retired=source.status == GuideStatus.RETIRED,
    )


def guides_with_drift(person) -> QuerySet[Guide]:
    """Adopted guides in the person's scope whose source has a newer version."""
    return guides_for_staff(person).filter(source_guide__isnull=False, source_guide__version__gt=F("adopted_version"))


def packages_for_staff(person) -> QuerySet[ThemePackage]:
    return ThemePackage.objects.filter(organization__in=organizations_for(person, OFFICE_ROLES))


def package_for_staff(*, person, package_id) -> ThemePackage:
    package = packages_for_staff(person).filter(pk=package_id).first()
    if package is None:
        raise AccessDenied()
    return package


def composites_for_staff(person) -> QuerySet[CompositeService]:
    return CompositeService.objects.filter(organization__in=organizations_for(person, OFFICE_ROLES))


def composite_for_staff(*, person, composite_id) -> CompositeService:
    composite = composites_for_staff(person).filter(pk=composite_id).first()
    if composite is None:
        raise AccessDenied()
    return composite


def sites_for_staff(person) -> QuerySet[Site]:
    return Site.objects.filter(organization__in=organizations_for(person, GUIDE_ACTIONS["edit"])).select_related(
        "category__parent", "organization"
    )


def site_for_staff(*, person, site_id) -> Site:
    site = sites_for_staff(person).filter(pk=site_id).first()
    if site is None:
        raise AccessDenied()
    return site
