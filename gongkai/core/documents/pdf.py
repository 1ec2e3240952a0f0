"""PDF rendering (WeasyPrint) of an official document: the Word layout drawn with free fonts of the same styles,
embedded in the file."""

import base64
import math

from django.utils.html import escape

from . import geometry as g
from .docx import signature_indents
from .fonts import font_face_css
from .model import (
    Block,
    Heading,
    HeadStyle,
    Image,
    Imprint,
    OfficialDocument,
    Paragraph,
    SealMode,
    Signature,
    Table,
    official_date,
)

# Paper sizes other than A4 are the A4 layout enlarged, as a photocopier enlarges a page: A3 is A4 × √2.
PAPER_ZOOM = {"A4": 1.0, "A3": math.sqrt(2)}
LINE = f"{g.LINE_PITCH_PT:.2f}pt"
LETTER_SPACING = f"{g.CHARACTER_PITCH_PT - g.BODY_PT:.3f}pt"


def page_css(style: HeadStyle) -> str:
    number = (
        f'content: "— " counter(page) " —"; font-family: "{g.SONGTI.pdf_family}"; font-size: {g.PAGE_NUMBER_PT}pt;'
        f" vertical-align: top; padding-top: {g.PAGE_NUMBER_BELOW_TYPE_AREA_MM - 2.5}mm; white-space: nowrap;"
        " width: 5em;"
    )
    css = f"""
@page {{ size: A4; margin: {g.TOP_MM}mm {g.RIGHT_MM}mm {g.BOTTOM_MM}mm {g.LEFT_MM}mm; }}
@page :right {{ @bottom-right {{ {number} padding-right: {g.PAGE_NUMBER_PT}pt; }} }}
@page :left {{ @bottom-left {{ {number} padding-left: {g.PAGE_NUMBER_PT}pt; }} }}
"""
    if style == HeadStyle.LETTER:
        overhang = (g.LETTER_LINE_LENGTH_MM - g.TYPE_WIDTH_MM) / 2
        css += f"""
@page :first {{
  @bottom-center {{ content: ""; width: {g.LETTER_LINE_LENGTH_MM}mm; height: 0.5mm; vertical-align: bottom;
    margin-bottom: {g.LETTER_BOTTOM_LINE_FROM_PAGE_BOTTOM_MM}mm; border-top: 0.3mm solid #{g.RED};
    border-bottom: 1.2mm solid #{g.RED}; }}
  @bottom-right {{ content: none; }}
}}
.letterhead {{ margin: -{g.TOP_MM - g.LETTER_MARK_FROM_PAGE_TOP_MM}mm -{overhang}mm 0; text-align: center; }}
.letterhead .mark {{ line-height: 1.1; text-align: center; }}
.letterhead .rule {{ margin-top: {g.LETTER_LINE_BELOW_MARK_MM}mm; border-top: 1.2mm solid #{g.RED};
  border-bottom: 0.3mm solid #{g.RED}; height: 0.5mm; }}
.letterhead .number {{ text-align: right; margin: 1mm {overhang}mm 0; }}
"""
    return css


