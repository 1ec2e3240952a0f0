"""The back-office shell: an accessible login page and a navigation that follows the person's roles."""

import pytest
from django.urls import reverse

from gongkai.core.models import AuditEntry
from gongkai.orgs.tests.factories import PASSWORD


def test_login_page_is_chinese_and_accessible(client, db):
    body = client.get(reverse("backoffice:login")).content.decode()
    assert '<html lang="zh-CN">' in body
    assert '<a class="skip-link" href="#main">跳到主要内容</a>' in body
    assert '<main id="main" class="bo-main" tabindex="-1">' in body
    assert '<label for="id_username">用户名</label>' in body


@pytest.mark.parametrize(
    ("role", "settings_visible", "audit_visible"),
    [("clerk", True, False), ("reviewer", True, False), ("office", True, True), ("admin_person", True, True)],
)
def test_navigation_follows_roles(client, request, role, settings_visible, audit_visible):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("backoffice:settings"))
    labels = {entry["label"] for entry in response.context["navigation"]}
    assert ("系统设置" in labels) is settings_visible
    assert ("审计日志" in labels) is audit_visible
    current = [entry for entry in response.context["navigation"] if entry["active"]]
    assert [entry["label"] for entry in current] == ["系统设置"]


def test_forbidden_pages_explain_in_chinese(client, clerk):
    client.force_login(clerk)
    response = client.get(reverse("backoffice:system:people"))
    assert response.status_code == 403
    assert "没有权限" in response.content.decode()


def test_staff_change_their_own_password(client, clerk):
    client.force_login(clerk)
    url = reverse("backoffice:password")
    new = "my-own-new-secret-31"
    response = client.post(url, {"current_password": PASSWORD, "password": new, "password_again": new})
    assert response.status_code == 302
    clerk.refresh_from_db()
    assert clerk.check_password(new)
    assert client.get(reverse("backoffice:settings")).status_code == 200  # still signed in
    assert AuditEntry.objects.get(action="orgs.person.password_set").actor == clerk


def test_wrong_current_password_changes_nothing(client, clerk):
    client.force_login(clerk)
    new = "my-own-new-secret-31"
    response = client.post(
        reverse("backoffice:password"), {"current_password": "wrong", "password": new, "password_again": new}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["current_password"] == ["当前密码不正确。"]
    clerk.refresh_from_db()
    assert clerk.check_password(PASSWORD)
    assert not AuditEntry.objects.filter(action="orgs.person.password_set").exists()


def test_office_can_narrow_the_workbench_to_one_organization(client, office, department, other_department):
    client.force_login(office)
    response = client.get("/backoffice/", {"organization": department.pk})
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<option value="{department.pk}" selected>' in page
    assert f'<option value="{other_department.pk}">' in page


def test_clerk_sees_no_organization_selector(client, clerk):
    client.force_login(clerk)
    response = client.get("/backoffice/")
    assert 'name="organization"' not in response.content.decode()
