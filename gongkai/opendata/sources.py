"""Live resources: rows computed from the platform's public data when downloaded, so they are always current.

Each query returns `(columns, rows)`: column names and a list of row tuples, only from public selectors."""

from django.utils.translation import gettext as _

from gongkai.catalog.selectors import public_catalog, public_items
from gongkai.publishing.selectors import in_column, published_records
from gongkai.reports.rendering.document import build_document
from gongkai.reports.rendering.outputs import as_data
from gongkai.reports.selectors import published_reports
from gongkai.services.models import Accessibility
from gongkai.services.selectors import sites_in

from .models import Query

MAX_ROWS = 50_000


def column_records(parameters: dict) -> tuple[list[str], list[tuple]]:
    records = published_records()
    if parameters.get("organization"):
        records = records.filter(organization_id=parameters["organization"])
    if parameters.get("column"):
        records = in_column(records, [parameters["column"]])
    columns = ["index_number", "title", "doc_number", "organization", "written_on", "published_at", "genre", "url"]
    rows = [
        (
            record.index_number,
            record.title,
            record.doc_number,
            record.organization.name,
            record.written_on.isoformat(),
            record.published_at.isoformat() if record.published_at else "",
            record.genre,
            record.get_absolute_url(),
        )
        for record in records[:MAX_ROWS]
    ]
    return columns, rows


def catalog_items(parameters: dict) -> tuple[list[str], list[tuple]]:
    catalog = public_catalog(parameters.get("organization", ""))
    columns = ["code", "name", "domain", "stage", "time_limit", "responsible", "audience", "mode"]
    if catalog is None:
        return columns, []
    items = public_items(catalog).filter(is_group=False)[:MAX_ROWS]
    return columns, [
        (
            item.code,
            item.name,
            item.domain.name,
            item.stage,
            item.time_limit,
            item.responsible_text,
            item.audience,
            item.mode,
        )
        for item in items
    ]


def flatten(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from flatten(value, (*path, str(key)))
    else:
        yield path, node


def report_figures(parameters: dict) -> tuple[list[str], list[tuple]]:
    reports = published_reports(organization_id=parameters.get("organization"), year=parameters.get("year"))
    columns = ["organization", "year", "table", "row", "value"]
    rows = []
    for report in reports.prefetch_related("overrides")[:50]:
        data = as_data(build_document(report, overrides=[o for o in report.overrides.all() if o.is_active]))
        for table, contents in data["tables"].items():
            for path, value in flatten(contents):
                rows.append((report.organization.name, report.year, table, " / ".join(path), value))
    return columns, rows


SITE_COLUMNS = [
    "name",
    "category",
    "subcategory",
    "organization",
    "address",
    "latitude",
    "longitude",
    "coordinate_system",
    "hours",
    "phone",
    "services",
    "accessibility",
    "is_disclosure_point",
    "url",
]


def service_sites(parameters: dict) -> tuple[list[str], list[tuple]]:
    """The active service sites (一图通) as the portal's site list shows them; the contact person's name is left
    out of the bulk file (the site's phone is the contact)."""
    sites = sites_in(parameters.get("category", ""))
    if parameters.get("organization"):
        sites = sites.filter(organization_id=parameters["organization"])
    labels = dict(Accessibility.choices)
    rows = [
        (
            site.name,
            site.category.parent.name if site.category.parent else site.category.name,
            site.category.name if site.category.parent else "",
            site.organization.name,
            site.address,
            float(site.latitude),
            float(site.longitude),
            "CGCS2000",
            site.hours,
            site.phone,
            "；".join(site.service_lines),
            "、".join(str(labels.get(code, code)) for code in site.accessibility),
            site.is_disclosure_point,
            site.get_absolute_url(),
        )
        for site in sites[:MAX_ROWS]
    ]
    return SITE_COLUMNS, rows


QUERIES = {
    Query.COLUMN_RECORDS: column_records,
    Query.CATALOG_ITEMS: catalog_items,
    Query.REPORT_FIGURES: report_figures,
    Query.SERVICE_SITES: service_sites,
}
# The parameters each query accepts (anything else is refused when the resource is catalogued).
PARAMETERS = {
    Query.COLUMN_RECORDS: ("organization", "column"),
    Query.CATALOG_ITEMS: ("organization",),
    Query.REPORT_FIGURES: ("organization", "year"),
    Query.SERVICE_SITES: ("organization", "category"),
}


def rows_of(query: str, parameters: dict) -> tuple[list[str], list[tuple]]:
    if query not in QUERIES:
        raise KeyError(_("未知的查询：%(query)s") % {"query": query})
    return QUERIES[query](parameters or {})
