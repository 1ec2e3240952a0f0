"""Back-office pages: the permission matrix, personal-data logging, letters, templates, statistics, the panel."""

import io
import subprocess
from datetime import date

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from gongkai.applications import services
from gongkai.applications.models import Application, LetterTemplate, Outcome, Status
from gongkai.core.models import AuditEntry

from .factories import make_application

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "other_clerk", "clerk", "reviewer", "office", "admin_person"]


@pytest.fixture
def application(clerk, department):
    return make_application(actor=clerk, organization=department)


def login_as(client, request, role):
    if role == "anonymous":
        return None
    person = request.getfixturevalue(role)
    client.force_login(person)
    return person


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("other_clerk", 404),  # outside their organizations: as if it did not exist
        ("clerk", 200),
        ("reviewer", 200),
        ("office", 200),
        ("admin_person", 200),
    ],
)
def test_application_page_matrix(client, request, application, role, expected):
    login_as(client, request, role)
    response = client.get(reverse("backoffice:applications:detail", args=[application.pk]))
    assert response.status_code == expected
    if expected == 200:
        body = response.content.decode()
        assert "期限是怎样算出来的" in body
        assert "2026-10-22" in body
        assert application.applicant_name not in body
        assert application.id_number not in body


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("anonymous", False),
        ("other_clerk", False),
        ("clerk", False),
        ("reviewer", True),
        ("office", True),
        ("admin_person", True),
    ],
)
def test_decision_matrix(client, request, application, role, allowed):
    login_as(client, request, role)
    response = client.post(
        reverse("backoffice:applications:act", args=[application.pk, "decide"]),
        {
            "decide-outcome": "disclosed",
            "decide-legal_basis": "条例第三十六条",
            "decide-reasons": "",
            "decide-on": "2026-10-09",
        },
    )
    application.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert application.outcome == Outcome.DISCLOSED
    else:
        assert response.status_code == {"anonymous": 302, "other_clerk": 404}.get(role, 403)
        assert application.outcome == ""
        assert not AuditEntry.objects.filter(action="applications.application.decided").exists()


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("anonymous", False),
        ("other_clerk", False),
        ("clerk", False),
        ("reviewer", False),
        ("office", True),
        ("admin_person", True),
    ],
)
def test_extension_matrix(client, request, application, role, allowed):
    login_as(client, request, role)
    client.post(
        reverse("backoffice:applications:act", args=[application.pk, "extend"]),
        {"extend-days": "10", "extend-reason": "需要调档", "extend-on": "2026-10-09"},
    )
    application.refresh_from_db()
    assert application.extension_days == (10 if allowed else 0)
    assert application.due_on == (date(2026, 11, 5) if allowed else date(2026, 10, 22))


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("other_clerk", 403),
        ("clerk", 403),
        ("reviewer", 403),
        ("office", 200),
        ("admin_person", 200),
    ],
)
def test_template_editing_matrix(client, request, role, expected):
    login_as(client, request, role)
    template = LetterTemplate.objects.get(outcome=Outcome.DISCLOSED)
    assert client.get(reverse("backoffice:applications:edit_template", args=[template.pk])).status_code == expected


@pytest.mark.parametrize(("role", "count"), [("other_clerk", 0), ("clerk", 1), ("office", 1)])
def test_list_shows_only_accessible_applications(client, request, application, role, count):
    login_as(client, request, role)
    body = client.get(reverse("backoffice:applications:index")).content.decode()
    assert body.count(application.tracking_code) == count


def test_viewing_the_applicant_is_logged(client, clerk, application):
    client.force_login(clerk)
    response = client.get(reverse("backoffice:applications:applicant", args=[application.pk]))
    assert application.id_number in response.content.decode()
    entry = AuditEntry.objects.get(action="applications.personal_data.viewed")
    assert entry.actor == clerk
    assert entry.target_id == str(application.pk)


def test_other_organizations_clerk_cannot_see_the_applicant(client, other_clerk, application):
    client.force_login(other_clerk)
    assert client.get(reverse("backoffice:applications:applicant", args=[application.pk])).status_code == 404
    assert not AuditEntry.objects.filter(action="applications.personal_data.viewed").exists()


