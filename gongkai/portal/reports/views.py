"""Public pages of annual reports: the list of published reports, one report, and its Word/PDF/JSON downloads."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.portal.columns import optional_url
from gongkai.reports.rendering.document import build_document
from gongkai.reports.rendering.outputs import CONTENT_TYPES, FORMATS
from gongkai.reports.rendering.outputs import render as render_output
from gongkai.reports.selectors import published_report, published_reports


def _number(value: str) -> int | None:
    return int(value) if value.isdigit() else None


@require_GET
def index(request):
    organization_id = _number(request.GET.get("organization", ""))
    year = _number(request.GET.get("year", ""))
    reports = published_reports(organization_id=organization_id, year=year)[:200]
    years = published_reports().values_list("year", flat=True).distinct().order_by("-year")
    context = {
        "reports": reports,
        "years": list(years),
        "year": year,
        "column_url": optional_url("portal:publishing:column", slug="annual-reports"),
    }
    return render(request, "portal/reports/index.html", context)


def _published(report_id: int):
    report = published_report(report_id=report_id)
    if report is None:
        raise Http404
    return report


@require_GET
def detail(request, report_id: int):
    report = _published(report_id)
    document = build_document(report, overrides=[o for o in report.overrides.all() if o.is_active])
    context = {"report": report, "document": document, "formats": [f for f in FORMATS if f != "html"]}
    return render(request, "portal/reports/detail.html", context)


@require_GET
def download(request, report_id: int, output_format: str):
    if output_format not in FORMATS:
        raise Http404
    report = _published(report_id)
    document = build_document(report, overrides=[o for o in report.overrides.all() if o.is_active])
    response = HttpResponse(render_output(document, output_format), content_type=CONTENT_TYPES[output_format])
    if output_format != "html":
        filename = f"annual-report-{report.organization.credit_code}-{report.year}.{output_format}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
