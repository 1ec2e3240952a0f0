"""The report as JSON, a standalone HTML page, Word (.docx) and PDF — all drawn from one ReportDocument."""

import json

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from gongkai.core import documents
from gongkai.core.documents.html import blocks_from_text

from .. import tables as t
from .document import SECTION_TITLES, ReportDocument
from .layout import Grid

FORMATS = ("json", "html", "docx", "pdf")
CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def as_data(document: ReportDocument) -> dict:
    """The JSON export: the three tables keyed by their official labels, the sections and the failed checks."""
    report = document.report
    return {
        "organization": {
            "id": report.organization_id,
            "name": report.organization.name,
            "credit_code": report.organization.credit_code,
        },
        "year": report.year,
        "scope": report.scope,
        "status": report.status,
        "title": report.title,
        "sections": {SECTION_TITLES[name]: getattr(report, name) for name in SECTION_TITLES},
        "tables": t.to_official(document.figures.values),
        "overrides": [
            {
                "cell": note.label,
                "value": note.value,
                "computed_value": note.computed_value,
                "reason": note.reason,
                "set_by": note.set_by,
            }
            for note in document.overrides
        ],
        "failed_checks": [failure.as_dict() for failure in document.failures],
        "breakdown": [
            {
                "organization_id": entry["organization_id"],
                "name": entry["name"],
                "tables": t.to_official(t.decode(entry["values"])),
            }
            for entry in report.breakdown
        ],
    }


def as_json(document: ReportDocument) -> bytes:
    return json.dumps(as_data(document), ensure_ascii=False, indent=2).encode("utf-8")


def as_html(document: ReportDocument) -> bytes:
    return render_to_string("reports/document.html", {"document": document}).encode("utf-8")


def official(document: ReportDocument) -> documents.OfficialDocument:
    """The report in the national document layout: numbered sections, the three tables with their merged headers
    (repeated on each page), the overrides' footnote."""
    blocks: list = []
    for section in document.sections:
        blocks.append(documents.Heading(1, section["title"]))
        if "grid" in section:
            blocks.append(_table(section["grid"]))
            continue
        paragraphs = section["paragraphs"] or [_("无。")]
        blocks.extend(block for paragraph in paragraphs for block in blocks_from_text(paragraph))
    if document.overrides:
        blocks.append(documents.Paragraph.of(document.override_footnote))
        for note in document.overrides:
            text = _("%(label)s：填报 %(value)s（系统统计 %(computed)s），理由：%(reason)s") % {
                "label": note.label,
                "value": note.value,
                "computed": note.computed_value,
                "reason": note.reason,
            }
            blocks.append(documents.Paragraph.of(text))
    return documents.OfficialDocument(title=document.title, blocks=blocks)


def _table(grid: Grid) -> documents.Table:
    rows = [
        [
            documents.TableCell(
                cell.text + ("*" if cell.overridden else ""),
                colspan=cell.colspan,
                rowspan=cell.rowspan,
                header=cell.header,
                align="left" if cell.scope in ("row", "rowgroup") else "center",
            )
            for cell in row
        ]
        for row in grid.rows
    ]
    font = documents.geometry.SIZE["小五"] if grid.columns > 10 else documents.geometry.SIZE["五号"]
    return documents.Table(grid.columns, rows, header_rows=grid.header_rows, font_pt=font)


def as_pdf(document: ReportDocument) -> bytes:
    return documents.render_pdf(official(document))


def as_docx(document: ReportDocument) -> bytes:
    return documents.render_docx(official(document))


def render(document: ReportDocument, output_format: str) -> bytes:
    renderers = {"json": as_json, "html": as_html, "docx": as_docx, "pdf": as_pdf}
    return renderers[output_format](document)
