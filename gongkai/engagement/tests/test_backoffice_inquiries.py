"""Back-office inquiry pages: the permission matrix, actions through the services, logged personal data, queries."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.core.models import AuditEntry
from gongkai.engagement.models import Inquiry, InquiryStatus
from gongkai.orgs.tests.factories import PASSWORD

from .factories import register, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_person, department, other_department, government):
    return {
        "anonymous": None,
        "public_user": make_person(None, None),
        "other_clerk": make_person("clerk", other_department),
        "clerk": make_person("clerk", department),
        "reviewer": make_person("reviewer", department),
        "office": make_person("office", government),
        "admin": make_person("admin", government),
    }


def login(client, person):
    if person is not None:
        assert client.login(username=person.username, password=PASSWORD)


MATRIX = {
    # who: (list status, detail status, may approve)
    "anonymous": (302, 302, False),
    "public_user": (403, 403, False),
    "other_clerk": (200, 404, False),
    "clerk": (200, 200, False),
    "reviewer": (200, 200, True),
    "office": (200, 200, True),
    "admin": (200, 200, True),
}


@pytest.mark.parametrize("who", list(MATRIX))
def test_permission_matrix(client, people, who, department, make_person):
    writer = make_person("clerk", department)
    inquiry = submit(department)
    from gongkai.engagement import services

    services.submit_answer(actor=writer, inquiry=inquiry, answer="请到窗口办理。")
    login(client, people[who])
    list_status, detail_status, may_approve = MATRIX[who]
    assert client.get(reverse("backoffice:engagement:index")).status_code == list_status
    url = reverse("backoffice:engagement:inquiry", args=[inquiry.pk])
    assert client.get(url).status_code == detail_status
    client.post(reverse("backoffice:engagement:act", args=[inquiry.pk, "approve"]))
    inquiry.refresh_from_db()
    assert (inquiry.status == InquiryStatus.ANSWERED) is may_approve


def test_other_organization_sees_none_of_its_inquiries(client, people, department):
    submit(department, subject="民政局的咨询")
    login(client, people["other_clerk"])
    assert "民政局的咨询" not in client.get(reverse("backoffice:engagement:index")).content.decode()


def test_detail_hides_contact_details_and_the_asker_page_logs_the_view(client, people, department):
    inquiry = submit(department)
    login(client, people["clerk"])
    detail = client.get(reverse("backoffice:engagement:inquiry", args=[inquiry.pk])).content.decode()
    assert "13812345678" not in detail
    assert not AuditEntry.objects.filter(action="engagement.inquiry.personal_data_viewed").exists()
    asker = client.get(reverse("backoffice:engagement:asker", args=[inquiry.pk])).content.decode()
    assert "13812345678" in asker
    entry = AuditEntry.objects.get(action="engagement.inquiry.personal_data_viewed")
    assert entry.actor == people["clerk"]


def test_staff_register_a_phone_inquiry(client, people, department):
    login(client, people["clerk"])
    response = client.post(
        reverse("backoffice:engagement:register"),
        {
            "organization": department.pk,
            "channel": "hotline",
            "received_on": "2026-09-30",
            "subject": "12345转办：养老补贴",
            "question": "请问高龄津贴怎么申请？",
            "asker_name": "王五",
        },
    )
    inquiry = Inquiry.objects.get()
    assert response.status_code == 302
    assert inquiry.channel == "hotline"
    assert inquiry.due_on == date(2026, 10, 13)


def test_list_marks_overdue_and_veto_risk_with_few_queries(client, people, department, django_assert_max_num_queries):
    today = timezone.localdate()
    for day in (today - timedelta(days=130), today - timedelta(days=30), today - timedelta(days=3)):
        register(people["clerk"], department, received_on=day)
    login(client, people["clerk"])
    client.get(reverse("backoffice:engagement:index"))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("backoffice:engagement:index"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("否决风险") == 2  # the count label and the one inquiry from August
    veto = client.get(reverse("backoffice:engagement:index") + "?view=veto").content.decode()
    assert veto.count("ZX2026-") == 1


def test_mailbox_settings_only_for_the_office(client, people, government):
    login(client, people["clerk"])
    client.post(
        reverse("backoffice:engagement:new_mailbox"),
        {"organization": government.pk, "name": "区长信箱", "kind": "head", "answer_days": 5, "is_active": "on"},
    )
    assert not AuditEntry.objects.filter(action="engagement.mailbox.saved").exists()
    login(client, people["office"])
    response = client.post(
        reverse("backoffice:engagement:new_mailbox"),
        {"organization": government.pk, "name": "区长信箱", "kind": "head", "answer_days": 7, "is_active": "on"},
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="engagement.mailbox.saved").count() == 1


def test_workbench_lists_overdue_inquiries(client, people, department):
    today = timezone.localdate()
    late = register(people["clerk"], department, received_on=today - timedelta(days=20))
    login(client, people["clerk"])
    body = client.get(reverse("backoffice:home")).content.decode()
    assert "群众咨询：临近或超过答复期限" in body
    assert late.tracking_code in body
