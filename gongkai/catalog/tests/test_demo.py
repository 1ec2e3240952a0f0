"""The catalog demo step: realistic size, adoption, retirements, a pending change, and idempotence."""

import io

import pytest

from gongkai.catalog import demo as catalog_demo
from gongkai.catalog.models import Catalog, ChangeSet, ChangeSetStatus, Item, ItemStatus, ItemVersion
from gongkai.core.demo import DemoContext
from gongkai.core.models import AuditEntry
from gongkai.orgs import demo as orgs_demo


def run_steps(context):
    orgs_demo.build(context)
    catalog_demo.build(context)


@pytest.mark.django_db(transaction=False)
def test_demo_builds_the_district_catalog_once():
    context = DemoContext(stdout=io.StringIO())
    run_steps(context)
    county = context.objects["catalog"]
    in_force = Item.objects.filter(catalog=county, status=ItemStatus.IN_FORCE, is_group=False)
    assert in_force.count() >= 250
    assert in_force.values("domain").distinct().count() >= 5
    assert Item.objects.filter(catalog=county, status=ItemStatus.RETIRED).count() == 3
    assert ChangeSet.objects.filter(catalog=county, status=ChangeSetStatus.PENDING).count() == 1
    townships = Catalog.objects.filter(organization__in=context.objects["townships"])
    assert townships.count() == 7
    assert all(Item.objects.filter(catalog=catalog, source_item__isnull=False).exists() for catalog in townships)
    counts = (Item.objects.count(), ItemVersion.objects.count(), ChangeSet.objects.count(), AuditEntry.objects.count())
    run_steps(DemoContext(stdout=io.StringIO()))
    assert (
        Item.objects.count(),
        ItemVersion.objects.count(),
        ChangeSet.objects.count(),
        AuditEntry.objects.count(),
    ) == counts
