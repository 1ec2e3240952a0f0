"""Reads of the catalog. Staff reach catalogs, items and change sets only through the `*_for_staff` functions;
the public reaches items only through `public_items` / `public_item` (in-force items, never withheld ones)."""

from dataclasses import dataclass, field

from django.db.models import F, Min, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from gongkai.core.errors import AccessDenied, NotInScope
from gongkai.orgs.access import organizations_for
from gongkai.orgs.models import Organization

from .access import can_approve, can_edit_catalog, can_view_catalog
from .itemdata import FIELDS, diff, display_value, snapshot
from .models import Attribute, Catalog, Change, ChangeSet, ChangeSetStatus, Channel, Item, ItemStatus, ItemVersion
from .models.items import LEVEL_FIELDS

CHECKS = {"view": can_view_catalog, "edit": can_edit_catalog, "approve": can_approve}


def organization_by_key(key) -> Organization | None:
    """An organization by its unified social credit code or its id."""
    key = str(key).strip()
    organization = Organization.objects.select_related("region").filter(credit_code=key.upper()).first()
    if organization is None and key.isdigit():
        organization = Organization.objects.select_related("region").filter(pk=int(key)).first()
    return organization


def _checked[T](obj: T | None, catalog: Catalog | None, person, action: str) -> T:
    """404 (NotInScope) for an unknown object or one of a catalog the person may not see; 403 for a catalog they
    may see but not act on in that way."""
    if obj is None or catalog is None or not can_view_catalog(person, catalog):
        raise NotInScope()
    if not CHECKS[action](person, catalog):
        raise AccessDenied()
    return obj


def catalog_for_staff(*, person, catalog_id: int, action: str = "view") -> Catalog:
    catalog = Catalog.objects.select_related("organization__region").filter(pk=catalog_id).first()
    return _checked(catalog, catalog, person, action)


def catalogs_for_staff(person) -> list[Catalog]:
    """Catalogs the person may view: of their organizations, of the organizations their departments belong to,
    and every catalog in an office's region (each checked with the same rule as `catalog_for_staff`)."""
    own = organizations_for(person)
    parents = own.filter(parent__isnull=False).values_list("parent_id", flat=True)
    candidates = (
        Catalog.objects.filter(Q(organization__in=own) | Q(organization__in=list(parents)))
        .select_related("organization__region")
        .order_by("organization__region__path", "organization__sort_order", "id")
    )
    return [catalog for catalog in candidates if can_view_catalog(person, catalog)]


def item_for_staff(*, person, item_id: int, action: str = "view") -> Item:
    item = Item.objects.select_related("catalog__organization__region", "domain", "parent", "source_item").filter(
        pk=item_id
    )
    item = item.first()
    return _checked(item, item and item.catalog, person, action)


def change_set_for_staff(*, person, change_set_id: int, action: str = "view") -> ChangeSet:
    change_set = ChangeSet.objects.select_related("catalog__organization__region", "proposed_by").filter(
        pk=change_set_id
    )
    change_set = change_set.first()
    return _checked(change_set, change_set and change_set.catalog, person, action)


def pending_change_sets_for_approver(person) -> QuerySet[ChangeSet]:
    overseen = organizations_for(person, ("office", "admin"))
    return (
        ChangeSet.objects.filter(status=ChangeSetStatus.PENDING, catalog__organization__in=overseen)
        .exclude(proposed_by=person)
        .select_related("catalog__organization", "proposed_by")
        .order_by("proposed_at")
    )


@dataclass
class ItemFilters:
    domain: str = ""
    level: str = ""
    stage: str = ""
    mode: str = ""
    attribute: str = ""
    responsible: int | None = None
    status: str = ItemStatus.IN_FORCE
    q: str = ""


def filtered_items(catalog: Catalog, filters: ItemFilters) -> QuerySet[Item]:
    items = Item.objects.filter(catalog=catalog)
    if filters.status:
        items = items.filter(status=filters.status)
    if filters.domain:
        items = items.filter(domain__code=filters.domain)
    if filters.level in LEVEL_FIELDS:
        items = items.filter(**{LEVEL_FIELDS[filters.level]: True})
    for key in ("stage", "mode", "attribute"):
        if value := getattr(filters, key):
            items = items.filter(**{key: value})
    if filters.responsible:
        items = items.filter(responsible_orgs=filters.responsible)
    if filters.q:
        items = items.filter(
            Q(name__icontains=filters.q)
            | Q(code__icontains=filters.q)
            | Q(elements__icontains=filters.q)
            | Q(responsible_text__icontains=filters.q)
        )
    return items.select_related("domain", "parent__parent").order_by("domain__sort_order", "sort_order", "id")


def with_columns(items: QuerySet[Item]) -> QuerySet[Item]:
    """Items with their channels and responsible organizations prefetched (two queries for any number)."""
    return items.prefetch_related(
        Prefetch("channels", queryset=Channel.objects.order_by("-is_standard", "sort_order", "id")),
        Prefetch("responsible_orgs", queryset=Organization.objects.order_by("sort_order", "id")),
    )


