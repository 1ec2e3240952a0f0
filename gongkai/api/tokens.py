"""API tokens for business systems: create, rotate, revoke (services) and the access rules to manage them.

Rules: the disclosure office of an organization (or an administrator) manages its tokens, as it manages its people.
A token is `gk_<prefix>_<secret>`; only the SHA-256 of the whole string is stored, so a leaked database does not
leak working tokens, and the secret is shown once, when it is created or rotated.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.core.errors import AccessDenied
from gongkai.orgs import services as org_services
from gongkai.orgs.access import MANAGERS, has_role, organizations_for
from gongkai.orgs.models import Organization, Role

from .errors import ApiError, ApiErrorCode
from .models import ApiToken, TokenScope

TOKEN_START = "gk_"  # noqa: S105 - the visible prefix of every token, not a secret
MAX_RATE_PER_MINUTE = 6000


@dataclass(frozen=True)
class IssuedToken:
    """A token together with its secret, which exists only in this object and is never stored."""

    token: ApiToken
    secret: str


def hash_of(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_secret() -> tuple[str, str]:
    prefix = secrets.token_hex(4)
    return prefix, f"{TOKEN_START}{prefix}_{secrets.token_urlsafe(32)}"


def invalid(message: str, field: str) -> ApiError:
    return ApiError(ApiErrorCode.INVALID, message, field=field)


def clean_scopes(scopes) -> list[str]:
    chosen = sorted(set(scopes or ()))
    unknown = [scope for scope in chosen if scope not in TokenScope.values]
    if unknown:
        raise invalid(_("未知的权限范围：%(scopes)s。") % {"scopes": "、".join(unknown)}, "scopes")
    if not chosen:
        raise invalid(_("请至少选择一项权限范围。"), "scopes")
    if TokenScope.RECORDS_SUBMIT in chosen and TokenScope.RECORDS_WRITE not in chosen:
        raise invalid(_("“直接提交审核”须与“推送政府信息草稿”一同授予。"), "scopes")
    return chosen


def check_fields(*, name: str, expires_at: datetime | None, rate_per_minute: int) -> str:
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise invalid(_("请填写名称（不超过100字），例如“区政务服务网办件系统”。"), "name")
    if expires_at is not None and expires_at <= timezone.now():
        raise invalid(_("到期时间须晚于现在。"), "expires_at")
    if not 1 <= rate_per_minute <= MAX_RATE_PER_MINUTE:
        raise invalid(_("每分钟调用上限应在 1 到 %(max)s 之间。") % {"max": MAX_RATE_PER_MINUTE}, "rate_per_minute")
    return name


def require_manager(person, organization: Organization) -> None:
    if not has_role(person, organization, MANAGERS):
        raise AccessDenied(_("只有本机构的政务公开办公室或系统管理员可以管理接口令牌。"))


def system_account(*, organization: Organization, name: str, actor):
    """The token's own account: no password (it can never sign in), a clerk of the organization."""
    username = f"api-{secrets.token_hex(6)}"
    person = org_services.create_person(
        username=username, full_name=(_("接口：%(name)s") % {"name": name})[:50], actor=actor
    )
    org_services.grant_role(person=person, organization=organization, role=Role.CLERK, actor=actor)
    return person


@transaction.atomic
def create_token(
    *,
    organization: Organization,
    name: str,
    scopes,
    actor,
    expires_at: datetime | None = None,
    rate_per_minute: int = 120,
) -> IssuedToken:
    """Issue a token for a business system of `organization`. The secret is returned once and never stored."""
    require_manager(actor, organization)
    name = check_fields(name=name, expires_at=expires_at, rate_per_minute=rate_per_minute)
    chosen = clean_scopes(scopes)
    prefix, secret = new_secret()
    token = ApiToken.objects.create(
        name=name,
        organization=organization,
        scopes=chosen,
        account=system_account(organization=organization, name=name, actor=actor),
        key_prefix=prefix,
        key_hash=hash_of(secret),
        expires_at=expires_at,
        rate_per_minute=rate_per_minute,
        created_by=actor,
    )
    audit.log(
        "api.token.created",
        actor=actor,
        target=token,
        organization=organization,
        data={"name": name, "scopes": chosen, "expires_at": expires_at.isoformat() if expires_at else None},
    )
    return IssuedToken(token, secret)


