"""JSON API of annual reports: staff read the reports they may see; anyone reads published ones."""

from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gongkai.api.responses import api_view, error_response, json_response
from gongkai.reports.rendering.document import build_document
from gongkai.reports.rendering.outputs import as_data
from gongkai.reports.selectors import published_report, published_reports, report_for_staff, reports_for_staff


def _summary(report) -> dict:
    return {
        "id": report.pk,
        "title": report.title,
        "organization": report.organization.name,
        "year": report.year,
        "scope": report.scope,
        "status": report.status,
    }


@require_GET
@api_view(staff=True)
def reports(request):
    year = request.GET.get("year", "")
    found = reports_for_staff(person=request.user, year=int(year) if year.isdigit() else None)[:500]
    return json_response({"results": [_summary(report) for report in found]})


@require_GET
@api_view(staff=True)
def report(request, report_id: int):
    found = report_for_staff(report_id=report_id, person=request.user)
    return json_response(as_data(build_document(found)))


@require_GET
@api_view()
def public_reports(request):
    return json_response({"results": [_summary(item) for item in published_reports()[:500]]})


@require_GET
@api_view()
def public_report(request, report_id: int):
    found = published_report(report_id=report_id)
    if found is None:
        return error_response("reports.not_found", _("没有这份已发布的年度报告。"), 404)
    return json_response(as_data(build_document(found, overrides=[o for o in found.overrides.all() if o.is_active])))
