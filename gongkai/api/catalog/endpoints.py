"""Public endpoints of the standard catalog: domains, an organization's in-force items, one item by its code."""

from typing import Literal

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from gongkai.catalog.exporting import ExportRow, item_json
from gongkai.catalog.models import Domain, Stage
from gongkai.catalog.models.items import LEVEL_FIELDS
from gongkai.catalog.selectors import public_catalog, public_item, public_items, with_columns
from gongkai.orgs.models import Level

from ..errors import NotFound
from ..v1.lists import Page, PageQuery, ordered, page_of
from ..v1.schemas import ERRORS

router = Router(tags=["catalog"])


class DomainOut(Schema):
    code: str
    name: str
    is_national: bool


class NamedCode(Schema):
    code: str
    name: str


class TimeLimitOut(Schema):
    text: str
    kind: str
    days: int | None
    month: int | None
    day: int | None
    publicity_days: int | None


class BasisOut(Schema):
    document: str
    articles: str = ""


class ResponsibleOut(Schema):
    name: str
    credit_code: str


class ItemOut(Schema):
    code: str
    name: str
    path: list[str]
    domain: NamedCode
    parent: str | None
    is_group: bool
    elements: str
    basis: list[BasisOut]
    time_limit: TimeLimitOut
    responsible: str
    responsible_organizations: list[ResponsibleOut]
    channels: list[str]
    audience: str
    mode: str
    levels: list[str]
    stage: str
    attribute: str
    withheld_ground: str
    source: str
    source_note: str
    version: int
    adopted_from: str | None


class DomainQuery(PageQuery):
    ordering: Literal["code", "-code", "name", "-name"] = "code"


class ItemQuery(PageQuery):
    domain: str | None = Field(None, max_length=50, description="领域代码。")
    level: Level | None = None
    stage: Stage | None = None
    ordering: Literal["code", "-code", "catalog"] = Field("catalog", description="catalog = 按目录顺序。")


def names_of(item) -> list[str]:
    names, node = [], item
    while node is not None:
        names.insert(0, node.name)
        node = node.parent
    return names


def item_out(item) -> dict:
    return item_json(ExportRow(item, names_of(item), item.domain))


@router.get("/domains/", response={200: Page[DomainOut], **ERRORS}, auth=None)
def domains(request, query: Query[DomainQuery]):
    found = ordered(Domain.objects.filter(is_active=True), query.ordering, fields={"code": "code", "name": "name"})
    items, envelope = page_of(found, query)
    return {**envelope, "results": items}


@router.get("/{org}/items/", response={200: Page[ItemOut], **ERRORS}, auth=None)
def items(request, org: str, query: Query[ItemQuery]):
    """An organization's in-force items (by credit code or id); withheld items of the negative list are not shown."""
    catalog = public_catalog(org)
    if catalog is None:
        raise NotFound("catalog.not_found", _("找不到该机构的标准目录。"))
    found = public_items(catalog).filter(is_group=False)
    if query.domain:
        found = found.filter(domain__code=query.domain)
    if query.level:
        found = found.filter(**{LEVEL_FIELDS[query.level]: True})
    if query.stage:
        found = found.filter(stage=query.stage)
    if query.ordering != "catalog":
        found = ordered(found, query.ordering, fields={"code": "code"})
    count = found.count()
    page, envelope = page_of(
        with_columns(found.select_related("source_item__catalog__organization")), query, count=count
    )
    return {**envelope, "results": [item_out(item) for item in page]}


@router.get("/{org}/items/{code}/", response={200: ItemOut, **ERRORS}, auth=None)
def item(request, org: str, code: str):
    catalog = public_catalog(org)
    shown = public_item(catalog, code) if catalog else None
    if shown is None:
        raise NotFound("catalog.not_found", _("找不到该事项。"))
    return item_out(shown)