def pending_item_ids(catalog: Catalog) -> set[int]:
    return set(Change.objects.filter(item__catalog=catalog, is_pending=True).values_list("item_id", flat=True))


# Public side -------------------------------------------------------------------------------------------------


def public_catalogs() -> QuerySet[Catalog]:
    return (
        Catalog.objects.filter(items__status=ItemStatus.IN_FORCE, organization__is_active=True)
        .distinct()
        .select_related("organization__region")
        .order_by("organization__region__path", "organization__sort_order", "id")
    )


def public_catalog(organization_key) -> Catalog | None:
    organization = organization_by_key(organization_key)
    if organization is None or not organization.is_active:
        return None
    return Catalog.objects.filter(organization=organization).select_related("organization__region").first()


def shown_to_the_public(items: QuerySet[Item]) -> QuerySet[Item]:
    """In-force items the public may see: the negative list's withheld items are not shown one by one."""
    return items.filter(status=ItemStatus.IN_FORCE).exclude(attribute=Attribute.WITHHELD)


def public_items(catalog: Catalog) -> QuerySet[Item]:
    return (
        shown_to_the_public(Item.objects.filter(catalog=catalog))
        .select_related("domain", "parent__parent")
        .order_by("domain__sort_order", "sort_order", "id")
    )


def all_public_items() -> QuerySet[Item]:
    """`public_items` of every public catalog (see `public_catalogs`), in one query."""
    return shown_to_the_public(Item.objects.filter(catalog__organization__is_active=True))


def public_item(catalog: Catalog, code: str) -> Item | None:
    return with_columns(public_items(catalog).filter(code=code)).first()


LINKABLE_STATUSES = (ItemStatus.IN_FORCE, ItemStatus.RETIRED)


def linkable_items(items: QuerySet[Item]) -> QuerySet[Item]:
    """Items the public may follow from a published record: in force or retired (records stay linked to the item
    they were published under), of an active organization, never a withheld item of the negative list."""
    return (
        items.filter(status__in=LINKABLE_STATUSES, catalog__organization__is_active=True)
        .exclude(attribute=Attribute.WITHHELD)
        .select_related("catalog__organization", "domain")
    )


def is_linkable(item: Item) -> bool:
    """`linkable_items`' rule for one item already loaded with its catalog's organization."""
    return (
        item.status in LINKABLE_STATUSES
        and item.catalog.organization.is_active
        and item.attribute != Attribute.WITHHELD
    )


def public_items_of_record(record) -> list[Item]:
    """The catalog items a published record's page links to (see `linkable_items`). A record loaded with its items
    (`publishing.selectors.public_record` prefetches them with catalog, organization and domain) costs no query."""
    if "items" in getattr(record, "_prefetched_objects_cache", {}):
        items = [item for item in record.items.all() if is_linkable(item)]
        return sorted(items, key=lambda item: (item.domain.sort_order, item.sort_order, item.pk))
    return list(linkable_items(record.items.all()).order_by("domain__sort_order", "sort_order", "id"))


def public_item_for_records(organization_id: int, code: str) -> Item | None:
    """The item whose published records the portal lists (see `linkable_items`)."""
    return linkable_items(Item.objects.filter(catalog__organization_id=organization_id, code=code)).first()


def public_negative_list(catalog: Catalog) -> list[dict]:
    """不予公开事项清单: the in-force withheld items with their name and ground only (nothing else is public)."""
    items = (
        Item.objects.filter(catalog=catalog, status=ItemStatus.IN_FORCE, attribute=Attribute.WITHHELD, is_group=False)
        .select_related("domain")
        .order_by("domain__sort_order", "sort_order", "id")
    )
    return [
        {"name": item.name, "ground": item.get_withheld_ground_display(), "domain": item.domain.name} for item in items
    ]


# History and drift -------------------------------------------------------------------------------------------


@dataclass
class FieldChange:
    key: str
    label: str
    old: str
    new: str


@dataclass
class VersionView:
    version: ItemVersion
    changes: list[FieldChange] = field(default_factory=list)


def name_lookups(datas: list[dict]) -> dict:
    org_ids = {pk for data in datas for pk in data.get("responsible_orgs", [])}
    channel_ids = {pk for data in datas for pk in data.get("channels", [])}
    return {
        "organizations": dict(Organization.objects.filter(pk__in=org_ids).values_list("pk", "name")),
        "channels": dict(Channel.objects.filter(pk__in=channel_ids).values_list("pk", "name")),
    }


def field_changes(old: dict, new: dict, lookups: dict) -> list[FieldChange]:
    return [
        FieldChange(
            key,
            str(FIELDS[key]),
            display_value(key, (old or {}).get(key, "") if old else "", **lookups) if old else "",
            display_value(key, new.get(key, ""), **lookups),
        )
        for key in diff(old or {}, new)
    ]


