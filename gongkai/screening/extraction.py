"""Text extraction from uploaded files, by content (magic bytes), with a map from character offsets to locations.

Supported: UTF-8 plain text, PDF (pypdf), Word .docx (python-docx: body paragraphs and tables in order, then headers
and footers) and Excel .xlsx (openpyxl: every non-empty cell). A finding at offset N is reported at
`extracted.location_of(N)`, e.g. "第3页", "段落12", "表格1 第2行第3列", "工作表低保名单!B7".
"""

import bisect
import io
import os
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils.translation import gettext as _

from .detection import Detection
from .errors import ScreeningError, ScreeningErrorCode
from .kinds import Kind, Severity

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Limits that keep a small hostile file (a "zip bomb": 99 KB of .xlsx that unpacks to gigabytes of XML) from taking
# the server's memory: the unpacked size of an Office file, and the characters extracted from any file.
MAX_UNCOMPRESSED_BYTES = int(os.environ.get("SCREENING_MAX_UNCOMPRESSED_MB", "100")) * 1024 * 1024
MAX_CHARACTERS = int(os.environ.get("SCREENING_MAX_CHARACTERS", "5000000"))

TEXT = "text/plain"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Extracted:
    text: str
    content_type: str
    name: str = ""
    starts: list[int] = field(default_factory=list)  # start offset of each located segment, ascending
    labels: list[str] = field(default_factory=list)

    def location_of(self, offset: int) -> str:
        """The page, paragraph or cell holding character `offset` ("" for plain text without segments)."""
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.labels[index] if index >= 0 else ""


def pages_without_text(extracted: Extracted) -> list[tuple[int, str]]:
    """(offset, label) of PDF pages with no extractable text: scans or pictures that no detector can read."""
    if extracted.content_type != PDF:
        return []
    ends = [*extracted.starts[1:], len(extracted.text)]
    return [
        (start, label)
        for start, end, label in zip(extracted.starts, ends, extracted.labels, strict=True)
        if not extracted.text[start:end].strip()
    ]


def unreadable_detection(extracted: Extracted):
    """One warning for an attachment whose pages have no text (None when every page has text)."""
    pages = pages_without_text(extracted)
    if not pages:
        return None
    labels = "、".join(label for _start, label in pages)
    offset = pages[0][0]
    return Detection(
        kind=Kind.NO_TEXT,
        severity=Severity.WARN,
        start=offset,
        end=offset,
        text=labels[:200],
        suggestion=_("请上传可复制文字的版本，或逐页人工检查后确认。"),
        message=_("%(pages)s没有可提取的文字（可能是扫描件或图片），无法自动检查个人隐私和涉密标识。")
        % {"pages": labels[:200]},
        rule="no_text.pdf_page",
    )


class _Builder:
    def __init__(self, content_type: str, name: str):
        self.parts: list[str] = []
        self.length = 0
        self.extracted = Extracted(text="", content_type=content_type, name=name)

    def add(self, text: str, label: str, separator: str = "\n") -> None:
        if self.length + len(text) > MAX_CHARACTERS:
            raise too_many_characters(self.extracted.name)
        if self.parts:
            self.parts.append(separator)
            self.length += len(separator)
        self.extracted.starts.append(self.length)
        self.extracted.labels.append(label)
        self.parts.append(text)
        self.length += len(text)

    def build(self) -> Extracted:
        self.extracted.text = "".join(self.parts)
        return self.extracted


def too_many_characters(name: str) -> ScreeningError:
    return ScreeningError(
        ScreeningErrorCode.TOO_LARGE,
        _("“%(name)s”的文字超过 %(limit)s 个字符，无法自动检查。请拆分为较小的文件后分别上传。")
        % {"name": name, "limit": f"{MAX_CHARACTERS:,}"},
    )


