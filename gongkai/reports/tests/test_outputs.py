"""The report as JSON, HTML, Word and PDF, read back; the `gongkai report annual` command."""

import io
import json
import shutil
import subprocess

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.reports import tables as t
from gongkai.reports.rendering.document import build_document
from gongkai.reports.rendering.outputs import as_data, as_docx, as_html, as_pdf
from gongkai.reports.selectors import current_report
from gongkai.reports.services import create_report, set_override

from .scenario import YEAR, request

REQUESTS = t.TABLE_TITLES[t.TABLE_REQUESTS]
ACTIVE = t.TABLE_TITLES[t.TABLE_ACTIVE]
REVIEWS = t.TABLE_TITLES[t.TABLE_REVIEWS]


@pytest.fixture
def document(data):
    return build_document(current_report(organization=data, year=YEAR))


def test_json_holds_the_tables_keyed_by_official_labels(document):
    payload = as_data(document)
    requests = payload["tables"][REQUESTS]
    assert requests["一、本年新收政府信息公开申请数量"] == {
        "自然人": 1,
        "商业企业": 2,
        "科研机构": 0,
        "社会公益组织": 1,
        "法律服务机构": 1,
        "其他": 1,
        "总计": 6,
    }
    assert requests["三、本年度办理结果"]["（三）不予公开"]["4.保护第三方合法权益"]["总计"] == 1
    assert requests["三、本年度办理结果"]["（七）总计"]["总计"] == 5
    assert requests["四、结转下年度继续办理"]["总计"] == 3
    active = payload["tables"][ACTIVE]
    assert active["第二十条第（一）项"]["规章"] == {"本年制发件数": 2, "本年废止件数": 1, "现行有效件数": 2}
    assert active["第二十条第（五）项"]["行政许可"]["本年处理决定数量"] == 42
    assert active["第二十条第（八）项"]["行政事业性收费"]["本年收费金额（单位：万元）"] == 1.255
    reviews = payload["tables"][REVIEWS]
    assert reviews["行政复议"] == {"结果维持": 1, "结果纠正": 0, "其他结果": 0, "尚未审结": 1, "总计": 2}
    assert reviews["行政诉讼"]["复议后起诉"]["其他结果"] == 1
    assert payload["failed_checks"] == []
    assert payload["sections"]["一、总体情况"].startswith("2025年，示范区民政局")


def test_html_has_the_merged_official_header(document):
    html = as_html(document).decode()
    assert 'colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>' in html
    assert '<th colspan="5" scope="colgroup">法人或其他组织</th>' in html
    assert '<th colspan="5" rowspan="2" scope="colgroup">行政复议</th>' in html
    assert '<th rowspan="22" scope="rowgroup">三、本年度办理结果</th>' in html


def test_word_document_has_the_official_layout_and_figures(document):
    from docx import Document

    word = Document(io.BytesIO(as_docx(document)))
    assert word.paragraphs[0].text == "示范区民政局2025年政府信息公开工作年度报告"
    active, requests, reviews = word.tables
    # Merged cells repeat their text in every grid position they cover.
    assert [cell.text for cell in requests.rows[0].cells[:4]] == [t.BALANCE_NOTE] * 3 + ["申请人情况"]
    assert requests.rows[1].cells[4].text == "法人或其他组织"
    assert requests.rows[1].cells[8].text == "法人或其他组织"
    new_row = [cell.text for cell in requests.rows[3].cells]
    assert new_row == [t.NEW] * 3 + ["1", "2", "0", "1", "1", "1", "6"]
    carried_out = [cell.text for cell in requests.rows[-1].cells]
    assert carried_out[3:] == ["0", "2", "1", "0", "0", "0", "3"]
    assert [cell.text for cell in active.rows[2].cells] == ["规章", "2", "1", "2"]
    assert active.rows[-1].cells[1].text == "1.255"
    assert [cell.text for cell in reviews.rows[3].cells][:5] == ["1", "0", "0", "1", "2"]
    assert len(reviews.columns) == 15


def test_pdf_embeds_the_cjk_font_and_reads_back(document, tmp_path):
    if not shutil.which("pdffonts") or not shutil.which("pdftotext"):
        pytest.fail("poppler-utils (pdffonts, pdftotext) must be installed: run scripts/system-deps")
    path = tmp_path / "report.pdf"
    path.write_bytes(as_pdf(document))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout  # noqa: S603,S607
    for family in ("FandolSong-Bold", "FandolHei", "FandolFang"):  # title 小标宋, headings 黑体, body 仿宋
        assert f"+{family}" in fonts
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout  # noqa: S603,S607
    # The 2号 title wraps after 20 characters, as the national format's type area makes it.
    assert "示范区民政局2025年政府信息公开工作年度报告" in "".join(text.split())
    assert "本年新收政府信息公开申请数量" in text
    assert "结转下年度继续办理" in text


def test_overrides_are_marked_in_every_output(data, clerk):
    report = create_report(organization=data, year=YEAR, actor=clerk)
    set_override(report=report, actor=clerk, cell=request(t.NEW, "自然人"), value="2", reason="含纸质申请1件")
    set_override(report=report, actor=clerk, cell=request(t.RESULT_TOTAL_ROW, "自然人"), value="3", reason="含纸质申请")
    document = build_document(current_report(organization=data, year=YEAR))
    assert [note.reason for note in document.overrides] == ["含纸质申请1件", "含纸质申请"]
    assert 'class="figure overridden"' in as_html(document).decode()
    payload = as_data(document)
    assert payload["tables"][REQUESTS]["一、本年新收政府信息公开申请数量"]["总计"] == 7
    assert payload["overrides"][0]["computed_value"] == "1"
    # 自然人 balances (2 + 1 = 3 + 0) but its （七）总计 is not the sum of its results, and the 总计 column no longer
    # balances (7 + 2 ≠ 5 + 3) nor adds up across the row.
    assert [(failure["rule"], failure["label"]) for failure in payload["failed_checks"]] == [
        ("balance", "表三“（七）总计”行“总计”列"),
        ("result_total", "表三“（七）总计”行“自然人”列"),
        ("total_column", "表三“（七）总计”行“总计”列"),
    ]


@pytest.mark.parametrize("output_format", ["json", "html", "docx", "pdf"])
def test_command_writes_each_format(data, tmp_path, output_format):
    path = tmp_path / f"report.{output_format}"
    call_command(
        "report", "annual", "--org", data.credit_code, "--year", str(YEAR), "--format", output_format, "-o", str(path)
    )
    content = path.read_bytes()
    assert content
    if output_format == "json":
        assert json.loads(content)["tables"][REQUESTS]["一、本年新收政府信息公开申请数量"]["总计"] == 6
    elif output_format == "pdf":
        assert content.startswith(b"%PDF")
    elif output_format == "docx":
        assert content.startswith(b"PK")
    else:
        assert "申请人情况" in content.decode()


def test_command_accepts_the_organization_id_and_rejects_unknown(data, tmp_path):
    path = tmp_path / "r.json"
    call_command("report", "annual", "--org", str(data.pk), "--year", "2025", "--format", "json", "-o", str(path))
    assert json.loads(path.read_text())["organization"]["credit_code"] == data.credit_code
    with pytest.raises(CommandError, match="找不到机关"):
        call_command("report", "annual", "--org", "NOPE", "--year", "2025", "--format", "json", "-o", str(path))
