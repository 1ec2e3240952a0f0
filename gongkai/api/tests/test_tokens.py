"""API tokens: issued with a hash only, rotated, revoked, expired, scoped, rate-limited and audited per call."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from gongkai.api import tokens
from gongkai.api.errors import ApiError
from gongkai.api.models import ApiToken, TokenScope
from gongkai.core.errors import AccessDenied
from gongkai.core.models import AuditEntry
from gongkai.orgs.models import Membership, Role

from .conftest import bearer

S = TokenScope
CATALOG = "/api/v1/inbound/catalog/"


def test_only_a_hash_of_the_secret_is_stored(issue):
    token, secret = issue(S.CATALOG_READ)
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret.startswith(f"gk_{stored.key_prefix}_")
    assert secret not in {stored.key_hash, stored.key_prefix, str(stored.scopes)}
    assert stored.key_hash == tokens.hash_of(secret)
    assert not stored.account.has_usable_password()
    assert list(Membership.objects.filter(person=stored.account).values_list("role", flat=True)) == [Role.CLERK]


def test_call_with_a_token_is_audited_with_its_name(client, issue):
    token, secret = issue(S.CATALOG_READ, name="不动产登记系统")
    response = client.get(CATALOG, **bearer(secret))
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="api.token.called")
    assert (entry.data["token"], entry.data["method"], entry.data["path"]) == ("不动产登记系统", "GET", CATALOG)
    assert entry.actor_id == token.account_id
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def test_rotation_stops_the_old_secret_at_once(client, issue, office):
    token, old = issue(S.CATALOG_READ)
    new = tokens.rotate_token(token=token, actor=office).secret
    assert client.get(CATALOG, **bearer(old)).status_code == 401
    assert client.get(CATALOG, **bearer(new)).status_code == 200


def test_revoked_and_expired_tokens_are_refused(client, issue, office):
    revoked, revoked_secret = issue(S.CATALOG_READ)
    tokens.revoke_token(token=revoked, actor=office)
    expiring, expiring_secret = issue(S.CATALOG_READ, expires_at=timezone.now() + timedelta(hours=1))
    ApiToken.objects.filter(pk=expiring.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    for secret in (revoked_secret, expiring_secret, "gk_00000000_notatoken"):
        response = client.get(CATALOG, **bearer(secret))
        assert (response.status_code, response.json()["code"]) == (401, "api.unauthenticated")
    assert not AuditEntry.objects.filter(action="api.token.called").exists()
    revoked.account.refresh_from_db()
    assert not revoked.account.is_active


def test_rate_limit_per_token(client, issue, settings):
    _token, secret = issue(S.CATALOG_READ, rate_per_minute=2)
    _other, other_secret = issue(S.CATALOG_READ, rate_per_minute=2, name="另一个系统")
    assert [client.get(CATALOG, **bearer(secret)).status_code for _ in range(3)] == [200, 200, 429]
    limited = client.get(CATALOG, **bearer(secret))
    assert limited.json()["code"] == "api.rate_limited"
    assert int(limited["Retry-After"]) >= 1
    assert client.get(CATALOG, **bearer(other_secret)).status_code == 200


@pytest.mark.parametrize(
    ("who", "allowed"), [("clerk", False), ("reviewer", False), ("other_clerk", False), ("office", True)]
)
def test_only_the_office_or_admin_issue_tokens(request, department, who, allowed):
    person = request.getfixturevalue(who)
    if not allowed:
        with pytest.raises(AccessDenied):
            tokens.create_token(organization=department, name="系统", scopes=[S.CATALOG_READ], actor=person)
        assert not ApiToken.objects.exists()
    else:
        assert tokens.create_token(organization=department, name="系统", scopes=[S.CATALOG_READ], actor=person).secret


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"scopes": []}, "scopes"),
        ({"scopes": ["records:delete"]}, "scopes"),
        ({"scopes": [S.RECORDS_SUBMIT]}, "scopes"),
        ({"name": "  "}, "name"),
        ({"rate_per_minute": 0}, "rate_per_minute"),
        ({"expires_at": "past"}, "expires_at"),
    ],
)
def test_bad_token_input_is_refused_and_changes_nothing(office, department, fields, field):
    values = {"name": "系统", "scopes": [S.CATALOG_READ], **fields}
    if values.get("expires_at") == "past":
        values["expires_at"] = timezone.now() - timedelta(days=1)
    with pytest.raises(ApiError) as raised:
        tokens.create_token(organization=department, actor=office, **values)
    assert raised.value.field == field
    assert not ApiToken.objects.exists()
    assert not AuditEntry.objects.filter(action="api.token.created").exists()


def test_command_creates_rotates_and_revokes(department, office, client):
    out, err = StringIO(), StringIO()
    call_command(
        "tokens", "create", "--org", str(department.pk), "--name", "办件系统", "--scope", "catalog:read",
        "--by", "office", stdout=out, stderr=err,
    )  # fmt: skip
    secret = out.getvalue().strip()
    token = ApiToken.objects.get()
    assert token.key_hash == tokens.hash_of(secret)
    assert client.get(CATALOG, **bearer(secret)).status_code == 200
    listing = StringIO()
    call_command("tokens", "list", stdout=listing)
    assert listing.getvalue().startswith(f"{token.pk}\tgk_{token.key_prefix}_…\t办件系统\t示范区民政局\tcatalog:read")
    assert secret not in listing.getvalue()
    call_command("tokens", "revoke", str(token.pk), "--by", "office", stdout=StringIO())
    assert client.get(CATALOG, **bearer(secret)).status_code == 401
    with pytest.raises(CommandError, match="没有用户名为“nobody”的有效账号"):
        call_command("tokens", "rotate", str(token.pk), "--by", "nobody", stdout=StringIO())
    with pytest.raises(CommandError, match="已吊销的令牌不能轮换"):
        call_command("tokens", "rotate", str(token.pk), "--by", "office", stdout=StringIO())
