"""Back-office pages for API tokens: who may see and manage them, the secret shown once, rotate and revoke."""

import pytest
from django.urls import reverse

from gongkai.api import tokens
from gongkai.api.models import ApiToken, TokenScope
from gongkai.core.models import AuditEntry

ROLES = ["anonymous", "clerk", "reviewer", "other_clerk", "office", "admin_person"]
MANAGERS = {"office", "admin_person"}


def login(client, request, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))


@pytest.mark.parametrize("who", ROLES)
def test_token_list_matrix(client, request, issue, who):
    token, _secret = issue(TokenScope.CATALOG_READ)
    login(client, request, who)
    response = client.get(reverse("backoffice:tokens:index"))
    expected = 200 if who in MANAGERS else (302 if who == "anonymous" else 403)
    assert response.status_code == expected
    if expected == 200:
        assert token.name in response.content.decode()
        assert token.key_hash not in response.content.decode()


def test_token_of_another_region_answers_404(client, issue, make_person, county):
    from gongkai.orgs.tests.factories import OrganizationFactory, RegionFactory

    token, _secret = issue(TokenScope.CATALOG_READ)
    elsewhere = RegionFactory(name="别的区", division_code="320588000000")
    outsider = make_person("office", OrganizationFactory(region=elsewhere, name="别的区政府"), username="far_office")
    client.force_login(outsider)
    assert client.get(reverse("backoffice:tokens:detail", args=[token.pk])).status_code == 404
    assert client.post(reverse("backoffice:tokens:revoke", args=[token.pk])).status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_create_shows_the_secret_once(client, office, department):
    client.force_login(office)
    response = client.post(
        reverse("backoffice:tokens:create"),
        {
            "name": "不动产登记系统",
            "organization": department.pk,
            "scopes": [TokenScope.RECORDS_WRITE, TokenScope.CATALOG_READ],
            "rate_per_minute": 60,
        },
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    secret = response.context["secret"]
    token = ApiToken.objects.get()
    assert token.key_hash == tokens.hash_of(secret)
    assert (token.name, token.scopes, token.rate_per_minute) == (
        "不动产登记系统",
        ["catalog:read", "records:write"],
        60,
    )
    detail = client.get(reverse("backoffice:tokens:detail", args=[token.pk])).content.decode()
    assert secret not in detail
    assert "创建接口令牌" in detail


def test_create_with_bad_input_shows_the_error_and_creates_nothing(client, office, department):
    client.force_login(office)
    response = client.post(
        reverse("backoffice:tokens:create"),
        {"name": "系统", "organization": department.pk, "scopes": [TokenScope.RECORDS_SUBMIT], "rate_per_minute": 60},
    )
    assert response.status_code == 200
    assert "“直接提交审核”须与“推送政府信息草稿”一同授予。" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_rotate_and_revoke_from_the_page(client, office, issue):
    token, old = issue(TokenScope.CATALOG_READ)
    client.force_login(office)
    response = client.post(reverse("backoffice:tokens:rotate", args=[token.pk]))
    new = response.context["secret"]
    assert new != old
    assert ApiToken.objects.get(pk=token.pk).key_hash == tokens.hash_of(new)
    client.post(reverse("backoffice:tokens:revoke", args=[token.pk]))
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert list(
        AuditEntry.objects.filter(target_type="api.apitoken").order_by("id").values_list("action", flat=True)
    ) == ["api.token.created", "api.token.rotated", "api.token.revoked"]
