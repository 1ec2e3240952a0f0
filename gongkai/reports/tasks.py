"""Background jobs of annual reports started from the back office: rendering a report's document (.pdf, .docx,
…) for download (run by `gongkai worker`; inline without a queue). Safe to run twice: it renders from the
database again and writes the same file."""

from django.tasks import task

from gongkai.jobs.progress import report as report_progress
from gongkai.jobs.results import save_result

from .models import AnnualReport
from .rendering.document import build_document
from .rendering.outputs import render


def file_name_of(annual_report, output_format: str) -> str:
    return f"annual-report-{annual_report.organization.credit_code}-{annual_report.year}.{output_format}"


@task(takes_context=True)
def render_report(context, report_id: int, output_format: str, person_id: int) -> str:
    annual_report = AnnualReport.objects.select_related("organization").get(pk=report_id)
    report_progress(context, done=0, total=1)
    content = render(build_document(annual_report), output_format)
    name = file_name_of(annual_report, output_format)
    save_result(context, person_id=person_id, file_name=name, content=content)
    report_progress(context, done=1, total=1)
    return name
