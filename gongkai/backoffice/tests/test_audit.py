"""The audit log in the back office and in Django admin: readable, filterable, never editable."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from gongkai.core import audit
from gongkai.core.models import AuditEntry


def test_actions_are_shown_with_their_chinese_label(client, office, department):
    audit.log("orgs.organization.updated", actor=office, target=department, organization=department)
    audit.log("someapp.thing.done", actor=office, target=department, organization=department)
    client.force_login(office)
    body = client.get(reverse("backoffice:audit")).content.decode()
    assert "修改机构信息" in body
    assert "someapp.thing.done" in body  # an action nobody named falls back to its code


def test_other_apps_can_register_labels(monkeypatch):
    monkeypatch.setattr(audit, "ACTION_LABELS", dict(audit.ACTION_LABELS))
    assert audit.action_label("example.thing.done") == "example.thing.done"
    audit.register_action_labels({"example.thing.done": "示例动作"})
    assert audit.action_label("example.thing.done") == "示例动作"


def test_filters_narrow_the_log_and_survive_paging(client, admin_person, department):
    for number in range(60):
        audit.log("orgs.organization.updated", actor=admin_person, target=department, data={"n": number})
    audit.log("orgs.login.failed", target=None, data={"username": "x"})
    client.force_login(admin_person)
    response = client.get(reverse("backoffice:audit"), {"action": "orgs.organization"})
    page = response.context["page"]
    assert page.paginator.count == 60
    assert "action=orgs.organization&amp;page=2" in response.content.decode()
    second = client.get(reverse("backoffice:audit"), {"action": "orgs.organization", "page": 2})
    assert len(second.context["page"]) == 10


def test_an_office_sees_only_its_regions_entries(client, make_person, street_office, department):
    township_office = make_person("office", street_office, username="township_office")
    audit.log("orgs.organization.updated", target=department, organization=department)
    audit.log("orgs.organization.updated", target=street_office, organization=street_office)
    client.force_login(township_office)
    entries = list(client.get(reverse("backoffice:audit")).context["page"])
    assert [entry.organization_id for entry in entries] == [street_office.pk]


@pytest.mark.parametrize(
    ("role", "expected"), [("clerk", 403), ("reviewer", 403), ("office", 200), ("admin_person", 200)]
)
def test_audit_page_permission_matrix(client, request, role, expected):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("backoffice:audit")).status_code == expected


def test_audit_entries_cannot_be_edited_or_deleted(office):
    entry = audit.log("orgs.logout", actor=office, target=office)
    entry.action = "changed"
    with pytest.raises(RuntimeError):
        entry.save()
    with pytest.raises(RuntimeError):
        entry.delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "orgs.logout"


def test_django_admin_cannot_add_change_or_delete_audit_entries(admin_person):
    admin_person.is_superuser = True
    admin_person.is_staff = True
    admin_person.save()
    request = RequestFactory().get("/django-admin/")
    request.user = admin_person
    model_admin = admin.site._registry[AuditEntry]
    assert model_admin.has_view_permission(request) is True
    assert model_admin.has_add_permission(request) is False
    assert model_admin.has_change_permission(request) is False
    assert model_admin.has_delete_permission(request) is False


def test_django_admin_lists_audit_entries_readably(client, admin_person):
    admin_person.is_superuser = True
    admin_person.is_staff = True
    admin_person.save()
    entry = audit.log("orgs.logout", actor=admin_person, target=admin_person)
    client.force_login(admin_person)
    body = client.get("/django-admin/core/auditentry/").content.decode()
    assert "退出登录" in body
    response = client.post(f"/django-admin/core/auditentry/{entry.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_django_admin_saves_organizations_through_the_service(client, admin_person, county):
    from gongkai.orgs.models import Organization
    from gongkai.orgs.tests.factories import credit_code

    admin_person.is_superuser = True
    admin_person.is_staff = True
    admin_person.save()
    client.force_login(admin_person)
    data = {"region": county.pk, "kind": "department", "name": "示范区统计局", "credit_code": credit_code(7777),
            "short_name": "", "address": "", "office_hours": "", "phone": "", "fax": "", "email": "", "sort_order": 0,
            "parent": "", "issuer_mark": "", "seal_mode": "stamped", "printed_by": ""}  # fmt: skip
    response = client.post("/django-admin/orgs/organization/add/", data)
    assert response.status_code == 302
    organization = Organization.objects.get(name="示范区统计局")
    assert AuditEntry.objects.get(action="orgs.organization.created").target_id == str(organization.pk)