def test_register_through_the_form(client, clerk, department):
    client.force_login(clerk)
    from .factories import applicant_data

    data = {
        **applicant_data(),
        "organization": department.pk,
        "channel": "post",
        "submitted_on": "2026-09-10",
        "signed_for_on": "2026-09-14",
        "item_count": 1,
    }
    response = client.post(reverse("backoffice:applications:register"), data)
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.received_on == date(2026, 9, 14)
    assert application.due_on == date(2026, 10, 16)


def test_list_filters_by_light(client, clerk, department):
    client.force_login(clerk)
    old = make_application(actor=clerk, organization=department, received_on=date(2026, 9, 1))
    body = client.get(reverse("backoffice:applications:index") + "?light=red").content.decode()
    assert old.tracking_code in body
    assert (
        client.get(reverse("backoffice:applications:index") + "?light=green").content.decode().count(old.tracking_code)
        == 0
    )


def test_list_query_count(client, clerk, department, django_assert_max_num_queries):
    for day in range(1, 6):
        make_application(actor=clerk, organization=department, received_on=date(2026, 9, day + 6))
    client.force_login(clerk)
    # 12 before the list was sorted by urgency; +3 for the yellow band (the regions in scope, then each region's
    # calendar to find its last yellow day): per region, never per application
    with django_assert_max_num_queries(15):
        assert client.get(reverse("backoffice:applications:index")).status_code == 200


@pytest.fixture
def decided(clerk, reviewer, application):
    services.decide_application(
        actor=reviewer,
        application=application,
        outcome=Outcome.WITHHELD_6,
        legal_basis="条例第十六条第二款",
        reasons="所申请信息为请示报告",
        on=date(2026, 10, 9),
    )
    return services.generate_reply(actor=clerk, application=application)


def test_reply_letter_contains_the_outcome_and_the_remedy(decided, department):
    assert decided.title == "政府信息不予公开告知书"
    assert "所申请信息为请示报告" in decided.body
    assert "六十日内向示范区人民政府申请行政复议" in decided.body
    assert "六个月内依法向人民法院提起行政诉讼" in decided.body
    assert "张三丰" in decided.body
    assert "张三丰" not in decided.public_body
    assert decided.reference == "示范区民政局依申请公开告〔2026〕1号"


def test_word_letter_reads_back(client, clerk, decided, application):
    client.force_login(clerk)
    response = client.get(reverse("backoffice:applications:reply_file", args=[application.pk, decided.pk, "docx"]))
    text = "\n".join(paragraph.text for paragraph in Document(io.BytesIO(response.content)).paragraphs)
    assert "政府信息不予公开告知书" in text
    assert "所申请信息为请示报告" in text
    assert "行政复议" in text
    assert AuditEntry.objects.filter(action="applications.personal_data.viewed").count() == 1


def test_pdf_letter_has_the_text_and_an_embedded_cjk_font(client, clerk, decided, application, tmp_path):
    client.force_login(clerk)
    response = client.get(reverse("backoffice:applications:reply_file", args=[application.pk, decided.pk, "pdf"]))
    assert response.content.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "不予公开告知书" in text.replace(" ", "")
    path = tmp_path / "letter.pdf"
    path.write_bytes(response.content)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
    assert "FandolFang" in fonts  # the body's 仿宋, embedded
    assert all(" yes " in line for line in fonts.splitlines()[2:])


def test_template_edit_is_sanitized_and_must_keep_the_remedy(client, office):
    client.force_login(office)
    template = LetterTemplate.objects.get(outcome=Outcome.DISCLOSED)
    url = reverse("backoffice:applications:edit_template", args=[template.pk])
    response = client.post(url, {"title": "答复书", "body": "<p>{{ 申请人 }}：同意公开。</p>"})
    assert "救济途径" in response.content.decode()
    template.refresh_from_db()
    assert template.title == "政府信息公开申请答复书"
    client.post(
        url,
        {"title": "答复书", "body": '<p onclick="x()">{{ 申请人 }}</p><script>alert(1)</script><p>{{ 救济途径 }}</p>'},
    )
    template.refresh_from_db()
    assert template.title == "答复书"
    assert "<script" not in template.body
    assert "onclick" not in template.body
    assert AuditEntry.objects.filter(action="applications.letter_template.updated").count() == 1


