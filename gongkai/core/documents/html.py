"""Turn the sanitized HTML of letter templates and record bodies into document blocks.

Paragraphs that start with an ordinal ("一、", "（一）", "1.", "（1）") and are short keep their heading face; a
`<p class="signature">` is set flush right and a `<p class="salutation">` (主送机关) flush left.
"""

from html.parser import HTMLParser

from .model import Block, Heading, Paragraph, Run, Table, TableCell, heading_level

HEADING_MAX_CHARACTERS = 40  # a numbered line longer than this is a numbered paragraph, not a heading
BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "div"}
STYLE_TAGS = {"strong": "bold", "b": "bold", "em": "italic", "i": "italic", "u": "underline"}


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.runs: list[Run] | None = None
        self.css_class = ""
        self.tag = ""
        self.styles: list[str] = []
        self.table: list[list[TableCell]] | None = None
        self.cell: TableCell | None = None

    # Paragraphs -------------------------------------------------------------------------------------------------
    def open_block(self, tag: str, css_class: str) -> None:
        self.close_block()
        self.runs, self.css_class, self.tag = [], css_class, tag

    def close_block(self) -> None:
        if self.runs is None:
            return
        runs, self.runs = self.runs, None
        text = "".join(run.text for run in runs).strip()
        if not text:
            return
        if runs:
            runs[0].text = runs[0].text.lstrip()
            runs[-1].text = runs[-1].text.rstrip()
        level = heading_level(text)
        if self.tag in {"h1", "h2", "h3", "h4"} and level is None:
            level = min(int(self.tag[1]), 4)
        if level is not None and len(text) <= HEADING_MAX_CHARACTERS and "signature" not in self.css_class:
            self.blocks.append(Heading(level, text))
        elif "signature" in self.css_class:
            self.blocks.append(Paragraph(runs, indent=False, align="right"))
        elif "salutation" in self.css_class:
            self.blocks.append(Paragraph(runs, indent=False, align="left"))
        else:
            self.blocks.append(Paragraph(runs))

    # Tables -----------------------------------------------------------------------------------------------------
    def open_cell(self, attrs: dict, header: bool) -> None:
        def span(name):
            try:
                return max(1, min(int(attrs.get(name) or 1), 50))
            except ValueError:
                return 1

        self.cell = TableCell("", colspan=span("colspan"), rowspan=span("rowspan"), header=header)

    def close_table(self) -> None:
        rows, self.table = self.table or [], None
        rows = [row for row in rows if row]
        if not rows:
            return
        columns = max(sum(cell.colspan for cell in row) for row in rows)
        header_rows = 0
        for row in rows:
            if not all(cell.header for cell in row):
                break
            header_rows += 1
        self.blocks.append(Table(columns, rows, header_rows=header_rows))

    # Parser callbacks -------------------------------------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.close_block()
            self.table = []
        elif self.table is not None:
            if tag == "tr":
                self.table.append([])
            elif tag in {"td", "th"}:
                if not self.table:
                    self.table.append([])
                self.open_cell(attrs, tag == "th")
            elif tag == "br" and self.cell is not None:
                self.cell.text += "\n"
        elif tag in BLOCK_TAGS:
            self.open_block(tag, attrs.get("class") or "")
        elif tag == "br":
            if self.runs is None:
                self.open_block("p", "")
            self.runs.append(Run("\n"))
        elif tag in STYLE_TAGS:
            self.styles.append(STYLE_TAGS[tag])

    def handle_endtag(self, tag):
        if tag == "table":
            self.close_table()
        elif self.table is not None:
            if tag in {"td", "th"} and self.cell is not None:
                self.cell.text = self.cell.text.strip()
                self.table[-1].append(self.cell)
                self.cell = None
        elif tag in BLOCK_TAGS:
            self.close_block()
        elif tag in STYLE_TAGS and STYLE_TAGS[tag] in self.styles:
            self.styles.remove(STYLE_TAGS[tag])

    def handle_data(self, data):
        if self.table is not None:
            if self.cell is not None:
                self.cell.text += data
            return
        if self.runs is None:
            if not data.strip():
                return
            self.open_block("p", "")
        styles = set(self.styles)
        self.runs.append(Run(data, "bold" in styles, "italic" in styles, "underline" in styles))

    def result(self) -> list[Block]:
        self.close_block()
        if self.table is not None:
            self.close_table()
        return self.blocks


def blocks_from_html(html: str) -> list[Block]:
    parser = _Parser()
    parser.feed(html or "")
    parser.close()
    return parser.result()


def blocks_from_text(text: str) -> list[Block]:
    """Plain text with blank-line-separated paragraphs (report narratives) as blocks, headings recognised."""
    blocks: list[Block] = []
    for part in (text or "").replace("\r\n", "\n").split("\n"):
        part = part.strip()
        if not part:
            continue
        level = heading_level(part)
        if level is not None and len(part) <= HEADING_MAX_CHARACTERS:
            blocks.append(Heading(level, part))
        else:
            blocks.append(Paragraph.of(part))
    return blocks
