"""Word (.docx) rendering of an official document, read by Word and WPS with the fonts office PCs have."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from . import geometry as g
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

ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
}
LINE = Pt(g.LINE_PITCH_PT)
TWO_CHARACTERS = Pt(2 * g.BODY_PT)
# Word's document grid: 22 lines of 28 characters [5.2.3]. linePitch is in twentieths of a point; charSpace is
# what each character's pitch adds to the Normal font's size, in 4096ths of a point.
GRID_LINE_PITCH = round(g.LINE_PITCH_PT * 20)
GRID_CHAR_SPACE = round((g.CHARACTER_PITCH_PT - g.BODY_PT) * 4096)
PAGE_NUMBER_FOOTER_MM = 25  # footer distance that puts the dash line ≈ 7 mm below the type area [7.5]


def set_face(element, face: g.Face, size_pt: float | None = None) -> None:
    """Name the face for East Asian and Latin text alike (w:eastAsia is what Word and WPS use for Chinese)."""
    properties = element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        properties.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), face.word_name)
    fonts.set(qn("w:hint"), "eastAsia")
    if size_pt is not None:
        for tag in ("w:sz", "w:szCs"):
            size = properties.find(qn(tag))
            if size is None:
                size = OxmlElement(tag)
                properties.append(size)
            size.set(qn("w:val"), str(round(size_pt * 2)))


def add_run(paragraph, text: str, face: g.Face, size_pt: float, *, color: str = "", bold=False, italic=False):
    run = paragraph.add_run(text)
    set_face(run._element, face, size_pt)
    run.font.size = Pt(size_pt)
    if color:
        run.font.color.rgb = RGBColor.from_string(color)
    run.bold = bold or None
    run.italic = italic or None
    return run


def border(paragraph, side: str, *, style="single", eighths=8, space_pt=0, color="000000") -> None:
    """A paragraph border (side: top/bottom); width in eighths of a point, as Word stores it."""
    properties = paragraph._p.get_or_add_pPr()
    borders = properties.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        properties.append(borders)
    line = OxmlElement(f"w:{side}")
    line.set(qn("w:val"), style)
    line.set(qn("w:sz"), str(eighths))
    line.set(qn("w:space"), str(round(space_pt)))
    line.set(qn("w:color"), color)
    borders.append(line)


def fixed_line(paragraph, height=LINE, *, before=0, indent=False, align="justify") -> None:
    layout = paragraph.paragraph_format
    layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    layout.line_spacing = height
    layout.space_before = Pt(before)
    layout.space_after = Pt(0)
    layout.first_line_indent = TWO_CHARACTERS if indent else None
    paragraph.alignment = ALIGN[align]


class WordWriter:
    def __init__(self, document: OfficialDocument):
        self.source = document
        self.word = Document()
        self.section = self.word.sections[0]

    # Page ---------------------------------------------------------------------------------------------------------
    def setup_page(self) -> None:
        section = self.section
        section.page_width, section.page_height = Mm(g.PAGE_WIDTH_MM), Mm(g.PAGE_HEIGHT_MM)
        section.top_margin, section.bottom_margin = Mm(g.TOP_MM), Mm(g.BOTTOM_MM)
        section.left_margin, section.right_margin = Mm(g.LEFT_MM), Mm(g.RIGHT_MM)
        section.footer_distance = Mm(PAGE_NUMBER_FOOTER_MM)
        section.header_distance = Mm(g.LETTER_MARK_FROM_PAGE_TOP_MM)
        grid = section._sectPr.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            section._sectPr.append(grid)
        grid.set(qn("w:type"), "linesAndChars")
        grid.set(qn("w:linePitch"), str(GRID_LINE_PITCH))
        grid.set(qn("w:charSpace"), str(GRID_CHAR_SPACE))
        normal = self.word.styles["Normal"]
        set_face(normal.element, g.FANGSONG, g.BODY_PT)
        normal.font.size = Pt(g.BODY_PT)
        normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        normal.paragraph_format.line_spacing = LINE
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.widow_control = False
        language = OxmlElement("w:lang")
        language.set(qn("w:val"), "zh-CN")
        language.set(qn("w:eastAsia"), "zh-CN")
        normal.element.get_or_add_rPr().append(language)

    def page_numbers(self) -> None:
        """ "— 1 —" in 4号宋体 on the outer side: odd pages right, even pages left, one character in [7.5]."""
        self.word.settings.odd_and_even_pages_header_footer = True
        for footer, align in ((self.section.footer, "right"), (self.section.even_page_footer, "left")):
            paragraph = footer.paragraphs[0]
            fixed_line(paragraph, Pt(g.PAGE_NUMBER_PT * 1.3), align=align)
            if align == "right":
                paragraph.paragraph_format.right_indent = Pt(g.PAGE_NUMBER_PT)
            else:
                paragraph.paragraph_format.left_indent = Pt(g.PAGE_NUMBER_PT)
            add_run(paragraph, "— ", g.SONGTI, g.PAGE_NUMBER_PT)
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), "PAGE")
            run = OxmlElement("w:r")
            set_face(run, g.SONGTI, g.PAGE_NUMBER_PT)
            text = OxmlElement("w:t")
            text.text = "1"
            run.append(text)
            field.append(run)
            paragraph._p.append(field)
            add_run(paragraph, " —", g.SONGTI, g.PAGE_NUMBER_PT)

    # Head -----------------------------------------------------------------------------------------------------------
    def document_head(self) -> None:
        head = self.source.head
        size = g.issuer_mark_size(head.issuer_mark)
        mark = self.word.add_paragraph()
        fixed_line(mark, Pt(size * 1.25), before=g.ISSUER_MARK_TOP_MM / g.MM_PER_POINT, align="center")
        add_run(mark, head.issuer_mark, g.XIAOBIAOSONG, size, color=g.RED)
        number = self.word.add_paragraph()
        fixed_line(number, before=2 * g.LINE_PITCH_PT, align="center")
        add_run(number, head.doc_number or " ", g.FANGSONG, g.BODY_PT)
        border(number, "bottom", eighths=12, space_pt=g.SEPARATOR_BELOW_NUMBER_MM / g.MM_PER_POINT, color=g.RED)

    def letter_head(self) -> None:
        """信函格式 [10.1]: the issuer's name 30 mm from the top edge over a red thick-thin line 170 mm long, a
        thin-thick line 20 mm above the bottom edge, no page number on the first page."""
        self.section.different_first_page_header_footer = True
        overhang = Mm((g.LETTER_LINE_LENGTH_MM - g.TYPE_WIDTH_MM) / 2)
        head = self.section.first_page_header.paragraphs[0]
        size = min(g.issuer_mark_size(self.source.head.issuer_mark), g.SIZE["一号"])
        fixed_line(head, Pt(size * 1.25), align="center")
        head.paragraph_format.left_indent = head.paragraph_format.right_indent = -overhang
        add_run(head, self.source.head.issuer_mark, g.XIAOBIAOSONG, size, color=g.RED)
        border(head, "bottom", style="thickThinSmallGap", eighths=24, space_pt=11, color=g.RED)
        if self.source.head.doc_number:
            number = self.section.first_page_header.add_paragraph()
            fixed_line(number, before=4, align="right")
            add_run(number, self.source.head.doc_number, g.FANGSONG, g.BODY_PT)
        foot = self.section.first_page_footer.paragraphs[0]
        fixed_line(foot, Pt(2))
        foot.paragraph_format.left_indent = foot.paragraph_format.right_indent = -overhang
        border(foot, "top", style="thinThickSmallGap", eighths=24, color=g.RED)

    # Body -----------------------------------------------------------------------------------------------------------
    def title(self, before_lines: int) -> None:
        paragraph = self.word.add_paragraph()
        fixed_line(paragraph, before=before_lines * g.LINE_PITCH_PT, align="center")
        add_run(paragraph, self.source.title, g.XIAOBIAOSONG, g.TITLE_PT)

    def addressee(self) -> None:
        text = self.source.addressee.rstrip("：:") + "："
        paragraph = self.word.add_paragraph()
        fixed_line(paragraph, before=g.LINE_PITCH_PT, align="left")
        add_run(paragraph, text, g.FANGSONG, g.BODY_PT)

    def paragraph(self, block: Paragraph) -> None:
        paragraph = self.word.add_paragraph()
        fixed_line(paragraph, indent=block.indent, align=block.align)
        for run in block.runs:
            for index, line in enumerate(run.text.split("\n")):
                if index:
                    paragraph.add_run().add_break()
                if line:
                    added = add_run(paragraph, line, g.FANGSONG, g.BODY_PT, bold=run.bold, italic=run.italic)
                    added.underline = run.underline or None

    def heading(self, block: Heading) -> None:
        paragraph = self.word.add_paragraph()
        fixed_line(paragraph, indent=True)
        paragraph.paragraph_format.keep_with_next = True
        add_run(paragraph, block.text, g.HEADING_FACES[block.level], g.BODY_PT)

    def table(self, block: Table) -> None:
        if block.caption:
            caption = self.word.add_paragraph()
            fixed_line(caption, align="center")
            caption.paragraph_format.keep_with_next = True
            add_run(caption, block.caption, g.HEITI, g.BODY_PT)
        table = self.word.add_table(rows=len(block.rows), cols=block.columns)
        table.style = "Table Grid"
        table.alignment = 1
        for row_index, column_index, cell in block.placed():
            target = table.cell(row_index, column_index)
            if cell.rowspan > 1 or cell.colspan > 1:
                last_row = min(row_index + cell.rowspan, len(block.rows)) - 1
                last_column = min(column_index + cell.colspan, block.columns) - 1
                target = target.merge(table.cell(last_row, last_column))
            paragraph = target.paragraphs[0]
            fixed_line(paragraph, Pt(block.font_pt * 1.4), align=cell.align)
            face = g.HEITI if cell.header and row_index < block.header_rows else g.FANGSONG
            for index, line in enumerate(cell.text.split("\n")):
                if index:
                    paragraph.add_run().add_break()
                add_run(paragraph, line, face, block.font_pt)
        for row_index, row in enumerate(table.rows):
            properties = row._tr.get_or_add_trPr()
            if row_index < block.header_rows:
                properties.append(OxmlElement("w:tblHeader"))  # repeat the header rows on every page
            properties.append(OxmlElement("w:cantSplit"))

    def image(self, block: Image) -> None:
        paragraph = self.word.add_paragraph()
        paragraph.paragraph_format.space_before = LINE
        paragraph.alignment = ALIGN[block.align]
        paragraph.paragraph_format.keep_with_next = bool(block.caption)
        paragraph.add_run().add_picture(io.BytesIO(block.png), width=Mm(block.width_mm))
        if block.caption:
            caption = self.word.add_paragraph()
            fixed_line(caption, Pt(g.IMPRINT_PT * 1.5), align=block.align)
            add_run(caption, block.caption, g.FANGSONG, g.IMPRINT_PT)

    def blocks(self, blocks: list[Block]) -> None:
        for block in blocks:
            if isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Image):
                self.image(block)
            else:
                self.paragraph(block)

    def attachments(self) -> None:
        items = self.source.attachments
        for index, name in enumerate(items):
            paragraph = self.word.add_paragraph()
            fixed_line(paragraph, before=g.LINE_PITCH_PT if index == 0 else 0)
            numbered = f"{index + 1}．{name}" if len(items) > 1 else name
            if index == 0:
                paragraph.paragraph_format.first_line_indent = TWO_CHARACTERS
                add_run(paragraph, "附件：" + numbered, g.FANGSONG, g.BODY_PT)
            else:
                paragraph.paragraph_format.left_indent = Pt(5 * g.BODY_PT)
                add_run(paragraph, numbered, g.FANGSONG, g.BODY_PT)

    def signature(self, signature: Signature) -> None:
        date = signature.date_text
        name_right, date_right = signature_indents(signature.issuer, date, signature.seal)
        blank = 2 if signature.seal == SealMode.STAMPED else 1
        for text, right, before in ((signature.issuer, name_right, blank), (date, date_right, 0)):
            paragraph = self.word.add_paragraph()
            fixed_line(paragraph, before=before * g.LINE_PITCH_PT, align="right")
            paragraph.paragraph_format.right_indent = Pt(right * g.BODY_PT)
            paragraph.paragraph_format.keep_with_next = True
            add_run(paragraph, text, g.FANGSONG, g.BODY_PT)

    def notes(self) -> None:
        paragraph = self.word.add_paragraph()
        fixed_line(paragraph, indent=True)
        add_run(paragraph, f"（{self.source.notes.strip('（）()')}）", g.FANGSONG, g.BODY_PT)

    def imprint(self, imprint: Imprint) -> None:
        """版记 [7.4]: 4号仿宋 between thick lines (0.35 mm), a thin line (0.25 mm) between its elements."""
        size = g.IMPRINT_PT
        lines = []
        if imprint.copied_to:
            lines.append(("抄送：" + "，".join(imprint.copied_to) + "。", ""))
        printed_on = f"{official_date(imprint.printed_on)}印发" if imprint.printed_on else ""
        lines.append((imprint.printed_by, printed_on))
        for index, (left, right) in enumerate(lines):
            paragraph = self.word.add_paragraph()
            fixed_line(paragraph, Pt(size * 2), before=g.LINE_PITCH_PT if index == 0 else 0, align="left")
            layout = paragraph.paragraph_format
            layout.left_indent = layout.right_indent = Pt(size)
            layout.keep_with_next = index < len(lines) - 1
            border(paragraph, "top", eighths=8 if index == 0 else 6)
            if index == len(lines) - 1:
                border(paragraph, "bottom", eighths=8)
                width = Mm(g.TYPE_WIDTH_MM) - Pt(2 * size)
                layout.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
            add_run(paragraph, left + (f"\t{right}" if right else ""), g.FANGSONG, size)

    # Whole document -------------------------------------------------------------------------------------------------
    def write(self) -> bytes:
        self.setup_page()
        self.page_numbers()
        style = self.source.head.style
        if style == HeadStyle.DOCUMENT:
            self.document_head()
        elif style == HeadStyle.LETTER:
            self.letter_head()
        self.title(before_lines=2 if style == HeadStyle.DOCUMENT else (1 if style == HeadStyle.LETTER else 0))
        if self.source.addressee:
            self.addressee()
        self.blocks(self.source.blocks)
        if self.source.attachments:
            self.attachments()
        if self.source.signature:
            self.signature(self.source.signature)
        if self.source.notes:
            self.notes()
        self.blocks(self.source.postscript)
        if self.source.imprint:
            self.imprint(self.source.imprint)
        output = io.BytesIO()
        self.word.core_properties.title = self.source.title
        self.word.core_properties.language = self.source.language
        self.word.save(output)
        return output.getvalue()


def signature_indents(issuer: str, date: str, seal: SealMode) -> tuple[float, float]:
    """Right indents (in characters) of the issuer's name and of the date [7.3.5.1, 7.3.5.2]."""
    name_width, date_width = g.text_width(issuer), g.text_width(date)
    if seal == SealMode.STAMPED:
        date_right = 4.0
        return max(0.0, date_right + (date_width - name_width) / 2), date_right
    name_right = 2.0
    date_right = name_right + name_width - 2 - date_width  # the date starts two characters right of the name
    if date_right < 2:
        date_right = 2.0
        name_right = date_right + date_width + 2 - name_width
    return name_right, date_right


def render_docx(document: OfficialDocument) -> bytes:
    return WordWriter(document).write()
