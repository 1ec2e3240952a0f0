"""Reply letters: filling a template's {{ 字段 }} placeholders, sanitizing, and rendering Word and PDF files."""

import io
import re
from html.parser import HTMLParser

import nh3
from django.utils.html import escape
from django.utils.translation import gettext as _

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "u", "h2", "h3", "ol", "ul", "li", "table", "tr", "td", "th"}
ALLOWED_ATTRIBUTES = {"p": {"class"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
PLACEHOLDER = re.compile(r"\{\{\s*([^{}\s]+)\s*\}\}")
FIELDS = (
    "申请人",
    "收到日期",
    "查询码",
    "申请内容",
    "机关名称",
    "机关地址",
    "联系电话",
    "答复日期",
    "法律依据",
    "理由",
    "救济途径",
    "复议机关",
    "文书编号",
)
REQUIRED_FIELDS = ("救济途径",)


def sanitize(html: str) -> str:
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES)


def unknown_placeholders(body: str) -> list[str]:
    return sorted({name for name in PLACEHOLDER.findall(body) if name not in FIELDS})


def missing_placeholders(body: str) -> list[str]:
    present = set(PLACEHOLDER.findall(body))
    return [name for name in REQUIRED_FIELDS if name not in present]


def fill(body: str, values: dict[str, str]) -> str:
    """Replace placeholders with escaped values; the result is sanitized again."""
    return sanitize(PLACEHOLDER.sub(lambda match: escape(values.get(match.group(1), "")), body))


def remedy_text(reviewing_body: str) -> str:
    return _(
        "如对本答复不服，可以自收到本答复之日起六十日内向%(body)s申请行政复议，"
        "或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼。"
    ) % {"body": reviewing_body}


def reviewing_body(organization) -> str:
    """Under the Administrative Reconsideration Law (2023 revision) a county department or a township government
    is reviewed by the county-level government above it."""
    parent = organization.parent
    while parent is not None and parent.kind != "government":
        parent = parent.parent
    return parent.name if parent is not None else _("上一级人民政府")


LETTER_CSS = """
@page { size: A4; margin: 3.7cm 2.6cm 3.5cm 2.8cm; }
body { font-family: "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 1.8; }
h1 { font-size: 22pt; text-align: center; font-weight: bold; margin: 0 0 .3em; }
.reference { text-align: center; margin-bottom: 1.5em; }
p { text-indent: 2em; margin: 0; }
p.signature { text-align: right; text-indent: 0; }
p.salutation { text-indent: 0; }
"""


def letter_html(*, title: str, reference: str, body: str) -> str:
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<style>{LETTER_CSS}</style><title>{escape(title)}</title></head><body>"
        f'<h1>{escape(title)}</h1><p class="reference">{escape(reference)}</p>{body}</body></html>'
    )


def render_pdf(*, title: str, reference: str, body: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=letter_html(title=title, reference=reference, body=body)).write_pdf()


class DocxBuilder(HTMLParser):
    """Turns the sanitized letter HTML (paragraphs, line breaks, bold/italic/underline, lists) into Word paragraphs."""

    def __init__(self, document):
        super().__init__(convert_charrefs=True)
        self.document = document
        self.paragraph = None
        self.styles: list[str] = []
        self.right = False

    def new_paragraph(self, css_class: str = ""):
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        self.paragraph = self.document.add_paragraph()
        if "signature" in css_class:
            self.paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif "salutation" not in css_class:
            self.paragraph.paragraph_format.first_line_indent = Pt(32)

    def handle_starttag(self, tag, attrs):
        if tag in {"p", "li", "h2", "h3", "tr"}:
            self.new_paragraph(dict(attrs).get("class") or "")
        elif tag == "br" and self.paragraph is not None:
            self.paragraph.add_run().add_break()
        elif tag in {"strong", "b", "em", "u"}:
            self.styles.append(tag)

    def handle_endtag(self, tag):
        if tag in {"strong", "b", "em", "u"} and tag in self.styles:
            self.styles.remove(tag)
        elif tag in {"p", "li", "h2", "h3", "tr"}:
            self.paragraph = None

    def handle_data(self, data):
        if not data.strip():
            return
        if self.paragraph is None:
            self.new_paragraph()
        run = self.paragraph.add_run(data)
        run.bold = bool({"strong", "b"} & set(self.styles)) or None
        run.italic = "em" in self.styles or None
        run.underline = "u" in self.styles or None


def render_docx(*, title: str, reference: str, body: str) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Noto Serif CJK SC"
    style.font.size = Pt(16)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(title)
    run.bold, run.font.size = True, Pt(22)
    number = document.add_paragraph(reference)
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    builder = DocxBuilder(document)
    builder.feed(body)
    builder.close()
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
