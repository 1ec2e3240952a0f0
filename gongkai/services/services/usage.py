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


def add_usage(*, counts: dict) -> int:
    """Add page views in bulk, {(guide_id, day): views}, for days not counted yet (loading past statistics)."""
    days = {day for _, day in counts}
    guide_ids = {guide_id for guide_id, _ in counts}
    counted = set(GuideUsage.objects.filter(day__in=days, guide_id__in=guide_ids).values_list("guide_id", "day"))
    rows = [
        GuideUsage(guide_id=guide_id, day=day, views=views)
        for (guide_id, day), views in counts.items()
        if (guide_id, day) not in counted
    ]
    GuideUsage.objects.bulk_create(rows)
    return len(rows)
