"""The "apply suggested mask" buttons that the screening findings page shows for a record the person may edit."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from gongkai.core.errors import DomainError
from gongkai.publishing.models import Record
from gongkai.publishing.rules import allowed_actions
from gongkai.publishing.selectors import record_for_staff
from gongkai.publishing.services.masking import maskable_findings


def mask_controls(person, content_type_id: int, object_id: str) -> tuple[str, set[int]]:
    """(URL to post the masks to, ids of the findings it can apply); ("", set()) when there is nothing to offer."""
    if content_type_id != ContentType.objects.get_for_model(Record).pk or not object_id.isdigit():
        return "", set()
    try:
        record = record_for_staff(record_id=int(object_id), person=person)
    except DomainError:
        return "", set()
    if "edit" not in allowed_actions(person, record):
        return "", set()
    ids = set(maskable_findings(record).values_list("pk", flat=True))
    return (reverse("backoffice:publishing:apply_masks", args=[record.pk]) if ids else ""), ids
