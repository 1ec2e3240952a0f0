"""The back-office shell: an accessible login page and a navigation that follows the person's roles."""

import pytest
from django.urls import reverse


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
