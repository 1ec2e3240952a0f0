"""The portal's own statically published page families (see registry.py for how other areas add theirs).

Record changes are announced as "record:<id>", and a record leaving the public also as "shown:<id>" (the other
pages that name it: related lists, 热门); each family answers which of its pages can show that record, using
the same selectors as the views but without the "published" filter, so the answer is the same before and after a
withdrawal. Catalog item changes are "item:<id>"; "columns", "organizations", "catalog", "reports" and "site"
re-render whole families.
"""

from django.urls import reverse

from gongkai.catalog.models import Domain, Item, Stage
from gongkai.catalog.selectors import public_catalogs
from gongkai.orgs.models import Organization
from gongkai.portal.columns import STANDARD_COLUMNS
from gongkai.publishing.models import Column, Record
from gongkai.publishing.selectors import (
    column_tree,
    descendant_slugs,
    in_column,
    published_records,
    records_showing,
)

from .registry import register


def record_urls(record_id) -> list[str]:
    url = reverse("portal:publishing:record", kwargs={"record_id": int(record_id)})
    return [url, f"{url}qr.svg"]


def record_pages_showing(record_id) -> list[str]:
    """The other record pages that may carry the record's title (related records, interpretations, the replacing
    document): a withdrawal takes it off them at once."""
    return [reverse("portal:publishing:record", kwargs={"record_id": pk}) for pk in records_showing(record_id)]


def all_record_urls() -> list[str]:
    urls = []
    for record_id in published_records().values_list("pk", flat=True).order_by("pk"):
        urls.extend(record_urls(record_id))
    return urls


def column_slugs() -> list[str]:
    slugs = set(Column.objects.filter(is_active=True).values_list("slug", flat=True))
    return sorted(slugs | {column.slug for column in STANDARD_COLUMNS})


def listing_of(slug: str, trees: dict) -> tuple[list, list, list]:
    """What /columns/<slug>/ lists (the view's rule: the tree of the first organization with that slug)."""
    sample = Column.objects.filter(slug=slug, is_active=True).order_by("pk").first()
    if sample is None:
        return [slug], [], []
    if sample.organization_id not in trees:
        trees[sample.organization_id] = column_tree(sample.organization)
    stack, node = list(trees[sample.organization_id]), None
    while stack and node is None:
        candidate = stack.pop()
        node = candidate if candidate.slug == slug else None
        stack.extend(candidate.children_list)
    return descendant_slugs(node) if node else ([slug], [], [])


def slugs_listing(record_id) -> list[str]:
    one = Record.objects.filter(pk=int(record_id))
    trees: dict = {}
    found = []
    for slug in column_slugs():
        slugs, stages, domains = listing_of(slug, trees)
        if in_column(one, slugs, stages=stages, domain_ids=domains).exists():
            found.append(slug)
    return found


def column_url(slug: str) -> str:
    return reverse("portal:publishing:column", kwargs={"slug": slug})


def feed_urls(slug: str) -> list[str]:
    return [
        reverse("portal:publishing:feed_rss", kwargs={"slug": slug}),
        reverse("portal:publishing:feed_atom", kwargs={"slug": slug}),
    ]


def record_facts(record_id) -> dict:
    record = Record.objects.filter(pk=int(record_id)).values("organization_id", "effective_stage").first() or {}
    items = list(
        Item.objects.filter(records__pk=int(record_id)).values_list(
            "catalog__organization__credit_code", "code", "domain__code"
        )
    )
    return {**record, "items": items}


def organization_url(organization_id) -> str:
    return reverse("portal:publishing:organization", kwargs={"organization_id": organization_id})


def organization_pages_of_record(record_id) -> list[str]:
    organization_id = record_facts(record_id).get("organization_id")
    return [organization_url(organization_id)] if organization_id else []


def organization_pages() -> list[str]:
    ids = Organization.objects.filter(is_active=True).values_list("pk", flat=True).order_by("pk")
    return [organization_url(pk) for pk in ids]


def domain_url(code: str) -> str:
    return reverse("portal:publishing:domain", kwargs={"code": code})


def domain_pages() -> list[str]:
    return [domain_url(code) for code in Domain.objects.filter(is_active=True).values_list("code", flat=True)]


def stage_url(stage: str) -> str:
    return reverse("portal:publishing:stage", kwargs={"stage": stage})


