"""Live resources: rows computed from the platform's public data when downloaded, so they are always current.

Each query returns `(columns, rows)`: column names and a list of row tuples, only from public selectors."""

from django.utils.translation import gettext as _

from gongkai.catalog.selectors import public_catalog, public_items
from gongkai.publishing.selectors import in_column, published_records
from gongkai.reports.rendering.document import build_document
from gongkai.reports.rendering.outputs import as_data
from gongkai.reports.selectors import published_reports

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


QUERIES = {
    Query.COLUMN_RECORDS: column_records,
    Query.CATALOG_ITEMS: catalog_items,
    Query.REPORT_FIGURES: report_figures,
}


def rows_of(query: str, parameters: dict) -> tuple[list[str], list[tuple]]:
    if query not in QUERIES:
        raise KeyError(_("未知的查询：%(query)s") % {"query": query})
    return QUERIES[query](parameters or {})
