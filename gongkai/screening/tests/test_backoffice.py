"""Back-office pages of screening: the permission matrix, decisions, lexicon management, the check tool."""

import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from gongkai.core.models import AuditEntry
from gongkai.orgs.tests.factories import PASSWORD
from gongkai.screening.kinds import Kind
from gongkai.screening.models import Finding, Lexicon
from gongkai.screening.services import screen_target

from .helpers import id_number

PEOPLE = ["anonymous", "other_clerk", "clerk", "reviewer", "office", "admin_person"]


def client_for(client, request, who):
    if who != "anonymous":
        person = request.getfixturevalue(who)
        assert client.login(username=person.username, password=PASSWORD)
    return client


@pytest.fixture
def findings(department):
    text = f"低保名单：张三，身份证号{id_number()}，邮箱 zs@example.com。\n秘密★1年"
    return {f.kind: f for f in screen_target(target=department, texts=[("body", text)], organization=department)}


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("other_clerk", 403),
        ("clerk", 200),
        ("reviewer", 200),
        ("office", 200),
        ("admin_person", 200),
    ],
)
def test_finding_page_permission_matrix(client, request, findings, who, status):
    response = client_for(client, request, who).get(
        reverse("backoffice:screening:finding", kwargs={"finding_id": findings[Kind.ID_CARD].pk})
    )
    assert response.status_code == status
    if status == 200:
        assert '<mark class="finding finding-block">' + id_number() + "</mark>" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("other_clerk", False), ("clerk", False), ("reviewer", True), ("office", True), ("admin_person", True)],
)
def test_accepting_a_blocking_finding_matrix(client, request, findings, who, allowed):
    finding = findings[Kind.ID_CARD]
    url = reverse("backoffice:screening:decide", kwargs={"finding_id": finding.pk, "decision": "accept"})
    response = client_for(client, request, who).post(url, {"reason": "已取得本人书面同意公开"})
    finding.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert finding.status == Finding.Status.ACCEPTED
        assert finding.reason == "已取得本人书面同意公开"
        assert AuditEntry.objects.filter(action="screening.finding.accepted", target_id=str(finding.pk)).count() == 1
    else:
        assert response.status_code == 403
        assert finding.status == Finding.Status.OPEN
        assert not AuditEntry.objects.filter(action="screening.finding.accepted").exists()


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("clerk", False), ("reviewer", False), ("confidentiality_officer", True), ("office", True)],
)
def test_only_confidentiality_officer_or_office_may_accept_a_secret_marking(client, request, findings, who, allowed):
    finding = findings[Kind.SECRET_MARKING]
    url = reverse("backoffice:screening:decide", kwargs={"finding_id": finding.pk, "decision": "accept"})
    response = client_for(client, request, who).post(url, {"reason": "已解密，见解密通知"})
    finding.refresh_from_db()
    assert (finding.status == Finding.Status.ACCEPTED) is allowed
    assert response.status_code == (302 if allowed else 403)


def test_clerk_acknowledges_a_warning_and_reason_is_required(client, clerk, findings):
    client.force_login(clerk)
    email = findings[Kind.EMAIL]
    url = reverse("backoffice:screening:decide", kwargs={"finding_id": email.pk, "decision": "accept"})
    response = client.post(url, {"reason": ""}, follow=True)
    email.refresh_from_db()
    assert email.status == Finding.Status.OPEN
    assert "请填写确认无问题的理由" in response.content.decode()
    client.post(url, {"reason": "单位公开的工作邮箱"})
    email.refresh_from_db()
    assert (email.status, email.decided_by) == (Finding.Status.ACCEPTED, clerk)


def test_target_page_lists_findings_with_spans_and_is_denied_to_other_organizations(
    client, clerk, other_clerk, findings
):
    content_type = ContentType.objects.get_for_model(findings[Kind.ID_CARD].organization)
    url = reverse(
        "backoffice:screening:target",
        kwargs={"content_type_id": content_type.pk, "object_id": str(findings[Kind.ID_CARD].object_id)},
    )
    client.force_login(other_clerk)
    assert client.get(url).status_code == 403
    client.force_login(clerk)
    page = client.get(url).content.decode()
    assert "阻止发布 2 处" in page
    assert '<mark class="finding finding-warn">zs@example.com</mark>' in page


