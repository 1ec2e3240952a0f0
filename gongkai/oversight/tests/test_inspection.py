"""Self-inspection rules at their thresholds, link checks against a local server, and the findings' lifecycle."""

import json
import threading
import uuid
from datetime import date, timedelta
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from gongkai.core.errors import AccessDenied
from gongkai.oversight import inspection
from gongkai.oversight.inspection import FindingData, months_before, predicted
from gongkai.oversight.linkcheck import PoliteClient
from gongkai.oversight.models import Finding, FindingStatus, NationalIndicator, ProblemSource
from gongkai.oversight.services import create_notice, problem_from_finding, run_inspection
from gongkai.publishing.models import Attachment, Column, ColumnKind, Record
from gongkai.screening.models import Finding as ScreeningFinding

TODAY = date(2026, 6, 15)


@pytest.fixture
def column(department):
    def make(name, slug=None, kind=ColumnKind.CUSTOM, organization=None):
        return Column.objects.create(
            organization=organization or department, name=name, slug=slug or f"c{uuid.uuid4().hex[:8]}", kind=kind
        )

    return make


@pytest.fixture
def in_column(publish):
    def make(column, published_on, **fields):
        record = publish(column.organization, published_on, **fields)
        record.columns.add(column)
        return record

    return make


def found(organization, indicator=None, today=TODAY):
    rows = inspection.inspect([organization.pk], today, external=False)
    return [row for row in rows if indicator is None or row.indicator == indicator]


@pytest.mark.parametrize(("days", "stale"), [(13, False), (14, True)])
def test_home_page_not_updated_for_two_weeks_is_a_veto(department, column, in_column, days, stale):
    in_column(column("工作动态"), TODAY - timedelta(days=days))
    rows = found(department, NationalIndicator.HOME_STALE)
    assert bool(rows) is stale
    if stale:
        assert rows[0].veto is True


@pytest.mark.parametrize(("days", "stale"), [(13, False), (14, True)])
def test_news_column_threshold_is_two_weeks(department, column, in_column, publish, days, stale):
    news = column("工作动态")
    in_column(news, TODAY - timedelta(days=days))
    publish(department, TODAY)  # keeps the home page fresh
    rows = found(department, NationalIndicator.COLUMN_STALE)
    assert [row.target for row in rows] == (["工作动态"] if stale else [])


@pytest.mark.parametrize(("offset", "stale"), [(-1, False), (0, False), (1, True)])
def test_notice_column_threshold_is_six_months(department, column, in_column, offset, stale):
    notices = column("通知公告", slug="notices", kind=ColumnKind.STATUTORY)
    six_months = months_before(TODAY, 6)
    assert six_months == date(2025, 12, 15)
    in_column(notices, six_months - timedelta(days=offset))
    rows = found(department, NationalIndicator.COLUMN_STALE)
    assert bool(rows) is stale


def test_months_before_clamps_to_the_end_of_a_short_month():
    assert months_before(date(2026, 8, 31), 6) == date(2026, 2, 28)


@pytest.mark.parametrize(("blank", "veto"), [(4, False), (5, True)])
def test_five_blank_columns_are_a_veto(department, column, in_column, blank, veto):
    in_column(column("工作动态"), TODAY)
    for number in range(blank):
        column(f"空栏目{number}")
    column("五公开", kind=ColumnKind.STAGE)  # a listing view is never blank
    rows = found(department, NationalIndicator.BLANK_COLUMN)
    assert len([row for row in rows if not row.veto]) == blank
    assert [row.veto for row in rows if row.veto] == ([True] if veto else [])


def test_parent_columns_are_not_blank_when_their_children_hold_the_records(department, column, in_column):
    parent = column("法定主动公开内容")
    child = column("政策文件", slug="policies")
    child.parent = parent
    child.save()
    in_column(child, TODAY)
    assert found(department, NationalIndicator.BLANK_COLUMN) == []


