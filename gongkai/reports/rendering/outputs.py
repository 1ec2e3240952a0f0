"""The report as JSON, a standalone HTML page, Word (.docx) and PDF — all drawn from one ReportDocument."""

import io
import json

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .. import tables as t
from .document import SECTION_TITLES, ReportDocument
from .layout import Grid, placed

FORMATS = ("json", "html", "docx", "pdf")
CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
CJK_FONT = "Noto Sans CJK SC"


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


def as_pdf(document: ReportDocument) -> bytes:
    from weasyprint import HTML

    return HTML(string=as_html(document).decode("utf-8")).write_pdf()


def as_docx(document: ReportDocument) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    word = Document()
    style = word.styles["Normal"]
    style.font.name = CJK_FONT
    style.font.size = Pt(11)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), CJK_FONT)
    page = word.sections[0]
    page.orientation = WD_ORIENT.PORTRAIT
    page.left_margin = page.right_margin = Cm(1.8)
    heading = word.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(document.title)
    run.bold = True
    run.font.size = Pt(16)
    for section in document.sections:
        title = word.add_paragraph()
        title.add_run(section["title"]).bold = True
        if "grid" in section:
            _docx_table(word, section["grid"], WD_TABLE_ALIGNMENT, Pt)
            continue
        for paragraph in section["paragraphs"] or [_("无。")]:
            body = word.add_paragraph(paragraph)
            body.paragraph_format.first_line_indent = Pt(22)
    if document.overrides:
        word.add_paragraph(document.override_footnote)
        for note in document.overrides:
            text = _("%(label)s：填报 %(value)s（系统统计 %(computed)s），理由：%(reason)s") % {
                "label": note.label,
                "value": note.value,
                "computed": note.computed_value,
                "reason": note.reason,
            }
            word.add_paragraph(text, style="List Bullet")
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _docx_table(word, grid: Grid, alignment, points) -> None:
    table = word.add_table(rows=len(grid.rows), cols=grid.columns)
    table.style = "Table Grid"
    table.alignment = alignment.CENTER
    size = points(7 if grid.columns > 10 else 9)
    for row_index, column_index, cell in placed(grid):
        target = table.cell(row_index, column_index)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(table.cell(row_index + cell.rowspan - 1, column_index + cell.colspan - 1))
        text = cell.text + ("*" if cell.overridden else "")
        paragraph = target.paragraphs[0]
        run = paragraph.add_run(text)
        run.font.size = size
        if cell.header:
            run.bold = False
        if not cell.header or cell.scope in ("col", "colgroup"):
            paragraph.alignment = 1  # centred, as the official tables are


def render(document: ReportDocument, output_format: str) -> bytes:
    renderers = {"json": as_json, "html": as_html, "docx": as_docx, "pdf": as_pdf}
    return renderers[output_format](document)