def test_dashboard_counts_per_organization_only_for_visible_organizations(client, clerk, other_clerk, findings):
    client.force_login(clerk)
    page = client.get(reverse("backoffice:screening:index"))
    assert page.status_code == 200
    assert [(row["organization_id"], row["open_blocking"], row["open_warnings"]) for row in page.context["rows"]] == [
        (findings[Kind.ID_CARD].organization_id, 2, 1)
    ]
    client.force_login(other_clerk)
    assert client.get(reverse("backoffice:screening:index")).context["rows"] == []


def test_findings_list_query_count_is_bounded(client, office, department, django_assert_max_num_queries):
    texts = [(f"attachment:{number}", f"电话1381234567{number}") for number in range(5)]
    screen_target(target=department, texts=texts, organization=department)
    client.force_login(office)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("backoffice:screening:findings"), {"status": "open"})
    assert response.status_code == 200
    assert len(response.context["page"]) == 5


@pytest.mark.parametrize(("who", "status"), [("clerk", 403), ("reviewer", 403), ("office", 200), ("admin_person", 200)])
def test_lexicon_pages_are_for_the_office_and_administrators(client, request, who, status):
    response = client_for(client, request, who).get(
        reverse("backoffice:screening:entries", kwargs={"list_name": "lexicon"})
    )
    assert response.status_code == status


def test_office_adds_imports_and_exports_lexicon(client, office):
    client.force_login(office)
    url = reverse("backoffice:screening:entries", kwargs={"list_name": "lexicon"})
    client.post(url, {"term": "赌博", "category": "illegal", "severity": "block", "enabled": "on", "note": ""})
    assert Lexicon.objects.get(term="赌博").severity == "block"
    bad = io.BytesIO("词条,严重程度\n传销,很严重\n".encode())
    bad.name = "bad.csv"
    response = client.post(reverse("backoffice:screening:import", kwargs={"list_name": "lexicon"}), {"file": bad})
    assert response.context["errors"][0].row == 2
    assert Lexicon.objects.count() == 1
    export = client.get(reverse("backoffice:screening:export", kwargs={"list_name": "lexicon"}), {"format": "csv"})
    assert export.content.decode("utf-8-sig").splitlines() == [
        "词条,类别,严重程度,启用,说明",
        "赌博,违法违规,阻止发布,是,",
    ]


def test_check_tool_shows_spans_and_masked_text_without_storing(client, clerk):
    client.force_login(clerk)
    response = client.post(reverse("backoffice:screening:check"), {"text": "张三 13812345678"})
    page = response.content.decode()
    assert '<mark class="finding finding-block">13812345678</mark>' in page
    assert "张三 138****5678" in page
    assert not Finding.objects.exists()


def test_runs_page_entry_edit_and_workbench_panel(client, office, department, findings):
    from gongkai.screening.services import create_lexicon_entry

    client.force_login(office)
    assert client.get(reverse("backoffice:screening:runs")).status_code == 200
    entry = create_lexicon_entry(term="传销", actor=office)
    url = reverse("backoffice:screening:edit_entry", kwargs={"list_name": "lexicon", "entry_id": entry.pk})
    client.post(url, {"term": "传销", "category": "illegal", "severity": "block", "note": ""})
    entry.refresh_from_db()
    assert (entry.enabled, entry.severity, entry.category) == (False, "block", "illegal")
    home = client.get(reverse("backoffice:home")).content.decode()
    assert "阻止发布的预审问题" in home


def test_target_parameter_redirects_to_the_objects_findings(client, clerk, findings):
    client.force_login(clerk)
    target = f"orgs.organization:{findings[Kind.ID_CARD].object_id}"
    response = client.get(reverse("backoffice:screening:index"), {"target": target})
    assert response.status_code == 302
    assert client.get(response.url).context["blocking"] == 2
    assert client.get(reverse("backoffice:screening:index"), {"target": "nope.model:1"}).status_code == 404
    empty = client.get(reverse("backoffice:screening:index"), {"target": "orgs.organization:999999"}, follow=True)
    assert (empty.status_code, empty.context["findings"]) == (200, [])
