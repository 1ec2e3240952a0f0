"""One layout for every official document Gongkai produces, after 《党政机关公文格式》 GB/T 9704-2012.

Producers (reply letters, annual reports, inspection notices, handbooks, publicity notices) describe a document with
the dataclasses of `model` and hand it to `render_docx` or `render_pdf`; both draw the same layout (`geometry`), so a
letter printed from Word and from the PDF look alike. See docs/documents.md.
"""

from . import geometry
from .docx import render_docx
from .html import blocks_from_html
from .model import (
    Block,
    Head,
    Heading,
    HeadStyle,
    Image,
    Imprint,
    OfficialDocument,
    Paragraph,
    Run,
    SealMode,
    Signature,
    Table,
    TableCell,
    official_date,
)
from .pdf import render_html, render_pdf

__all__ = [
    "Block",
    "Head",
    "HeadStyle",
    "Heading",
    "Image",
    "Imprint",
    "OfficialDocument",
    "Paragraph",
    "Run",
    "SealMode",
    "Signature",
    "Table",
    "TableCell",
    "blocks_from_html",
    "geometry",
    "official_date",
    "render_docx",
    "render_html",
    "render_pdf",
]