def check_unpacked_size(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse an Office file whose parts unpack to more than MAX_UNCOMPRESSED_BYTES (the sizes the archive declares
    bound what reading it can return)."""
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_UNCOMPRESSED_BYTES:
        raise ScreeningError(
            ScreeningErrorCode.TOO_LARGE,
            _("“%(name)s”解压后有 %(size)d MB，超过 %(limit)d MB 的上限，无法检查。请删除不需要的内容或拆分文件。")
            % {"name": name, "size": unpacked // (1024 * 1024), "limit": MAX_UNCOMPRESSED_BYTES // (1024 * 1024)},
        )


def extract(file, *, filename: str | None = None) -> Extracted:
    """Extract the text of a path or a binary file object; raises ScreeningError when it cannot be read."""
    name = filename or (os.fspath(file) if isinstance(file, (str, os.PathLike)) else getattr(file, "name", "")) or ""
    data = _read_bytes(file, name)
    display = os.path.basename(str(name)) or _("上传的文件")
    if not data:
        raise ScreeningError(
            ScreeningErrorCode.UNREADABLE, _("“%(name)s”是空文件（0 字节），没有可检查的内容。") % {"name": display}
        )
    if data.startswith(PDF_MAGIC):
        return _extract_pdf(data, display)
    if data.startswith(ZIP_MAGIC):
        return _extract_office(data, display)
    if data.startswith(OLE_MAGIC):
        raise ScreeningError(
            ScreeningErrorCode.UNSUPPORTED,
            _("“%(name)s”是旧版 Word/Excel（.doc/.xls）格式，无法检查，请另存为 .docx 或 .xlsx 后重新上传。")
            % {"name": display},
        )
    return _extract_plain(data, display)


def _read_bytes(file, name) -> bytes:
    try:
        if isinstance(file, (str, os.PathLike)):
            with open(file, "rb") as handle:
                return handle.read()
        if hasattr(file, "seek"):
            file.seek(0)
        data = file.read()
    except FileNotFoundError as error:
        raise ScreeningError(
            ScreeningErrorCode.UNREADABLE, _("找不到文件“%(name)s”，请检查路径。") % {"name": name}
        ) from error
    except IsADirectoryError as error:
        raise ScreeningError(
            ScreeningErrorCode.UNREADABLE, _("“%(name)s”是一个文件夹，请指定其中的文件。") % {"name": name}
        ) from error
    except OSError as error:
        raise ScreeningError(
            ScreeningErrorCode.UNREADABLE,
            _("无法读取文件“%(name)s”：%(reason)s。请确认文件存在且有读取权限。")
            % {"name": name, "reason": error.strerror or error},
        ) from error
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)


def _extract_plain(data: bytes, name: str) -> Extracted:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ScreeningError(
            ScreeningErrorCode.UNREADABLE,
            _(
                "“%(name)s”不是 UTF-8 编码的文本，也不是 PDF、Word（.docx）或 Excel（.xlsx）文件，无法检查。"
                "如是 GBK 编码的文本，请另存为 UTF-8。"
            )
            % {"name": name},
        ) from error
    if len(text) > MAX_CHARACTERS:
        raise too_many_characters(name)
    if "\x00" in text:
        raise ScreeningError(
            ScreeningErrorCode.UNREADABLE,
            _("“%(name)s”是二进制文件，不是文本、PDF、Word（.docx）或 Excel（.xlsx），无法检查。") % {"name": name},
        )
    return Extracted(text=text, content_type=TEXT, name=name)


def _extract_pdf(data: bytes, name: str) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ScreeningError(
                ScreeningErrorCode.ENCRYPTED,
                _("PDF 文件“%(name)s”已加密，无法读取其内容，请上传未加密的版本。") % {"name": name},
            )
        builder = _Builder(PDF, name)
        for number, page in enumerate(reader.pages, start=1):
            builder.add(page.extract_text() or "", _("第%(number)d页") % {"number": number}, separator="\n\f")
    except ScreeningError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        raise ScreeningError(
            ScreeningErrorCode.UNREADABLE,
            _("PDF 文件“%(name)s”已损坏或格式不正确，无法读取：%(reason)s") % {"name": name, "reason": error},
        ) from error
    return builder.build()


def _extract_office(data: bytes, name: str) -> Extracted:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            check_unpacked_size(archive, name)
    except zipfile.BadZipFile as error:
        raise ScreeningError(
            ScreeningErrorCode.UNREADABLE, _("“%(name)s”是损坏的压缩文件，无法读取。") % {"name": name}
        ) from error
    try:
        if "word/document.xml" in names:
            return _extract_docx(data, name)
        if "xl/workbook.xml" in names:
            return _extract_xlsx(data, name)
    except ScreeningError:
        raise
    except Exception as error:  # noqa: BLE001 - any parser failure on a user file is reported, not raised as a crash
        raise ScreeningError(
            ScreeningErrorCode.UNREADABLE,
            _("文件“%(name)s”已损坏或格式不正确，无法读取：%(reason)s") % {"name": name, "reason": error},
        ) from error
    raise ScreeningError(
        ScreeningErrorCode.UNSUPPORTED,
        _("“%(name)s”是压缩包，不是 Word（.docx）或 Excel（.xlsx）文件，无法检查，请分别上传其中的文件。")
        % {"name": name},
    )


def _extract_docx(data: bytes, name: str) -> Extracted:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    builder = _Builder(DOCX, name)
    paragraph_tag = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
    paragraph_number = 0
    table_number = 0
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph_number += 1
            builder.add(Paragraph(element, document).text, _("段落%(number)d") % {"number": paragraph_number})
        elif tag == "tbl":
            table_number += 1
            _add_table(builder, Table(element, document), _("表格%(number)d") % {"number": table_number})
    # Text boxes (often holding the red-header title or a secrecy marking) are not part of paragraph text.
    text_box_tag = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}txbxContent"
    for number, box in enumerate(document.element.body.iter(text_box_tag), start=1):
        box_text = "\n".join(Paragraph(paragraph, document).text for paragraph in box.iterchildren(paragraph_tag))
        if box_text.strip():
            builder.add(box_text, _("文本框%(number)d") % {"number": number})
    for section_number, section in enumerate(document.sections, start=1):
        for part, label in ((section.header, _("页眉")), (section.footer, _("页脚"))):
            if part.is_linked_to_previous and section_number > 1:
                continue
            for paragraph in part.paragraphs:
                if paragraph.text.strip():
                    builder.add(paragraph.text, label)
            for table in part.tables:
                _add_table(builder, table, label)
    return builder.build()


def _add_table(builder: _Builder, table, table_label: str) -> None:
    for row_number, row in enumerate(table.rows, start=1):
        seen = set()
        for column_number, cell in enumerate(row.cells, start=1):
            if id(cell._tc) in seen:  # a merged cell is returned once per grid column
                continue
            seen.add(id(cell._tc))
            label = _("%(table)s 第%(row)d行第%(column)d列") % {
                "table": table_label,
                "row": row_number,
                "column": column_number,
            }
            builder.add(cell.text, label, separator="\t" if column_number > 1 else "\n")


def _cell_text(value) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


def _extract_xlsx(data: bytes, name: str) -> Extracted:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    builder = _Builder(XLSX, name)
    try:
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                first_in_row = True
                for cell in row:
                    value = getattr(cell, "value", None)
                    if value is None or value == "":
                        continue
                    label = _("工作表%(sheet)s!%(cell)s") % {"sheet": sheet.title, "cell": cell.coordinate}
                    builder.add(_cell_text(value), label, separator="\n" if first_in_row else "\t")
                    first_in_row = False
    finally:
        workbook.close()
    return builder.build()
