from gongkai.core.models import AuditEntry
from gongkai.screening.kinds import Kind
from gongkai.screening.lexicon import EMPTY
from gongkai.screening.models import Finding
from gongkai.screening.selectors import blocking_findings, findings_for, unacknowledged_warnings
from gongkai.screening.services import accept_finding, mark_fixed, screen_target

from .helpers import id_number

BODY = "低保名单：张三，身份证号{id}，联系电话13812345678，邮箱 zs@example.com。"


def body():
    return BODY.format(id=id_number())


def test_screen_target_stores_findings_with_exact_spans(department, clerk):
    text = body()
    findings = screen_target(target=department, texts=[("body", text)], organization=department, actor=clerk)
    assert [(finding.kind, finding.text) for finding in findings] == [
        (Kind.ID_CARD, id_number()),
        (Kind.MOBILE, "13812345678"),
        (Kind.EMAIL, "zs@example.com"),
    ]
    for finding in findings:
        assert text[finding.start : finding.end] == finding.text
        assert finding.organization == department
    assert blocking_findings(department).count() == 2
    assert unacknowledged_warnings(department).count() == 1
    assert AuditEntry.objects.filter(action="screening.target.screened", target_id=str(department.pk)).count() == 1


def test_rescreening_keeps_accepted_decision_and_reopens_nothing(department, reviewer):
    findings = screen_target(target=department, texts=[("body", body())], organization=department)
    mobile = next(finding for finding in findings if finding.kind == Kind.MOBILE)
    accept_finding(finding=mobile, reason="单位公开的值班电话", actor=reviewer)
    screen_target(target=department, texts=[("body", "前言。" + body())], organization=department, lexicon=EMPTY)
    mobile.refresh_from_db()
    assert mobile.status == Finding.Status.ACCEPTED
    assert mobile.start == body().index("13812345678") + 3
    assert mobile.decided_by == reviewer
    assert blocking_findings(department).count() == 1
    assert Finding.objects.filter(kind=Kind.MOBILE).count() == 1


def test_finding_no_longer_seen_stops_counting(department, reviewer):
    screen_target(target=department, texts=[("body", body())], organization=department)
    screen_target(target=department, texts=[("body", "已全部脱敏。")], organization=department)
    assert findings_for(department).count() == 0
    past = findings_for(department, include_past=True)
    assert past.count() == 3
    assert {finding.status for finding in past} == {Finding.Status.FIXED}


def test_fixed_finding_found_again_is_reopened(department, clerk):
    findings = screen_target(target=department, texts=[("body", body())], organization=department)
    email = next(finding for finding in findings if finding.kind == Kind.EMAIL)
    mark_fixed(finding=email, actor=clerk)
    screen_target(target=department, texts=[("body", body())], organization=department)
    email.refresh_from_db()
    assert email.status == Finding.Status.OPEN


def test_attachment_findings_carry_page_or_cell(department):
    from gongkai.screening.extraction import Extracted

    extracted = Extracted(
        text="第一页内容\n\f电话13812345678", content_type="application/pdf", starts=[0, 7], labels=["第1页", "第2页"]
    )
    findings = screen_target(target=department, texts=[("attachment:7", extracted)], organization=department)
    assert [(f.location, f.location_detail, f.start) for f in findings] == [("attachment:7", "第2页", 9)]


def test_accepting_and_fixing_clears_the_blocking_rule(department, reviewer, clerk):
    findings = screen_target(target=department, texts=[("body", body())], organization=department)
    by_kind = {finding.kind: finding for finding in findings}
    accept_finding(finding=by_kind[Kind.MOBILE], reason="单位值班电话", actor=reviewer)
    assert blocking_findings(department).count() == 1
    mark_fixed(finding=by_kind[Kind.ID_CARD], actor=reviewer)
    assert not blocking_findings(department).exists()
    assert unacknowledged_warnings(department).count() == 1
    accept_finding(finding=by_kind[Kind.EMAIL], reason="单位公开邮箱", actor=clerk)
    assert not unacknowledged_warnings(department).exists()


def test_screen_target_requires_a_saved_target_with_an_organization(department):
    import pytest

    from gongkai.orgs.models import Organization
    from gongkai.screening.errors import ScreeningError

    with pytest.raises(ScreeningError):
        screen_target(target=Organization(name="未保存"), texts=[("body", body())], organization=department)
    assert not Finding.objects.exists()


def test_screening_actions_have_readable_labels():
    from gongkai.core.audit import action_label

    assert action_label("screening.finding.accepted") == "确认预审问题无问题"
    assert action_label("screening.scan_run.finished") == "完成全站复查"
