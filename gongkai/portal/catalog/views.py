"""The public catalog: every organization's standard catalog by domain, level or five-disclosure stage."""

from django.http import Http404
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.handbook import handbook_context
from gongkai.catalog.models import Domain, Stage
from gongkai.catalog.selectors import (
    public_catalog,
    public_catalogs,
    public_item,
    public_items,
    public_negative_list,
)
from gongkai.orgs.models import Level

from .extensions import item_sections

VIEWS = {"domain": _("按领域"), "level": _("按层级"), "stage": _("按五公开")}
LEVEL_FIELDS = {Level.COUNTY: "level_county", Level.TOWNSHIP: "level_township", Level.VILLAGE: "level_village"}


def index(request):
    return render(request, "portal/catalog/index.html", {"catalogs": public_catalogs()})


def catalog_or_404(org):
    found = public_catalog(org)
    if found is None:
        raise Http404
    return found


def grouped(items, view: str) -> list[tuple[str, list]]:
    groups: dict[str, list] = {}
    if view == "level":
        for level in Level:
            groups[str(level.label)] = [item for item in items if getattr(item, LEVEL_FIELDS[level])]
    elif view == "stage":
        for stage in Stage:
            groups[str(stage.label)] = [item for item in items if item.stage == stage]
        groups[str(_("未标注"))] = [item for item in items if not item.stage]
    else:
        for item in items:
            groups.setdefault(item.domain.name, []).append(item)
    return [(title, members) for title, members in groups.items() if members]


def catalog(request, org):
    found = catalog_or_404(org)
    view = request.GET.get("view") if request.GET.get("view") in VIEWS else "domain"
    items = public_items(found).filter(is_group=False)
    domain = request.GET.get("domain", "")
    if domain:
        items = items.filter(domain__code=domain)
    context = {
        "catalog": found,
        "organization": found.organization,
        "view": view,
        "views": VIEWS,
        "groups": grouped(list(items), view),
        "domains": Domain.objects.filter(items__catalog=found, items__status="in_force").distinct(),
        "domain": domain,
    }
    return render(request, "portal/catalog/catalog.html", context)


def item(request, org, code):
    found = catalog_or_404(org)
    shown = public_item(found, code)
    if shown is None or shown.is_group and not shown.elements:
        raise Http404
    context = {
        "catalog": found,
        "organization": found.organization,
        "item": shown,
        "ancestors": ancestors(shown),
        "children": list(public_items(found).filter(parent=shown)),
        "sections": [mark_safe(html) for html in item_sections(request, shown)],  # noqa: S308 - rendered templates
    }
    return render(request, "portal/catalog/item.html", context)


def ancestors(item) -> list:
    chain, node = [], item.parent
    while node is not None:
        chain.insert(0, node)
        node = node.parent
    return chain


def handbook(request, org):
    found = catalog_or_404(org)
    context = handbook_context(found)
    return render(request, "portal/catalog/handbook.html", context)


def negative_list(request, org):
    found = catalog_or_404(org)
    context = {"catalog": found, "organization": found.organization, "negative_list": public_negative_list(found)}
    return render(request, "portal/catalog/negative_list.html", context)
