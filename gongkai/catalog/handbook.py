"""The handbook (一本通): an organization's catalog grouped by domain and level, as a web page and a PDF."""

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.core.documents.fonts import font_face_css

from .exporting import catalog_rows
from .selectors import public_negative_list

LEVEL_SECTIONS = [("county", _("县级")), ("township", _("乡级")), ("village", _("村级"))]


@dataclass
class LevelSection:
    key: str
    label: str
    rows: list = field(default_factory=list)


@dataclass
class DomainSection:
    domain: object
    anchor: str
    levels: list[LevelSection] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len({row.item.pk for level in self.levels for row in level.rows})


def handbook_sections(catalog) -> list[DomainSection]:
    """Public items by domain, then by level (an item listed under every level it covers)."""
    sections: dict[int, DomainSection] = {}
    for row in catalog_rows(catalog, include_withheld=False):
        if row.item.is_group:
            continue
        section = sections.get(row.domain.pk)
        if section is None:
            section = DomainSection(
                row.domain, f"domain-{row.domain.code}", [LevelSection(k, v) for k, v in LEVEL_SECTIONS]
            )
            sections[row.domain.pk] = section
        for level in section.levels:
            if row.item.covers_level(level.key):
                level.rows.append(row)
    for section in sections.values():
        section.levels = [level for level in section.levels if level.rows]
    return list(sections.values())


def handbook_context(catalog) -> dict:
    return {
        "catalog": catalog,
        "organization": catalog.organization,
        "sections": handbook_sections(catalog),
        "negative_list": public_negative_list(catalog),
        "generated_on": timezone.localdate(),
    }


def render_html(catalog, *, for_print: bool = True) -> str:
    context = {**handbook_context(catalog), "for_print": for_print}
    if for_print:
        context["document_fonts_css"] = font_face_css()  # the official document faces, embedded in the PDF
    return render_to_string("catalog/handbook.html", context)


def render_pdf(catalog) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_html(catalog), base_url=None).write_pdf()