def locked(token: ApiToken) -> ApiToken:
    return ApiToken.objects.select_for_update().select_related("organization", "account").get(pk=token.pk)


@transaction.atomic
def rotate_token(*, token: ApiToken, actor) -> IssuedToken:
    """A new secret for the same token: the old secret stops working at once; name, scopes and history stay."""
    token = locked(token)
    require_manager(actor, token.organization)
    if token.revoked_at is not None:
        raise ApiError(ApiErrorCode.TOKEN_REVOKED, _("已吊销的令牌不能轮换，请新建令牌。"))
    prefix, secret = new_secret()
    token.key_prefix, token.key_hash, token.rotated_at = prefix, hash_of(secret), timezone.now()
    token.save(update_fields=["key_prefix", "key_hash", "rotated_at"])
    audit.log("api.token.rotated", actor=actor, target=token, organization=token.organization)
    return IssuedToken(token, secret)


@transaction.atomic
def revoke_token(*, token: ApiToken, actor) -> ApiToken:
    """Stop the token for good; its system account is deactivated so nothing can act through it any more."""
    token = locked(token)
    require_manager(actor, token.organization)
    if token.revoked_at is not None:
        return token
    token.revoked_at, token.revoked_by = timezone.now(), actor
    token.save(update_fields=["revoked_at", "revoked_by"])
    org_services.set_person_active(person=token.account, active=False, actor=actor)
    audit.log("api.token.revoked", actor=actor, target=token, organization=token.organization)
    return token


@transaction.atomic
def update_token(*, token: ApiToken, actor, scopes=None, expires_at=..., rate_per_minute: int | None = None):
    """Change what a token may do, when it expires, or its rate limit."""
    token = locked(token)
    require_manager(actor, token.organization)
    changes = {}
    if scopes is not None:
        changes["scopes"] = clean_scopes(scopes)
    if expires_at is not ...:
        changes["expires_at"] = expires_at
    if rate_per_minute is not None:
        changes["rate_per_minute"] = rate_per_minute
    check_fields(
        name=token.name,
        expires_at=changes.get("expires_at"),
        rate_per_minute=changes.get("rate_per_minute", token.rate_per_minute),
    )
    for field, value in changes.items():
        setattr(token, field, value)
    token.save(update_fields=list(changes) or None)
    audit.log(
        "api.token.updated",
        actor=actor,
        target=token,
        organization=token.organization,
        data={key: (value.isoformat() if isinstance(value, datetime) else value) for key, value in changes.items()},
    )
    return token


def token_by_secret(secret: str) -> ApiToken | None:
    """The usable token with this secret, or None (unknown, revoked, expired or deactivated)."""
    if not secret.startswith(TOKEN_START) or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.select_related("organization", "account")
        .filter(key_hash=hash_of(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.is_usable() or not token.account.is_active or not token.organization.is_active:
        return None
    return token


def record_call(*, token: ApiToken, method: str, path: str, ip_address: str | None, refused: str = "") -> None:
    """Every call made with a token goes into the audit log with the token's name (refused ones with the reason)."""
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    data = {"token": token.name, "method": method, "path": path[:300]}
    if refused:
        data["refused"] = str(refused)
    audit.log(
        "api.token.called",
        actor=token.account,
        target=token,
        organization=token.organization_id,
        data=data,
        ip_address=ip_address,
    )


def tokens_for_staff(person) -> QuerySet[ApiToken]:
    """The tokens of every organization the person manages (office of the region, or administrator)."""
    return ApiToken.objects.filter(organization__in=organizations_for(person, MANAGERS)).select_related(
        "organization", "created_by"
    )


def token_for_staff(*, person, token_id: int) -> ApiToken:
    """The access function for tokens: a token outside the person's scope is reported as not found."""
    token = tokens_for_staff(person).filter(pk=token_id).first()
    if token is None:
        raise AccessDenied()
    return token
