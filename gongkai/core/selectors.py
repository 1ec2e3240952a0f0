"""Reads of the core app."""

from datetime import date

from django.db.models import Q, QuerySet

from .models import AuditEntry


def audit_entries(
    *,
    organization_ids=None,
    action: str = "",
    actor: str = "",
    target: str = "",
    date_from: str = "",
    date_to: str = "",
) -> QuerySet[AuditEntry]:
    """Audit entries, newest first, filtered; `organization_ids=None` means every organization."""
    entries = AuditEntry.objects.select_related("actor")
    if organization_ids is not None:
        entries = entries.filter(organization_id__in=organization_ids)
    if action:
        entries = entries.filter(action__startswith=action)
    if actor:
        entries = entries.filter(Q(actor_label__icontains=actor) | Q(actor__full_name__icontains=actor))
    if target:
        entries = entries.filter(Q(target_label__icontains=target) | Q(target_id=target))
    for value, lookup in ((date_from, "at__date__gte"), (date_to, "at__date__lte")):
        try:
            entries = entries.filter(**{lookup: date.fromisoformat(value)}) if value else entries
        except ValueError:
            continue
    return entries
