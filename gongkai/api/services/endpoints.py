"""Typed API endpoints of the services module (mounted at /api/v1/services/): the public's read-only view of
service guides (with their flowchart), theme packages, 一件事, the site categories and sites, and time savings.
Everything goes through the services app's public selectors, so nothing a selector hides is returned."""

from typing import Literal

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from gongkai.api.v1.lists import Page, PageQuery, ordered, page_of
from gongkai.api.v1.schemas import ERRORS
from gongkai.services.flowchart import flowchart_svg, flowchart_text
from gongkai.services.selectors import (
    category_tree,
    composite_view,
    package_entries,
    public_composites,
    public_guides,
    public_packages,
    public_sites,
    sites_in,
    time_savings,
)

router = Router(tags=["services"])


class GuideSummary(Schema):
    id: int
    code: str
    name: str
    kind: str
    life_event: str
    organization: str
    organization_credit_code: str
    statutory_days: int | None
    promised_days: int | None
    at_most_once: bool
    fully_online: bool
    url: str


class GuideQuery(PageQuery):
    org: str = Field("", max_length=18, description="实施机构的统一社会信用代码。")
    event: str = Field("", max_length=40, description="人生事件。")
    kind: str = Field("", max_length=20, description="事项类型。")
    q: str = Field("", max_length=50, description="事项名称或编码中的关键词。")
    ordering: Literal["organization", "-organization", "code", "-code", "name", "-name"] = "organization"


GUIDE_ORDERINGS = {"organization": "organization__sort_order", "code": "code", "name": "name"}


class Guide(GuideSummary):
    version: int
    basis: str
    scope: str
    conditions: str
    materials: list[dict]
    fees: list[dict]
    free: bool
    online_url: str
    counter_address: str
    counter_hours: str
    steps: list[dict]
    contact_phone: str
    complaint_phone: str
    faqs: list[dict]
    source_guide_id: int | None
    catalog_item_code: str | None
    flowchart_text: list[str]
    flowchart_svg: str


def summary(guide) -> dict:
    return {
        "id": guide.pk,
        "code": guide.code,
        "name": guide.name,
        "kind": guide.kind,
        "life_event": guide.life_event,
        "organization": guide.organization.name,
        "organization_credit_code": guide.organization.credit_code,
        "statutory_days": guide.statutory_days,
        "promised_days": guide.promised_days,
        "at_most_once": guide.at_most_once,
        "fully_online": guide.fully_online,
        "url": guide.get_absolute_url(),
    }


def detail(guide) -> dict:
    return {
        **summary(guide),
        **{
            key: getattr(guide, key)
            for key in (
                "version",
                "basis",
                "scope",
                "conditions",
                "materials",
                "fees",
                "online_url",
                "counter_address",
                "counter_hours",
                "steps",
                "contact_phone",
                "complaint_phone",
                "faqs",
                "source_guide_id",
            )
        },
        "free": guide.is_free,
        "catalog_item_code": guide.catalog_item.code if guide.catalog_item_id else None,
        "flowchart_text": flowchart_text(guide.steps),
        "flowchart_svg": flowchart_svg(guide.steps, title=guide.name, promised_days=guide.promised_days),
    }


@router.get("/guides", response={200: Page[GuideSummary], **ERRORS}, summary="在用的办事指南")
def list_guides(request, query: Query[GuideQuery]):
    """Filter by organization (credit code), life event, kind and a keyword."""
    guides = public_guides()
    for value, lookup in ((query.org, "organization__credit_code"), (query.event, "life_event"), (query.kind, "kind")):
        if value:
            guides = guides.filter(**{lookup: value})
    if query.q.strip():
        guides = guides.filter(Q(name__icontains=query.q.strip()) | Q(code__icontains=query.q.strip()))
    items, envelope = page_of(ordered(guides, query.ordering, fields=GUIDE_ORDERINGS), query)
    return {**envelope, "results": [summary(guide) for guide in items]}


@router.get("/guides/{guide_id}", response=Guide, summary="一项办事指南（含流程图）")
def get_guide(request, guide_id: int):
    guide = public_guides().select_related("catalog_item").filter(pk=guide_id).first()
    if guide is None:
        raise Http404
    return detail(guide)


class PackageEntry(Schema):
    kind: str
    title: str
    url: str
    note: str


class Package(Schema):
    slug: str
    title: str
    kind: str
    audience: str
    life_event: str
    introduction: str
    entries: list[PackageEntry] = []


def entry_data(entry) -> dict:
    if entry.guide_id:
        kind, target = "guide", entry.guide
        title = target.name
    elif entry.record_id:
        kind, target = "record", entry.record
        title = target.title
    else:
        kind, target = "catalog_item", entry.catalog_item
        title = target.name
    return {"kind": kind, "title": title, "url": target.get_absolute_url(), "note": entry.note}


def package_data(package, *, with_entries: bool) -> dict:
    data = {key: getattr(package, key) for key in ("slug", "title", "kind", "audience", "life_event", "introduction")}
    if with_entries:
        data["entries"] = [entry_data(entry) for entry in package_entries(package)]
    return data


class PackageQuery(PageQuery):
    ordering: Literal["sort_order", "-sort_order", "title", "-title"] = "sort_order"


