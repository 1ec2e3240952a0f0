"""Public pages of the open-data catalog: the list with lights, a dataset's page, downloads (counted), the DCAT
JSON-LD per dataset and data.json for the whole catalog."""

from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai.opendata import services
from gongkai.opendata.dcat import catalog_json, dataset_jsonld
from gongkai.opendata.exporting import CONTENT_TYPES, export
from gongkai.opendata.models import ResourceKind
from gongkai.opendata.selectors import light_of, public_dataset, public_resource, published_datasets
from gongkai.opendata.sources import rows_of

JSON_PARAMS = {"ensure_ascii": False}


def index(request):
    today = timezone.localdate()
    datasets = list(published_datasets())
    for dataset in datasets:
        dataset.light = light_of(dataset, today)
    return render(request, "portal/opendata/index.html", {"datasets": datasets})


def dataset_page(request, slug):
    dataset = public_dataset(slug)
    if dataset is None:
        raise Http404
    dataset.light = light_of(dataset, timezone.localdate())
    return render(request, "portal/opendata/dataset.html", {"dataset": dataset})


def dataset_ld(request, slug):
    dataset = public_dataset(slug)
    if dataset is None:
        raise Http404
    response = JsonResponse(dataset_jsonld(dataset, request.build_absolute_uri), json_dumps_params=JSON_PARAMS)
    response["Content-Type"] = "application/ld+json"
    return response


def data_json(request):
    return JsonResponse(catalog_json(published_datasets(), request.build_absolute_uri), json_dumps_params=JSON_PARAMS)


def download(request, slug, resource_id):
    resource = public_resource(slug=slug, resource_id=resource_id)
    if resource is None:
        raise Http404
    services.count_download(resource=resource)
    filename = f"{resource.dataset.slug}-{resource.pk}.{resource.format}"
    if resource.kind == ResourceKind.FILE:
        return FileResponse(resource.file.open("rb"), as_attachment=True, filename=filename)
    columns, rows = rows_of(resource.query, resource.parameters)
    response = HttpResponse(export(resource.format, columns, rows), content_type=CONTENT_TYPES[resource.format])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