def test_unknown_placeholder_is_refused(client, office):
    client.force_login(office)
    template = LetterTemplate.objects.get(outcome=Outcome.DISCLOSED)
    url = reverse("backoffice:applications:edit_template", args=[template.pk])
    response = client.post(url, {"title": "x", "body": "<p>{{ 身份证号 }}{{ 救济途径 }}</p>"})
    assert "身份证号" in response.content.decode()
    template.refresh_from_db()
    assert template.title != "x"


def test_every_outcome_has_a_seeded_template_with_the_remedy():
    templates = dict(LetterTemplate.objects.values_list("outcome", "body"))
    assert set(templates) == set(Outcome.values)
    assert all("{{ 救济途径 }}" in body for body in templates.values())
    assert all(body.startswith('<p class="salutation">{{ 申请人 }}：</p>') for body in templates.values())


def test_statistics_page_has_chart_and_table(client, office, decided):
    client.force_login(office)
    body = client.get(reverse("backoffice:applications:statistics") + "?year=2026").content.decode()
    assert "（三）不予公开 6.属于四类过程性信息" in body
    assert "echarts.min.js" in body
    assert "<table" in body


def test_workbench_panel_lists_overdue_applications(client, clerk, department):
    overdue = make_application(actor=clerk, organization=department, received_on=date(2026, 9, 1))
    client.force_login(clerk)
    body = client.get(reverse("backoffice:home")).content.decode()
    assert "依申请公开：临近或超过期限" in body
    assert overdue.tracking_code in body


def test_transfer_through_the_page_opens_the_new_application(client, clerk, application, other_department):
    client.force_login(clerk)
    response = client.post(
        reverse("backoffice:applications:act", args=[application.pk, "transfer"]),
        {"transfer-to_organization": other_department.pk, "transfer-reason": "职责", "transfer-on": "2026-09-21"},
    )
    application.refresh_from_db()
    assert application.status == Status.TRANSFERRED
    new = Application.objects.get(transferred_from=application)
    assert response["Location"] == reverse("backoffice:applications:detail", args=[new.pk])


def test_pause_is_shown_only_while_the_application_is_open(client, clerk, application):
    client.force_login(clerk)
    Application.objects.filter(pk=application.pk).update(clock_paused=True, status=Status.CONSULTING)
    assert "计时暂停" in client.get(reverse("backoffice:applications:index")).content.decode()
    Application.objects.filter(pk=application.pk).update(status=Status.CLOSED)
    assert "计时暂停" not in client.get(reverse("backoffice:applications:index")).content.decode()
    detail = client.get(reverse("backoffice:applications:detail", args=[application.pk])).content.decode()
    assert "已办结 · 计时暂停" not in detail


def test_word_letter_is_in_the_letter_format_with_the_organizations_seal_rule(client, clerk, decided, application):
    from docx import Document
    from docx.oxml.ns import qn

    from gongkai.core.documents.geometry import text_width

    application.organization.seal_mode = "unstamped"
    application.organization.save()
    client.force_login(clerk)
    response = client.get(reverse("backoffice:applications:reply_file", args=[application.pk, decided.pk, "docx"]))
    word = Document(io.BytesIO(response.content))
    section = word.sections[0]
    assert section.first_page_header.paragraphs[0].text == application.organization.name
    assert decided.reference in [paragraph.text for paragraph in section.first_page_header.paragraphs]
    rFonts = word.styles["Normal"].element.rPr.rFonts  # noqa: N806
    assert rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    texts = [paragraph.text for paragraph in word.paragraphs]
    name = word.paragraphs[texts.index(application.organization.name, 1)]
    date = word.paragraphs[texts.index(application.organization.name, 1) + 1]
    # Unstamped (GB/T 9704 7.3.5.2): the name two characters from the right and the date starting two characters
    # right of it; a date longer than that keeps two characters on its right and pushes the name left.
    name_right, date_right = (paragraph.paragraph_format.right_indent.pt / 16 for paragraph in (name, date))
    assert min(name_right, date_right) == 2
    assert name_right + text_width(name.text) - (date_right + text_width(date.text)) == 2
