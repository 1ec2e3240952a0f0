"""Reads of the open-data catalog: the public datasets, one dataset, and its light by update cycle.

Light rule (红黄绿灯, the same three lights as publishing's): a dataset with file resources is due one update cycle
after its data update date. Red once that date has passed, yellow in the last fifth of the cycle (at least one
day), green otherwise. Irregular datasets and datasets made only of live queries (always current) are green."""

from datetime import date, timedelta

from django.db.models import Prefetch, QuerySet

from gongkai.publishing.models import Light

from .models import CYCLE_DAYS, Dataset, Resource, UpdateCycle


def published_datasets() -> QuerySet[Dataset]:
    return (
        Dataset.objects.filter(is_published=True, publisher__is_active=True)
        .select_related("publisher", "domain")
        .prefetch_related(Prefetch("resources", queryset=Resource.objects.order_by("sort_order", "id")))
        .order_by("publisher__region__path", "publisher__sort_order", "title", "id")
    )


def public_dataset(slug: str) -> Dataset | None:
    return published_datasets().filter(slug=slug).first()


def public_resource(*, slug: str, resource_id: int) -> Resource | None:
    return (
        Resource.objects.filter(pk=resource_id, dataset__slug=slug, dataset__is_published=True)
        .select_related("dataset__publisher")
        .first()
    )


def light_of(dataset: Dataset, today: date) -> str:
    days = CYCLE_DAYS.get(dataset.update_cycle)
    if dataset.update_cycle == UpdateCycle.IRREGULAR or days is None or dataset.is_live():
        return Light.GREEN
    due = dataset.updated_on + timedelta(days=days)
    if today > due:
        return Light.RED
    if today > due - timedelta(days=max(1, days // 5)):
        return Light.YELLOW
    return Light.GREEN