def test_five_stale_columns_add_a_veto(department, column, in_column, publish):
    for number in range(5):
        in_column(column(f"要闻{number}"), TODAY - timedelta(days=20))
    publish(department, TODAY)
    rows = found(department, NationalIndicator.COLUMN_STALE)
    assert len(rows) == 6
    assert sum(row.veto for row in rows) == 1


def test_internal_links_are_checked_against_the_site(department, column, in_column, publish):
    target = publish(department, TODAY)
    withdrawn = publish(department, TODAY)
    Record.objects.filter(pk=withdrawn.pk).update(status="withdrawn")
    attachment = f"/records/{target.pk}/attachments/{uuid.uuid4()}/"
    body = (
        f'<p><a href="/records/{target.pk}/">好</a> <a href="/records/{withdrawn.pk}/">撤回</a>'
        f' <a href="/no-such-page/">坏</a> <a href="/records/0/">零号</a> <a href="http://127.0.0.1/records/{target.pk}/">本站全称</a>'
        f' <a href="{attachment}">附件</a> <a href="mailto:a@b.cn">信箱</a></p>'
    )
    in_column(column("通知公告"), TODAY, body=body)
    rows = found(department, NationalIndicator.BROKEN_LINK)
    assert sorted(row.url for row in rows) == sorted(
        [f"/records/{withdrawn.pk}/", "/no-such-page/", "/records/0/", attachment]
    )
    assert all(row.veto is False for row in rows)


class Handler(BaseHTTPRequestHandler):
    seen: list = []

    def do_HEAD(self):  # noqa: N802 - the http.server API
        Handler.seen.append(("HEAD", self.path, self.headers.get("User-Agent")))
        if self.path == "/head-refused":
            self.send_response(405)
        else:
            self.send_response(200 if self.path.startswith("/ok") else 404)
        self.end_headers()

    def do_GET(self):  # noqa: N802
        Handler.seen.append(("GET", self.path, self.headers.get("User-Agent")))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Handler.seen = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_external_links_use_the_polite_client(settings, department, column, in_column, local_server):
    settings.ALLOWED_HOSTS = ["gongkai.example"]
    settings.GONGKAI_OVERSIGHT_LINK_DELAY = 0
    body = " ".join(f'<a href="{local_server}/{path}">链接</a>' for path in ("ok", "gone", "head-refused"))
    in_column(column("通知公告"), TODAY, body=body)
    rows = [row for row in inspection.inspect([department.pk], TODAY, external=True) if row.indicator == "broken_link"]
    assert [row.url for row in rows] == [f"{local_server}/gone"]
    assert "HTTP 404" in rows[0].detail
    assert ("GET", "/head-refused") in [(method, path) for method, path, _agent in Handler.seen]
    assert all(agent.startswith("Gongkai-SelfInspection") for *_rest, agent in Handler.seen)
    # switched off: no request at all
    Handler.seen = []
    inspection.inspect([department.pk], TODAY, external=False)
    assert Handler.seen == []


def test_polite_client_waits_between_requests_to_one_host_and_stops_at_its_limit(local_server):
    pauses, now = [], [100.0]
    client = PoliteClient(limit=2, delay=1.5, timeout=2, sleep=pauses.append, clock=lambda: now[0])
    assert client.check(f"{local_server}/ok/1") is None
    assert client.check(f"{local_server}/ok/2") is None
    assert client.check(f"{local_server}/gone") is None  # over the limit: not requested, not reported
    assert pauses == [1.5]
    assert [path for _method, path, _agent in Handler.seen] == ["/ok/1", "/ok/2"]


def test_missing_attachment_file_is_found(department, column, in_column, admin_person):
    record = in_column(column("通知公告"), TODAY)
    Attachment.objects.create(
        record=record,
        file="publishing/aa/missing.pdf",
        original_name="实施方案.pdf",
        kind="pdf",
        content_type="application/pdf",
        extension=".pdf",
        size=10,
        sha256="0" * 64,
        uploaded_by=admin_person,
    )
    rows = found(department, NationalIndicator.MISSING_ATTACHMENT)
    assert [row.target for row in rows] == ["实施方案.pdf"]


