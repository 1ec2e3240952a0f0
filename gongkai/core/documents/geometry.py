"""The measures of GB/T 9704-2012 in one place: paper, type area, grid, type sizes, fonts and colours.

Every number here is a rule of the standard (section numbers in brackets) or is derived from one.
"""

from dataclasses import dataclass

# Paper and type area [5.1, 5.2.1]: A4, top margin (天头) 37 mm, left margin (订口) 28 mm, type area 156 × 225 mm.
PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
TOP_MM = 37
LEFT_MM = 28
TYPE_WIDTH_MM = 156
TYPE_HEIGHT_MM = 225
RIGHT_MM = PAGE_WIDTH_MM - LEFT_MM - TYPE_WIDTH_MM  # 26
BOTTOM_MM = PAGE_HEIGHT_MM - TOP_MM - TYPE_HEIGHT_MM  # 35

# Lines and characters [5.2.3]: 22 lines of 28 characters fill the type area.
LINES_PER_PAGE = 22
CHARACTERS_PER_LINE = 28
MM_PER_POINT = 25.4 / 72
LINE_PITCH_PT = TYPE_HEIGHT_MM / LINES_PER_PAGE / MM_PER_POINT  # ≈ 28.99 pt
CHARACTER_PITCH_PT = TYPE_WIDTH_MM / CHARACTERS_PER_LINE / MM_PER_POINT  # ≈ 15.79 pt

# Chinese type sizes (字号) in points.
SIZE = {
    "初号": 42,
    "小初": 36,
    "一号": 26,
    "小一": 24,
    "二号": 22,
    "小二": 18,
    "三号": 16,
    "小三": 15,
    "四号": 14,
    "小四": 12,
    "五号": 10.5,
    "小五": 9,
}
BODY_PT = SIZE["三号"]  # [5.2.2] every element in 3号仿宋 unless said otherwise
TITLE_PT = SIZE["二号"]  # [7.3.1]
IMPRINT_PT = SIZE["四号"]  # [7.4.2, 7.4.3]
PAGE_NUMBER_PT = SIZE["四号"]  # [7.5]
ISSUER_MARK_MAX_PT = SIZE["小初"]  # the standard leaves the size to the issuer; large, shrunk to fit one line

# Positions.
ISSUER_MARK_TOP_MM = 35  # [7.2.4] top of the 发文机关标志 below the top of the type area
SEPARATOR_BELOW_NUMBER_MM = 4  # [7.2.7] red line 4 mm below the 发文字号
PAGE_NUMBER_BELOW_TYPE_AREA_MM = 7  # [7.5] the dash line 7 mm below the type area
LETTER_MARK_FROM_PAGE_TOP_MM = 30  # [10.1] 信函格式: the issuer's name 30 mm from the top edge
LETTER_LINE_BELOW_MARK_MM = 4  # [10.1] a red double line (thick over thin) 4 mm below it
LETTER_BOTTOM_LINE_FROM_PAGE_BOTTOM_MM = 20  # [10.1] a red double line (thin over thick) 20 mm above the bottom edge
LETTER_LINE_LENGTH_MM = 170  # [10.1]

# Colour [6.2]: red ink at Y80% M80% of the colour chart, shown on screen as this RGB.
RED = "E60012"
RED_RGB = (0xE6, 0x00, 0x12)


@dataclass(frozen=True)
class Face:
    """A typeface as office PCs name it (Word/WPS) and the free font files of the same style that PDFs embed."""

    word_name: str
    pdf_family: str  # the family the PDF names (pdffonts shows it, subset-prefixed)
    pdf_files: tuple[str, ...]  # first found wins
    pdf_fallback: str


FANGSONG = Face("仿宋_GB2312", "FandolFang", ("FandolFang-Regular.otf",), "Noto Serif CJK SC")
XIAOBIAOSONG = Face("方正小标宋简体", "FandolSong-Bold", ("FandolSong-Bold.otf",), "Noto Serif CJK SC")
HEITI = Face("黑体", "FandolHei", ("FandolHei-Regular.otf",), "Noto Sans CJK SC")
KAITI = Face("楷体_GB2312", "FandolKai", ("FandolKai-Regular.otf", "gkai00mp.ttf"), "Noto Serif CJK SC")
SONGTI = Face("宋体", "FandolSong", ("FandolSong-Regular.otf",), "Noto Serif CJK SC")
FACES = (FANGSONG, XIAOBIAOSONG, HEITI, KAITI, SONGTI)

# Faces of the four heading levels [7.3.3]: "一、" 黑体, "（一）" 楷体, "1." and "（1）" 仿宋.
HEADING_FACES = {1: HEITI, 2: KAITI, 3: FANGSONG, 4: FANGSONG}


def text_width(text: str) -> float:
    """Width in characters (字): a CJK or full-width character is one, an ASCII character (digits) half."""
    return sum(0.5 if ord(character) < 0x2E80 else 1 for character in text)


def issuer_mark_size(text: str) -> float:
    """The largest size up to 小初 at which the mark fits on one line of the type area."""
    width = text_width(text) or 1
    fitting = TYPE_WIDTH_MM / MM_PER_POINT / width
    return round(min(ISSUER_MARK_MAX_PT, fitting * 0.98), 1)
