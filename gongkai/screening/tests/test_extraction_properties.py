"""Property tests of the text extractors: any bytes — random, or dressed as PDF, ZIP/Office or OLE — give either the
text or a ScreeningError with a readable message, never another exception; text written into a real .docx or .xlsx
comes back out."""

import io
import zipfile

import docx
import openpyxl
from hypothesis import example, given, settings
from hypothesis import strategies as st

from gongkai.screening.errors import ScreeningError
from gongkai.screening.extraction import OLE_MAGIC, PDF_MAGIC, ZIP_MAGIC, extract

PROPERTY = settings(max_examples=60, deadline=None)
OFFICE_MEMBERS = ["[Content_Types].xml", "word/document.xml", "xl/workbook.xml", "xl/sharedStrings.xml", "other.bin"]
# Text a document can hold: no control characters (Word and Excel refuse them), no lone surrogates.
DOCUMENT_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(str.strip)


def extract_or_refuse(data: bytes) -> str | None:
    refusal = None
    try:
        return extract(io.BytesIO(data), filename="附件").text
    except ScreeningError as error:
        refusal = error
    assert refusal.message.strip()
    assert refusal.code.startswith("screening.")
    return None


@PROPERTY
@given(
    prefix=st.sampled_from([b"", PDF_MAGIC, ZIP_MAGIC, OLE_MAGIC, b"\xef\xbb\xbf", b"\xff\xfe"]),
    body=st.binary(max_size=2000),
)
def test_any_bytes_give_text_or_a_clear_refusal(prefix, body):
    text = extract_or_refuse(prefix + body)
    assert text is None or isinstance(text, str)


@PROPERTY
@given(members=st.lists(st.tuples(st.sampled_from(OFFICE_MEMBERS), st.binary(max_size=400)), max_size=4))
def test_any_zip_archive_gives_text_or_a_clear_refusal(members):
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        for name, data in members:
            archive.writestr(name, data)
    text = extract_or_refuse(stream.getvalue())
    assert text is None or isinstance(text, str)


@PROPERTY
@given(paragraphs=st.lists(DOCUMENT_TEXT, min_size=1, max_size=4))
def test_text_written_into_a_docx_comes_back(paragraphs):
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    stream = io.BytesIO()
    document.save(stream)
    text = extract_or_refuse(stream.getvalue())
    assert text is not None
    for paragraph in paragraphs:
        assert paragraph.strip() in text


@PROPERTY
@given(cells=st.lists(DOCUMENT_TEXT, min_size=1, max_size=4))
@example(cells=["=0", "+1", "@低保"])  # text that looks like a formula (found by a random run)
def test_text_written_into_an_xlsx_comes_back(cells):
    workbook = openpyxl.Workbook()
    for column, value in enumerate(cells, start=1):
        # Stored as text, as Excel and WPS store what a person types: openpyxl would otherwise write "=0" as a formula
        # with no computed value, which no spreadsheet program saves.
        cell = workbook.active.cell(row=1, column=column, value=value)
        cell.data_type = "s"
    stream = io.BytesIO()
    workbook.save(stream)
    text = extract_or_refuse(stream.getvalue())
    assert text is not None
    for cell in cells:
        assert cell.strip() in text
