"""What an official document is made of, independent of the file format it is rendered to."""

import datetime
import re
from dataclasses import dataclass, field
from enum import StrEnum


class HeadStyle(StrEnum):
    DOCUMENT = "document"  # 文件格式: red 发文机关标志, 发文字号, red separator line [7.2]
    LETTER = "letter"  # 信函格式: the issuer's name with red double lines, no page number on page one [10.1]
    PLAIN = "plain"  # no head: reports, handbooks and notices that carry only their title


class SealMode(StrEnum):
    STAMPED = "stamped"  # 加盖印章: signature centred over the date, the date 4 characters from the right [7.3.5.1]
    UNSTAMPED = "unstamped"  # 不加盖印章: signature 2 characters from the right, the date below it [7.3.5.2]


@dataclass
class Head:
    style: HeadStyle = HeadStyle.PLAIN
    issuer_mark: str = ""  # e.g. "青溪区人民政府办公室文件" or, for a letter, the issuer's full name
    doc_number: str = ""  # 发文字号, e.g. "青政办〔2026〕12号"


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


@dataclass
class Paragraph:
    runs: list[Run]
    indent: bool = True  # first line indented two characters [7.3.3]
    align: str = "justify"  # "justify", "center", "right", "left"

    @classmethod
    def of(cls, text: str, **options) -> "Paragraph":
        return cls([Run(text)], **options)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass
class Heading:
    """A numbered heading of level 1 ("一、"), 2 ("（一）"), 3 ("1.") or 4 ("（1）") [7.3.3]."""

    level: int
    text: str


@dataclass
class TableCell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    header: bool = False
    align: str = "center"


@dataclass
class Table:
    """Rows of cells with spans (each row lists only the cells that start in it); the first header_rows rows repeat
    at the top of every page."""

    columns: int
    rows: list[list[TableCell]]
    header_rows: int = 1
    caption: str = ""
    font_pt: float = 10.5

    def placed(self):
        """Yield (row, column, cell) with each cell at its real position once spans are accounted for."""
        taken: set[tuple[int, int]] = set()
        for row_index, row in enumerate(self.rows):
            column = 0
            for cell in row:
                while (row_index, column) in taken:
                    column += 1
                yield row_index, column, cell
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        taken.add((row_index + dr, column + dc))
                column += cell.colspan


@dataclass
class Image:
    """A picture in the flow (a notice board's QR code): PNG bytes, its printed width, an optional caption below."""

    png: bytes
    width_mm: float
    caption: str = ""
    align: str = "right"  # "left", "center", "right"


Block = Paragraph | Heading | Table | Image


@dataclass
class Signature:
    issuer: str
    date: datetime.date | str  # a date, or the date already written out (a template's filled-in 答复日期)
    seal: SealMode = SealMode.STAMPED

    @property
    def date_text(self) -> str:
        return self.date if isinstance(self.date, str) else official_date(self.date)


@dataclass
class Imprint:
    """版记 [7.4]: 抄送机关, 印发机关 and 印发日期, between two thick lines at the end."""

    copied_to: list[str] = field(default_factory=list)
    printed_by: str = ""
    printed_on: datetime.date | None = None


@dataclass
class OfficialDocument:
    title: str
    blocks: list[Block]
    head: Head = field(default_factory=Head)
    addressee: str = ""  # 主送机关 [7.3.2]
    attachments: list[str] = field(default_factory=list)  # 附件说明 [7.3.4]
    signature: Signature | None = None
    notes: str = ""  # 附注 [7.3.6]
    imprint: Imprint | None = None
    postscript: list[Block] = field(default_factory=list)  # after the signature and 附注, before the 版记: a QR code
    language: str = "zh-CN"


def official_date(day: datetime.date) -> str:
    """成文日期 [7.3.5.4]: Arabic numerals, the year in full, month and day without leading zeros."""
    return f"{day.year}年{day.month}月{day.day}日"


HEADING_PATTERNS = (
    (1, re.compile(r"^[一二三四五六七八九十百]+、")),
    (2, re.compile(r"^[（(][一二三四五六七八九十百]+[）)]")),
    (3, re.compile(r"^\d{1,3}[.．](?!\d)")),
    (4, re.compile(r"^[（(]\d{1,3}[）)]")),
)


def heading_level(text: str) -> int | None:
    """The level of a paragraph that starts with one of the four ordinal forms, else None."""
    stripped = text.lstrip()
    for level, pattern in HEADING_PATTERNS:
        if pattern.match(stripped):
            return level
    return None
