"""The open-data demo step: five datasets of the district government, the service sites live from the services demo
(CSV, XLSX, JSON), one file dataset left overdue; a second run changes nothing."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.core.demo import DemoContext
from gongkai.core.models import AuditEntry
from gongkai.opendata import demo
from gongkai.opendata.models import Dataset, Query
from gongkai.opendata.selectors import light_of
from gongkai.orgs import demo as orgs_demo
from gongkai.services import demo as services_demo
from gongkai.services.selectors import public_sites

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_demo_catalogues_the_service_sites_live_and_runs_once(client):
    context = DemoContext(stdout=io.StringIO())
    orgs_demo.build(context)
    services_demo.build(context)
    demo.build(context)
    today = timezone.localdate()
    lights = {dataset.slug: light_of(dataset, today) for dataset in Dataset.objects.all()}
    assert lights == {
        "published-records": "green",
        "standard-catalog-items": "green",
        "annual-report-figures": "green",
        "service-sites": "green",
        "village-service-points": "red",
    }
    sites = Dataset.objects.get(slug="service-sites")
    resources = list(sites.resources.order_by("sort_order"))
    assert [(resource.query, resource.format) for resource in resources] == [
        (Query.SERVICE_SITES, "csv"),
        (Query.SERVICE_SITES, "xlsx"),
        (Query.SERVICE_SITES, "json"),
    ]
    response = client.get(reverse("portal:opendata:download", args=["service-sites", resources[0].pk]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == public_sites().count() == 85
    entries = AuditEntry.objects.count()
    demo.build(context)
    assert (Dataset.objects.count(), AuditEntry.objects.count()) == (5, entries)