def catalog_url(credit_code: str) -> str:
    return reverse("portal:catalog:catalog", kwargs={"org": credit_code})


def catalog_pages() -> list[str]:
    """The catalog index and each organization's catalog and handbook page. The item pages (thousands, each read
    rarely) stay dynamic: rendering them all would multiply a full rebuild's time by three."""
    urls = [reverse("portal:catalog:index")]
    for catalog in public_catalogs():
        code = catalog.organization.credit_code
        urls += [catalog_url(code), reverse("portal:catalog:handbook", kwargs={"org": code})]
    return urls


def catalog_pages_of_item(item_id) -> list[str]:
    org = Item.objects.filter(pk=int(item_id)).values_list("catalog__organization__credit_code", flat=True).first()
    if not org:
        return []
    return [reverse("portal:catalog:index"), catalog_url(org), reverse("portal:catalog:handbook", kwargs={"org": org})]


def report_pages() -> list[str]:
    from gongkai.reports.selectors import published_reports

    ids = published_reports().values_list("pk", flat=True)
    return [reverse("portal:reports:index")] + [reverse("portal:reports:detail", args=[pk]) for pk in ids]


def report_pages_of_record(record_id) -> list[str]:
    from gongkai.reports.models import AnnualReport

    ids = list(AnnualReport.objects.filter(record_id=int(record_id)).values_list("pk", flat=True))
    if not ids:
        return []
    return [reverse("portal:reports:index")] + [reverse("portal:reports:detail", args=[pk]) for pk in ids]


def register_portal_pages() -> None:
    everything = {"site", "organizations"}
    # The 热门 lists name records: a record that leaves the public leaves them at once ("shown:<id>").
    register(
        "portal.home", urls=lambda: ["/"], depends_on=everything | {"frequent"}, scoped={"shown": lambda _pk: ["/"]}
    )
    register(
        "portal.hot",
        urls=lambda: ["/hot/"],
        depends_on=everything | {"frequent"},
        scoped={"shown": lambda _pk: ["/hot/"]},
    )
    register(
        "publishing.records",
        urls=all_record_urls,
        depends_on=everything,
        scoped={"record": record_urls, "shown": record_pages_showing},
    )
    register(
        "publishing.record_list",
        urls=lambda: [reverse("portal:publishing:records")],
        depends_on=everything | {"columns"},
        scoped={"record": lambda _pk: [reverse("portal:publishing:records")]},
    )
    register(
        "publishing.columns",
        urls=lambda: [column_url(slug) for slug in column_slugs()],
        depends_on=everything | {"columns"},
        scoped={"record": lambda pk: [column_url(slug) for slug in slugs_listing(pk)]},
    )
    register(
        "publishing.feeds",
        urls=lambda: [url for slug in column_slugs() for url in feed_urls(slug)],
        depends_on=everything | {"columns"},
        scoped={"record": lambda pk: [url for slug in slugs_listing(pk) for url in feed_urls(slug)]},
    )
    register(
        "publishing.sitemap",
        urls=lambda: [reverse("portal:publishing:sitemap")],
        depends_on=everything | {"columns"},
        scoped={"record": lambda _pk: [reverse("portal:publishing:sitemap")]},
    )
    register(
        "publishing.organizations",
        urls=organization_pages,
        depends_on=everything | {"columns"},
        scoped={"record": organization_pages_of_record},
    )
    register(
        "publishing.domains",
        urls=lambda: [
            domain_url(code) for code in Domain.objects.filter(is_active=True).values_list("code", flat=True)
        ],
        depends_on=everything | {"catalog"},
        scoped={"record": lambda pk: sorted({domain_url(item[2]) for item in record_facts(pk)["items"]})},
    )
    register(
        "publishing.stages",
        urls=lambda: [stage_url(stage) for stage in Stage.values],
        depends_on=everything,
        scoped={"record": lambda pk: [stage_url(stage) for stage in Stage.values]},
    )
    register(
        "catalog.pages",
        urls=catalog_pages,
        depends_on=everything | {"catalog"},
        scoped={
            "item": catalog_pages_of_item,
        },
    )
    register(
        "reports.pages",
        urls=report_pages,
        depends_on=everything | {"reports"},
        scoped={"record": report_pages_of_record},
    )
