"""The one scan (detect, unreadable pages, mask) that the API, the back office, the command and screen_target share."""

import io

import weasyprint

from gongkai.screening.extraction import extract
from gongkai.screening.kinds import Kind, Severity
from gongkai.screening.lexicon import EMPTY
from gongkai.screening.scanning import mask_personal_data, scan_content

from .helpers import id_number


def test_a_text_is_detected_and_masked():
    number = id_number()
    result = scan_content(f"申请人身份证号{number}，电话13812345678。", lexicon=EMPTY)
    assert [detection.kind for detection in result.detections] == [Kind.ID_CARD, Kind.MOBILE]
    assert result.blocking == 2
    assert number not in result.masked
    assert "138****5678" in result.masked
    assert [result.location_of(detection) for detection in result.detections] == ["", ""]


def test_an_empty_content_scans_to_nothing():
    result = scan_content(None, lexicon=EMPTY)
    assert (result.text, result.detections, result.blocking, result.masked) == ("", [], 0, "")


def test_an_extracted_pdf_gets_locations_and_the_unreadable_page_warning():
    html = (
        "<p>电话13812345678</p><p style='page-break-before: always'><img alt='' src='data:,'></p>"
        "<p style='page-break-before: always'>第三页</p>"
    )
    extracted = extract(io.BytesIO(weasyprint.HTML(string=html).write_pdf()), filename="公示.pdf")
    result = scan_content(extracted, lexicon=EMPTY)
    assert [(d.kind, d.severity, result.location_of(d)) for d in result.detections] == [
        (Kind.MOBILE, Severity.BLOCK, "第1页"),
        (Kind.NO_TEXT, Severity.WARN, "第2页"),
    ]
    assert result.blocking == 1


def test_mask_personal_data_masks_personal_data_only(db):
    masked = mask_personal_data("绝密 联系电话13812345678")
    assert masked == "绝密 联系电话138****5678"
