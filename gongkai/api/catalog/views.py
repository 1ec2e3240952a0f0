"""Public JSON of the standard catalog: domains, an organization's in-force items, one item by its code."""

from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gongkai.api.responses import api_view, error_response, json_response
from gongkai.catalog.exporting import ExportRow, item_json
from gongkai.catalog.models import Domain
from gongkai.catalog.models.items import LEVEL_FIELDS
from gongkai.catalog.selectors import public_catalog, public_item, public_items, with_columns

PAGE_SIZE = 200


def names_of(item) -> list[str]:
    names, node = [], item
    while node is not None:
        names.insert(0, node.name)
        node = node.parent
    return names


@require_GET
@api_view()
def domains(request):
    rows = Domain.objects.filter(is_active=True).values("code", "name", "is_national")
    return json_response({"domains": list(rows)})


@require_GET
@api_view()
def items(request, org):
    catalog = public_catalog(org)
    if catalog is None:
        return error_response("catalog.not_found", _("找不到该机构的标准目录。"), 404)
    found = public_items(catalog).filter(is_group=False)
    if domain := request.GET.get("domain"):
        found = found.filter(domain__code=domain)
    if (level := request.GET.get("level")) in LEVEL_FIELDS:
        found = found.filter(**{LEVEL_FIELDS[level]: True})
    if stage := request.GET.get("stage"):
        found = found.filter(stage=stage)
    offset = int(request.GET.get("offset", "0")) if request.GET.get("offset", "0").isdigit() else 0
    total = found.count()
    page = with_columns(found.select_related("source_item__catalog__organization"))[offset : offset + PAGE_SIZE]
    return json_response(
        {
            "organization": catalog.organization.name,
            "total": total,
            "offset": offset,
            "items": [item_json(ExportRow(item, names_of(item), item.domain)) for item in page],
        }
    )


@require_GET
@api_view()
def item(request, org, code):
    catalog = public_catalog(org)
    shown = public_item(catalog, code) if catalog else None
    if shown is None:
        return error_response("catalog.not_found", _("找不到该事项。"), 404)
    return json_response(item_json(ExportRow(shown, names_of(shown), shown.domain)))