PACKAGE_ORDERINGS = {"sort_order": "sort_order", "title": "title"}


@router.get("/packages", response={200: Page[Package], **ERRORS}, summary="主题服务包")
def list_packages(request, query: Query[PackageQuery]):
    items, envelope = page_of(ordered(public_packages(), query.ordering, fields=PACKAGE_ORDERINGS), query)
    return {**envelope, "results": [package_data(package, with_entries=False) for package in items]}


@router.get("/packages/{slug}", response=Package, summary="一个主题服务包及其条目")
def get_package(request, slug: str):
    package = public_packages().filter(slug=slug).first()
    if package is None:
        raise Http404
    return package_data(package, with_entries=True)


class MergedMaterial(Schema):
    name: str
    form: str
    count: int
    source: str
    required: bool
    conditions: list[str]
    needed_by: list[str]


class Composite(Schema):
    slug: str
    name: str
    introduction: str
    guides: list[GuideSummary]
    materials: list[MergedMaterial]
    steps: list[dict]
    statutory_days: int
    promised_days: int
    days_saved: int
    flowchart_text: list[str]


@router.get("/composites/{slug}", response=Composite, summary="一件事：合并材料、跨部门流程和合计时限")
def get_composite(request, slug: str):
    composite = public_composites().filter(slug=slug).first()
    if composite is None:
        raise Http404
    view = composite_view(composite)
    return {
        "slug": composite.slug,
        "name": composite.name,
        "introduction": composite.introduction,
        "guides": [summary(guide) for guide in view.guides],
        "materials": [vars(material) for material in view.materials],
        "steps": view.steps,
        "statutory_days": view.totals.statutory_days,
        "promised_days": view.totals.promised_days,
        "days_saved": view.totals.days_saved,
        "flowchart_text": flowchart_text(view.steps),
    }


class Category(Schema):
    code: str
    name: str
    subcategories: list["Category"] = []


@router.get("/site-categories", response={200: Page[Category], **ERRORS}, summary="服务点分类（两级，按排序号）")
def list_categories(request, query: Query[PageQuery]):
    """The top categories are paged, each with all its subcategories."""
    tree = category_tree()
    items, envelope = page_of(tree, query, count=len(tree))
    return {
        **envelope,
        "results": [
            {
                "code": node.code,
                "name": node.name,
                "subcategories": [{"code": child.code, "name": child.name} for child in node.subcategories],
            }
            for node in items
        ],
    }


class Site(Schema):
    id: int
    name: str
    category: str
    subcategory: str
    address: str
    latitude: float
    longitude: float
    coordinate_system: str = "CGCS2000"
    hours: str
    contact_person: str
    phone: str
    services: list[str]
    accessibility: list[str]
    is_disclosure_point: bool
    organization: str
    url: str


def site_data(site) -> dict:
    top = site.category.parent or site.category
    return {
        "id": site.pk,
        "name": site.name,
        "category": top.code,
        "subcategory": site.category.code,
        "address": site.address,
        "latitude": float(site.latitude),
        "longitude": float(site.longitude),
        "hours": site.hours,
        "contact_person": site.contact_person,
        "phone": site.phone,
        "services": site.service_lines,
        "accessibility": site.accessibility,
        "is_disclosure_point": site.is_disclosure_point,
        "organization": site.organization.name,
        "url": site.get_absolute_url(),
    }


class SiteQuery(PageQuery):
    category: str = Field("", max_length=40, description="分类或子分类的编码。")
    ordering: Literal["category", "name", "-name"] = "category"


SITE_ORDERINGS = {"name": "name"}


@router.get("/sites", response={200: Page[Site], **ERRORS}, summary="便民服务点（坐标为 CGCS2000）")
def list_sites(request, query: Query[SiteQuery]):
    """`ordering=category` (the default) lists by category and subcategory order, then by name."""
    sites = sites_in(query.category)
    if query.ordering != "category":
        sites = ordered(sites, query.ordering, fields=SITE_ORDERINGS)
    items, envelope = page_of(sites, query)
    return {**envelope, "results": [site_data(site) for site in items]}


@router.get("/sites/{site_id}", response=Site, summary="一个便民服务点")
def get_site(request, site_id: int):
    site = public_sites().filter(pk=site_id).first()
    if site is None:
        raise Http404
    return site_data(site)


class Savings(Schema):
    organization: str
    guides: int
    statutory_days: int
    promised_days: int
    days_saved: int
    speed_up_rate: float


class SavingsPage(Page[Savings]):
    total: Savings


def savings_data(row) -> dict:
    return {
        "organization": row.name or _("合计"),
        "guides": row.guides,
        "statutory_days": row.statutory_days,
        "promised_days": row.promised_days,
        "days_saved": row.days_saved,
        "speed_up_rate": row.speed_up_rate,
    }


@router.get("/time-savings", response={200: SavingsPage, **ERRORS}, summary="各机构承诺时限与法定时限（total 为合计）")
def get_time_savings(request, query: Query[PageQuery]):
    """One row per organization in the organizations' order; `total` is over all of them, whatever the page."""
    rows, total = time_savings()
    items, envelope = page_of(rows, query, count=len(rows))
    return {**envelope, "results": [savings_data(row) for row in items], "total": savings_data(total)}