def item_history(item: Item) -> list[VersionView]:
    """The item's versions, newest first, each with the field-by-field changes from the version before."""
    versions = list(
        ItemVersion.objects.filter(item=item).select_related("changed_by", "approved_by").order_by("number")
    )
    lookups = name_lookups([version.data for version in versions])
    views, previous = [], None
    for version in versions:
        views.append(VersionView(version, field_changes(previous, version.data, lookups)))
        previous = version.data
    return list(reversed(views))


def pending_change_view(change: Change) -> list[FieldChange]:
    if change.kind == "retire":
        return [FieldChange("status", str(_("状态")), str(_("在用")), str(_("已废止")))]
    current = snapshot(change.item) if change.item.version else {}
    return field_changes(current, change.data, name_lookups([current, change.data]))


@dataclass
class Drift:
    """How an adopted copy stands against its source."""

    source: Item
    local_differences: list[FieldChange]
    source_changes: list[FieldChange]
    source_newer: bool
    source_retired: bool


def drift(item: Item) -> Drift | None:
    if item.source_item_id is None:
        return None
    source = item.source_item
    own, current = snapshot(item), snapshot(source)
    current["parent"] = own["parent"]
    adopted = (
        ItemVersion.objects.filter(item=source, number=item.adopted_version).values_list("data", flat=True).first()
    )
    lookups = name_lookups([own, current, adopted or {}])
    source_changes = (
        field_changes(adopted, current, lookups) if adopted and source.version > item.adopted_version else []
    )
    return Drift(
        source=source,
        local_differences=[
            FieldChange(change.key, change.label, change.new, change.old)
            for change in field_changes(current, own, lookups)
        ],
        source_changes=source_changes,
        source_newer=source.version > (item.adopted_version or 0),
        source_retired=source.status == ItemStatus.RETIRED,
    )


def items_with_source_changes(catalog: Catalog) -> QuerySet[Item]:
    return (
        Item.objects.filter(catalog=catalog, status=ItemStatus.IN_FORCE, source_item__isnull=False)
        .filter(Q(source_item__version__gt=F("adopted_version")) | Q(source_item__status=ItemStatus.RETIRED))
        .select_related("source_item", "domain")
    )


def adoptable_items(catalog: Catalog) -> QuerySet[Item]:
    """In-force items of the catalogs in the regions above whose levels include this catalog's level."""
    region = catalog.organization.region
    level_field = LEVEL_FIELDS[region.level]
    above = [pk for pk in region.ancestors_and_self_ids() if pk != region.pk]
    return (
        Item.objects.filter(
            catalog__organization__region_id__in=above, status=ItemStatus.IN_FORCE, **{level_field: True}
        )
        .exclude(adoptions__catalog=catalog)
        .exclude(adoptions__catalog__organization__region_id__in=above)  # take the nearer level's copy instead
        .exclude(code__in=Item.objects.filter(catalog=catalog).values("code"))
        .select_related("catalog__organization", "domain", "parent")
        .order_by("catalog_id", "domain__sort_order", "sort_order", "id")
    )


PICKER_LIMIT = 30


def usable_items(organization: Organization) -> QuerySet[Item]:
    """In-force, non-group items `organization` may link its records to: those of its own catalog and those naming it
    a responsible organization. One entry per item: an adopted copy shares its source's code, so an item reachable
    through several catalogs appears once (the organization's own catalog's copy, else the first one)."""
    candidates = Item.objects.filter(status=ItemStatus.IN_FORCE, is_group=False).filter(
        Q(catalog__organization=organization) | Q(responsible_orgs=organization)
    )
    own = candidates.filter(catalog__organization=organization)
    first_of_others = (
        candidates.exclude(code__in=own.values("code"))
        .order_by()
        .values("code")
        .annotate(first=Min("pk"))
        .values("first")
    )
    return Item.objects.filter(Q(pk__in=own.values("pk")) | Q(pk__in=first_of_others))


def parent_path(item: Item) -> str:
    """The names of an item's ancestors, "grandparent / parent", for an item loaded with `parent__parent`."""
    names = [ancestor.name for ancestor in (item.parent.parent if item.parent else None, item.parent) if ancestor]
    return " / ".join(names)


def search_usable_items(organization: Organization, query: str, *, limit: int = PICKER_LIMIT) -> list[Item]:
    """Items of `usable_items` whose code, name or parent path contains every word of `query` (spaces separate
    words), grouped by catalog then ordered by code: one query whatever the catalog's size."""
    items = usable_items(organization)
    for word in query.split()[:5]:
        items = items.filter(
            Q(code__icontains=word)
            | Q(name__icontains=word)
            | Q(parent__name__icontains=word)
            | Q(parent__parent__name__icontains=word)
        )
    return list(
        items.select_related("catalog__organization", "parent__parent", "domain").order_by("catalog_id", "code")[:limit]
    )


def usable_items_by_codes(organization: Organization, codes: list[str]) -> dict[str, Item]:
    """{code: item} of the usable items with these codes (the picker's no-JavaScript input takes codes)."""
    return {item.code: item for item in usable_items(organization).filter(code__in=codes)}
