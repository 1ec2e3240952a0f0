"""Counting guide page views per day, for the "most used services" chart."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ..models import GuideUsage


def count_guide_view(*, guide_id: int) -> None:
    """Add one view of the guide today. Not audited: a public page view is not an act of anyone's office."""
    day = timezone.localdate()
    if GuideUsage.objects.filter(guide_id=guide_id, day=day).update(views=F("views") + 1):
        return
    try:
        with transaction.atomic():
            GuideUsage.objects.create(guide_id=guide_id, day=day, views=1)
    except IntegrityError:
        GuideUsage.objects.filter(guide_id=guide_id, day=day).update(views=F("views") + 1)
