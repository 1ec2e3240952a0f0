"""Reads of the open-data catalog: the public datasets, one dataset, and its light by update cycle.

Light rule (红黄绿灯, the same three lights as publishing's): a dataset with file resources is due one update cycle
after its data update date. Red once that date has passed, yellow in the last fifth of the cycle (at least one
day), green otherwise. Irregular datasets and datasets made only of live queries (always current) are green."""

from datetime import date, timedelta

from django.db.models import Prefetch, QuerySet, Sum

from gongkai.core.errors import AccessDenied
from gongkai.orgs.access import MANAGERS, organizations_for
from gongkai.publishing.models import Light

from .models import CYCLE_DAYS, Dataset, Resource, UpdateCycle


def published_datasets() -> QuerySet[Dataset]:
    return (
        Dataset.objects.filter(is_published=True, publisher__is_active=True)
        .select_related("publisher", "domain")
        .prefetch_related(
            Prefetch("resources", queryset=Resource.objects.filter(is_active=True).order_by("sort_order", "id"))
        )
        .order_by("publisher__region__path", "publisher__sort_order", "title", "id")
    )


def public_dataset(slug: str) -> Dataset | None:
    return published_datasets().filter(slug=slug).first()


def public_resource(*, slug: str, resource_id: int) -> Resource | None:
    return (
        Resource.objects.filter(pk=resource_id, dataset__slug=slug, dataset__is_published=True, is_active=True)
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


def datasets_for_staff(person) -> QuerySet[Dataset]:
    """Every dataset (open or retired) of the organizations the person catalogues for: the disclosure office's
    region, or everything for an administrator. Annotated with `downloads`."""
    return (
        Dataset.objects.filter(publisher__in=organizations_for(person, MANAGERS))
        .select_related("publisher", "domain")
        .prefetch_related(Prefetch("resources", queryset=Resource.objects.order_by("sort_order", "id")))
        .annotate(downloads=Sum("resources__download_count"))
        .order_by("publisher__name", "title", "id")
    )


def dataset_for_staff(*, person, dataset_id) -> Dataset:
    """The access function for datasets: AccessDenied (a 404 in the back office) outside the person's scope."""
    dataset = datasets_for_staff(person).filter(pk=dataset_id).first()
    if dataset is None:
        raise AccessDenied()
    return dataset


def resource_for_staff(*, person, dataset_id, resource_id) -> Resource:
    dataset = dataset_for_staff(person=person, dataset_id=dataset_id)
    resource = Resource.objects.filter(pk=resource_id, dataset=dataset).select_related("dataset__publisher").first()
    if resource is None:
        raise AccessDenied()
    return resource