def test_published_secret_marking_is_a_veto_and_privacy_a_deduction(department, column, in_column):
    record = in_column(column("通知公告"), TODAY)
    common = {
        "content_type": ContentType.objects.get_for_model(Record),
        "object_id": str(record.pk),
        "organization": department,
        "location": "body",
        "start": 0,
        "end": 2,
        "severity": "block",
    }
    ScreeningFinding.objects.create(**common, kind="secret_marking", text="机密★")
    ScreeningFinding.objects.create(**common, kind="mobile", text="13912345678")
    ScreeningFinding.objects.create(**common, kind="mobile", text="13912345679", status="accepted")
    rows = [row for row in found(department) if row.indicator in ("content_safety", "privacy")]
    assert sorted((row.indicator, row.veto) for row in rows) == [("content_safety", True), ("privacy", False)]


def test_predicted_result_at_the_pass_mark():
    def deductions(count):
        return [FindingData(1, NationalIndicator.BROKEN_LINK, False, f"k{n}", "t", "", "d") for n in range(count)]

    assert predicted(deductions(40)) == {"veto": False, "score": Decimal(60), "passed": True}
    assert predicted(deductions(41))["passed"] is False
    veto = FindingData(1, NationalIndicator.HOME_STALE, True, "home", "t", "", "d")
    assert predicted([veto]) == {"veto": True, "score": Decimal(100), "passed": False}


def test_runs_keep_one_finding_while_seen_and_resolve_it_when_gone(department, column, in_column, office):
    blank = column("空栏目")
    in_column(column("工作动态"), TODAY)
    run_inspection(actor=office, organization=department, today=TODAY)
    first = Finding.objects.get(indicator=NationalIndicator.BLANK_COLUMN)
    run_inspection(actor=office, organization=department, today=TODAY + timedelta(days=1))
    first.refresh_from_db()
    assert Finding.objects.filter(indicator=NationalIndicator.BLANK_COLUMN).count() == 1
    assert first.last_seen_on == TODAY + timedelta(days=1)
    in_column(blank, TODAY + timedelta(days=1))
    run_inspection(actor=office, organization=department, today=TODAY + timedelta(days=2))
    first.refresh_from_db()
    assert first.status == FindingStatus.RESOLVED
    assert first.resolved_on == TODAY + timedelta(days=2)


def test_a_finding_becomes_a_problem_in_one_click_once(department, column, office, government):
    column("空栏目")
    run_inspection(actor=office, organization=department, today=TODAY)
    finding = Finding.objects.get(indicator=NationalIndicator.BLANK_COLUMN, veto=False)
    notice = create_notice(issuer=government, title="网站自查问题整改通报", actor=office)
    problem = problem_from_finding(finding=finding, notice=notice, actor=office)
    assert problem.source == ProblemSource.INSPECTION
    assert problem.organization == department
    assert problem.description.startswith("【空白栏目】空栏目")
    with pytest.raises(Exception, match="已经列入"):
        problem_from_finding(finding=Finding.objects.get(pk=finding.pk), notice=notice, actor=office)
    assert notice.problems.count() == 1


def test_only_the_office_runs_inspection(clerk, department):
    with pytest.raises(AccessDenied):
        run_inspection(actor=clerk, organization=department)


def test_inspect_command_prints_the_contract_and_exits_1_on_a_veto(department, column, capsys):
    for number in range(5):
        column(f"空栏目{number}")
    with pytest.raises(SystemExit) as exit_info:
        call_command("oversight", "inspect", "--org", department.credit_code, "--json")
    assert exit_info.value.code == 1
    rows = json.loads(capsys.readouterr().out)
    assert set(rows[0]) == {"organization", "indicator", "veto", "target", "url", "detail"}
    assert rows[0]["organization"] == "示范区民政局"
    assert any(row["veto"] and row["indicator"] == "空白栏目" for row in rows)
