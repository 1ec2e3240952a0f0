"""Writing the audit log. Every service calls `log` inside its transaction."""

import ipaddress
from typing import Any

from django.db import models

from .models import AuditEntry


def target_parts(target: Any) -> tuple[str, str, str]:
    if target is None:
        return "", "", ""
    if isinstance(target, models.Model):
        return target._meta.label_lower, str(target.pk), str(target)[:300]
    return type(target).__name__.lower(), "", str(target)[:300]


def log(
    action: str,
    *,
    actor=None,
    target: Any = None,
    data: dict | None = None,
    organization=None,
    ip_address: str | None = None,
) -> AuditEntry:
    """Append one entry. `action` is dotted: "<app>.<object>.<verb>", e.g. "publishing.record.published"."""
    target_type, target_id, target_label = target_parts(target)
    actor_obj = actor if getattr(actor, "pk", None) else None
    organization_id = getattr(organization, "pk", organization)
    return AuditEntry.objects.create(
        action=action,
        actor=actor_obj,
        actor_label=(actor_obj.get_username() if actor_obj else str(actor or ""))[:150],
        target_type=target_type,
        target_id=target_id,
        target_label=target_label,
        organization_id=organization_id,
        data=data or {},
        ip_address=ip_address,
    )


def client_ip(request) -> str | None:
    """The client's address. Behind TRUSTED_PROXIES reverse proxies, each of which appends the address it received
    the request from to X-Forwarded-For, the client is the entry the outermost trusted proxy added: the
    TRUSTED_PROXIES-th from the right. Entries further left were written by the client and prove nothing."""
    from django.conf import settings

    remote = request.META.get("REMOTE_ADDR")
    proxies = getattr(settings, "TRUSTED_PROXIES", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if not proxies or not forwarded:
        return remote
    entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
    if len(entries) < proxies:
        return remote
    candidate = entries[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


# Readable labels for actions, registered by each app (`register_action_labels`) and used only at display time.
ACTION_LABELS: dict[str, Any] = {}


def register_action_labels(labels: dict[str, Any]) -> None:
    """Let an app name its actions in Chinese, e.g. {"publishing.record.published": _("发布信息")}."""
    ACTION_LABELS.update(labels)


def action_label(action: str) -> str:
    """The registered label of an action, or the action code itself when no app has named it."""
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else action