BODY_CSS = f"""
html {{ font-family: "{g.FANGSONG.pdf_family}", "Noto Serif CJK SC", serif; font-size: {g.BODY_PT}pt;
  line-height: {LINE}; letter-spacing: {LETTER_SPACING}; color: #000; }}
body {{ margin: 0; }}
p {{ margin: 0; text-align: justify; orphans: 1; widows: 1; }}
p.indent {{ text-indent: 2em; }}
p.center {{ text-align: center; }} p.right {{ text-align: right; }} p.left {{ text-align: left; }}
.issuer-mark {{ margin: {g.ISSUER_MARK_TOP_MM}mm 0 0; text-align: center; color: #{g.RED}; line-height: 1.2;
  font-family: "{g.XIAOBIAOSONG.pdf_family}"; letter-spacing: 0; }}
.doc-number {{ margin-top: calc(2 * {LINE}); text-align: center; padding-bottom: {g.SEPARATOR_BELOW_NUMBER_MM}mm;
  border-bottom: 0.5mm solid #{g.RED}; }}
.mark {{ font-family: "{g.XIAOBIAOSONG.pdf_family}"; color: #{g.RED}; letter-spacing: 0; }}
h1 {{ font-family: "{g.XIAOBIAOSONG.pdf_family}"; font-size: {g.TITLE_PT}pt; font-weight: normal; text-align: center;
  line-height: {LINE}; margin: 0; }}
.h1-after-head {{ margin-top: calc(2 * {LINE}); }}
.h1-after-letter {{ margin-top: {LINE}; }}
.addressee {{ margin-top: {LINE}; }}
.heading {{ text-indent: 2em; font-weight: normal; margin: 0; font-size: {g.BODY_PT}pt; line-height: {LINE};
  page-break-after: avoid; }}
.heading-1 {{ font-family: "{g.HEITI.pdf_family}"; }}
.heading-2 {{ font-family: "{g.KAITI.pdf_family}"; }}
.heading-3, .heading-4 {{ font-family: "{g.FANGSONG.pdf_family}"; }}
.attachments {{ margin-top: {LINE}; }}
.attachments p.more {{ padding-left: 5em; }}
.signature {{ margin-top: {LINE}; page-break-inside: avoid; }}
.signature.stamped {{ margin-top: calc(2 * {LINE}); }}
.notes {{ text-indent: 2em; }}
.imprint {{ margin-top: {LINE}; border-top: 0.35mm solid #000; border-bottom: 0.35mm solid #000;
  font-size: {g.IMPRINT_PT}pt; line-height: {2 * g.IMPRINT_PT}pt; page-break-inside: avoid; }}
.imprint p {{ padding: 0 1em; text-align: left; }}
.imprint p.printed {{ display: table; width: 100%; box-sizing: border-box; }}
.imprint p.printed span {{ display: table-cell; white-space: nowrap; }}
.imprint p.printed span.date {{ text-align: right; }}
.imprint p + p {{ border-top: 0.25mm solid #000; }}
table {{ width: 100%; border-collapse: collapse; margin: 0.5em 0; letter-spacing: 0; line-height: 1.35; }}
thead {{ display: table-header-group; }}
tr {{ page-break-inside: avoid; }}
td, th {{ border: 0.5pt solid #000; padding: 1mm 1.5mm; text-align: center; vertical-align: middle; }}
th {{ font-family: "{g.HEITI.pdf_family}"; font-weight: normal; }}
.image {{ margin-top: {LINE}; page-break-inside: avoid; line-height: 1.3; }}
.image img {{ display: block; }}
.image.right img {{ margin-left: auto; }} .image.center img {{ margin: 0 auto; }}
.image p {{ font-size: {g.IMPRINT_PT}pt; letter-spacing: 0; }}
caption {{ font-family: "{g.HEITI.pdf_family}"; padding-bottom: 1mm; }}
"""


def _paragraph(block: Paragraph) -> str:
    parts = []
    for run in block.runs:
        text = escape(run.text).replace("\n", "<br>")
        for flag, tag in ((run.bold, "strong"), (run.italic, "em"), (run.underline, "u")):
            if flag:
                text = f"<{tag}>{text}</{tag}>"
        parts.append(text)
    classes = ["indent"] if block.indent else []
    if block.align != "justify":
        classes.append(block.align)
    return f'<p class="{" ".join(classes)}">{"".join(parts)}</p>'


def _table(block: Table) -> str:
    rows = []
    for index, row in enumerate(block.rows):
        cells = []
        for cell in row:
            tag = "th" if cell.header else "td"
            spans = (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "") + (
                f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else ""
            )
            style = f' style="text-align: {cell.align}"' if cell.align != "center" else ""
            cells.append(f"<{tag}{spans}{style}>{escape(cell.text).replace(chr(10), '<br>')}</{tag}>")
        rows.append((index < block.header_rows, "<tr>" + "".join(cells) + "</tr>"))
    head = "".join(html for is_header, html in rows if is_header)
    body = "".join(html for is_header, html in rows if not is_header)
    caption = f"<caption>{escape(block.caption)}</caption>" if block.caption else ""
    return (
        f'<table style="font-size: {block.font_pt}pt">{caption}'
        + (f"<thead>{head}</thead>" if head else "")
        + f"<tbody>{body}</tbody></table>"
    )


