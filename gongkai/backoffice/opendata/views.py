"""Back-office overview of the open-data catalog for the disclosure office: every dataset of the organizations it
oversees, with its light (overdue per update cycle) and downloads, so overdue datasets are seen and chased."""

from django.db.models import Sum
from django.shortcuts import render
from django.utils import timezone

from gongkai.backoffice.decorators import staff_required
from gongkai.opendata.models import Dataset
from gongkai.opendata.selectors import light_of
from gongkai.orgs.access import MANAGERS, organizations_for


@staff_required(roles=MANAGERS)
def index(request):
    today = timezone.localdate()
    datasets = list(
        Dataset.objects.filter(publisher__in=organizations_for(request.user, MANAGERS))
        .select_related("publisher")
        .prefetch_related("resources")
        .annotate(downloads=Sum("resources__download_count"))
        .order_by("publisher__name", "title", "id")
    )
    for dataset in datasets:
        dataset.light = light_of(dataset, today)
    counts = {light: sum(dataset.light == light for dataset in datasets) for light in ("red", "yellow", "green")}
    return render(request, "backoffice/opendata/index.html", {"datasets": datasets, "counts": counts})
