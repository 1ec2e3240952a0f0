"""The managed lexicon: one-pass matching, expression corrections, cache rebuilt on change, imports."""

import io

import openpyxl
import pytest

from gongkai.core.models import AuditEntry
from gongkai.screening.detectors import scan
from gongkai.screening.errors import ScreeningError
from gongkai.screening.importing import export_table
from gongkai.screening.kinds import Kind, Severity
from gongkai.screening.lexicon import LexiconSnapshot, Term, current_lexicon
from gongkai.screening.models import Expression, Lexicon
from gongkai.screening.services import (
    create_expression,
    create_lexicon_entry,
    import_expressions,
    import_lexicon,
    update_lexicon_entry,
)


def snapshot(*terms):
    return LexiconSnapshot(list(terms), version="test")


def test_sensitive_terms_are_found_longest_first_with_exact_offsets():
    lexicon = snapshot(
        Term(Kind.SENSITIVE, "赌博", Severity.BLOCK, "illegal", "违法违规"),
        Term(Kind.SENSITIVE, "网络赌博", Severity.BLOCK, "illegal", "违法违规"),
    )
    detections = scan("严厉打击网络赌博和赌博活动", lexicon=lexicon)
    assert [(d.kind, d.text, d.start, d.end, d.severity) for d in detections] == [
        (Kind.SENSITIVE, "网络赌博", 4, 8, Severity.BLOCK),
        (Kind.SENSITIVE, "赌博", 9, 11, Severity.BLOCK),
    ]


def test_expression_reports_the_correction():
    lexicon = snapshot(
        Term(Kind.EXPRESSION, "国家工商总局", Severity.WARN, "outdated_name", "过时的机构名称", "国家市场监督管理总局")
    )
    detections = scan("根据国家工商总局的要求", lexicon=lexicon)
    assert [(d.kind, d.text, d.start, d.suggestion) for d in detections] == [
        (Kind.EXPRESSION, "国家工商总局", 2, "国家市场监督管理总局")
    ]
    assert "国家市场监督管理总局" in detections[0].message


def test_expression_already_written_correctly_is_not_reported():
    lexicon = snapshot(Term(Kind.EXPRESSION, "卫生局", Severity.WARN, "outdated_name", "过时的机构名称", "卫生健康局"))
    assert scan("区卫生健康局", lexicon=lexicon) == []
    lexicon = snapshot(
        Term(Kind.EXPRESSION, "一带一路倡议", Severity.WARN, "fixed_phrase", "固定提法错误", "“一带一路”倡议")
    )
    assert scan("共建“一带一路”倡议", lexicon=lexicon) == []


def test_current_lexicon_is_cached_and_rebuilt_after_a_change(office):
    entry = create_lexicon_entry(term="违禁词甲", severity=Severity.BLOCK, actor=office)
    first = current_lexicon()
    assert current_lexicon() is first
    assert [d.text for d in scan("含违禁词甲")] == ["违禁词甲"]
    update_lexicon_entry(entry=entry, enabled=False, actor=office)
    assert current_lexicon() is not first
    assert scan("含违禁词甲") == []


def test_clerk_cannot_manage_the_lexicon(clerk):
    from gongkai.core.errors import AccessDenied

    with pytest.raises(AccessDenied):
        create_lexicon_entry(term="词", actor=clerk)
    assert not Lexicon.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="screening.lexicon").exists()


def test_duplicate_expression_and_identical_correction_are_refused(office):
    create_expression(wrong="国家卫计委", right="国家卫生健康委员会", actor=office)
    with pytest.raises(ScreeningError) as duplicate:
        create_expression(wrong="国家卫计委", right="别的", actor=office)
    assert "已存在" in duplicate.value.message
    with pytest.raises(ScreeningError):
        create_expression(wrong="相同", right="相同", actor=office)
    assert Expression.objects.count() == 1


CSV_OK = "词条,类别,严重程度,启用,说明\n赌博,违法违规,阻止发布,是,\n色情,低俗色情,block,否,停用示例\n"
CSV_BAD = (
    "词条,类别,严重程度,启用\n,违法违规,阻止发布,是\n赌博,不存在,阻止发布,是\n"
    "色情,低俗色情,很严重,也许\n赌博,其他,提示,是\n"
)


def test_import_lexicon_csv_creates_and_then_updates(office):
    report = import_lexicon(file=io.BytesIO(CSV_OK.encode("utf-8-sig")), filename="词库.csv", actor=office)
    assert (report.rows, report.created, report.updated) == (2, 2, 0)
    assert Lexicon.objects.get(term="赌博").severity == Severity.BLOCK
    assert Lexicon.objects.get(term="色情").enabled is False
    again = import_lexicon(file=io.BytesIO(CSV_OK.replace("阻止发布", "提示").encode("gb18030")), actor=office)
    assert (again.created, again.updated, again.unchanged) == (0, 1, 1)
    assert Lexicon.objects.get(term="赌博").severity == Severity.INFO


def test_import_is_all_or_nothing_and_reports_every_bad_row(office):
    with pytest.raises(ScreeningError) as failure:
        import_lexicon(file=io.BytesIO(CSV_BAD.encode()), filename="bad.csv", actor=office)
    errors = [(e.row, e.column) for e in failure.value.errors]
    assert errors == [(2, "词条"), (3, "类别"), (4, "严重程度"), (4, "启用"), (5, "词条")]
    assert "第3行" in str(failure.value.errors[1])
    assert not Lexicon.objects.exists()


def test_import_dry_run_changes_nothing(office):
    report = import_lexicon(file=io.BytesIO(CSV_OK.encode()), actor=office, dry_run=True)
    assert report.created == 2
    assert not Lexicon.objects.exists()


def test_expressions_round_trip_through_excel_export_and_import(office):
    create_expression(wrong="国家工商总局", right="国家市场监督管理总局", category="outdated_name", actor=office)
    data = export_table(Expression.objects.all(), kind="expression", file_format="xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    assert [cell.value for cell in sheet[2]][:4] == ["国家工商总局", "国家市场监督管理总局", "过时的机构名称", "需确认"]
    report = import_expressions(file=io.BytesIO(data), filename="x.xlsx", actor=office)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