def _image(block: Image) -> str:
    source = "data:image/png;base64," + base64.b64encode(block.png).decode("ascii")
    caption = f'<p class="{block.align}">{escape(block.caption)}</p>' if block.caption else ""
    return (
        f'<div class="image {block.align}"><img src="{source}" alt="{escape(block.caption)}"'
        f' style="width: {block.width_mm}mm">{caption}</div>'
    )


def _blocks(blocks: list[Block]) -> list[str]:
    html = []
    for block in blocks:
        if isinstance(block, Heading):
            html.append(f'<p class="heading heading-{block.level}">{escape(block.text)}</p>')
        elif isinstance(block, Table):
            html.append(_table(block))
        elif isinstance(block, Image):
            html.append(_image(block))
        else:
            html.append(_paragraph(block))
    return html


def _head(document: OfficialDocument) -> str:
    head = document.head
    if head.style == HeadStyle.DOCUMENT:
        size = g.issuer_mark_size(head.issuer_mark)
        return (
            f'<p class="issuer-mark" style="font-size: {size}pt">{escape(head.issuer_mark)}</p>'
            f'<p class="doc-number">{escape(head.doc_number) or "&nbsp;"}</p>'
        )
    if head.style == HeadStyle.LETTER:
        size = min(g.issuer_mark_size(head.issuer_mark), g.SIZE["一号"])
        number = f'<p class="number">{escape(head.doc_number)}</p>' if head.doc_number else ""
        return (
            f'<div class="letterhead"><p class="mark" style="font-size: {size}pt">{escape(head.issuer_mark)}</p>'
            f'<div class="rule"></div>{number}</div>'
        )
    return ""


def _signature(signature: Signature) -> str:
    date = signature.date_text
    name_right, date_right = signature_indents(signature.issuer, date, signature.seal)
    stamped = " stamped" if signature.seal == SealMode.STAMPED else ""
    return (
        f'<div class="signature{stamped}">'
        f'<p class="right" style="padding-right: {name_right}em">{escape(signature.issuer)}</p>'
        f'<p class="right" style="padding-right: {date_right}em">{escape(date)}</p></div>'
    )


def _attachments(names: list[str]) -> str:
    if not names:
        return ""
    numbered = [f"{index + 1}．{name}" if len(names) > 1 else name for index, name in enumerate(names)]
    lines = [f'<p class="indent">附件：{escape(numbered[0])}</p>']
    lines += [f'<p class="more">{escape(name)}</p>' for name in numbered[1:]]
    return '<div class="attachments">' + "".join(lines) + "</div>"


def _imprint(imprint: Imprint) -> str:
    lines = []
    if imprint.copied_to:
        lines.append(f"<p>抄送：{escape('，'.join(imprint.copied_to))}。</p>")
    date = f'<span class="date">{official_date(imprint.printed_on)}印发</span>' if imprint.printed_on else ""
    lines.append(f'<p class="printed"><span>{escape(imprint.printed_by)}</span>{date}</p>')
    return '<div class="imprint">' + "".join(lines) + "</div>"


def render_html(document: OfficialDocument) -> str:
    style = document.head.style
    title_class = {HeadStyle.DOCUMENT: "h1-after-head", HeadStyle.LETTER: "h1-after-letter"}.get(style, "")
    body = [_head(document), f'<h1 class="{title_class}">{escape(document.title)}</h1>']
    if document.addressee:
        body.append(f'<p class="addressee">{escape(document.addressee.rstrip("：:"))}：</p>')
    body += _blocks(document.blocks)
    body.append(_attachments(document.attachments))
    if document.signature:
        body.append(_signature(document.signature))
    if document.notes:
        body.append(f'<p class="notes">（{escape(document.notes.strip("（）()"))}）</p>')
    body += _blocks(document.postscript)
    if document.imprint:
        body.append(_imprint(document.imprint))
    return (
        f'<!DOCTYPE html><html lang="{document.language}"><head><meta charset="utf-8">'
        f"<title>{escape(document.title)}</title><style>{font_face_css()}{page_css(style)}{BODY_CSS}</style>"
        f"</head><body>{''.join(body)}</body></html>"
    )


def render_pdf(document: OfficialDocument, *, paper: str = "A4") -> bytes:
    """The PDF on A4, or on A3 (`paper="A3"`, for a notice board: the same page enlarged by √2)."""
    from weasyprint import HTML

    return HTML(string=render_html(document)).write_pdf(zoom=PAPER_ZOOM[paper])
