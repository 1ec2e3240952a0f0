"""Endpoints of the public statistics (数据统计): the same cached figures as the portal page and its CSV files."""

from datetime import datetime
from typing import Literal

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from gongkai.reports.statistics import public_statistics, statistics_years

from ..errors import NotFound
from ..v1.lists import Page, PageQuery, page_of
from ..v1.schemas import ERRORS

router = Router(tags=["statistics"])

Cell = str | int | float | None
TableKey = Literal[
    "records-by-month",
    "records-by-domain",
    "records-by-organization",
    "records-by-level",
    "records-by-stage",
    "applications-by-outcome",
    "applications-timeliness",
    "inquiries",
    "survey-satisfaction",
    "guide-time-limits",
]


class StatTableOut(Schema):
    """One table: `columns` are the headers, each row starts with its label; a figure with no data is null."""

    key: str
    title: str
    definition: str
    columns: list[str]
    rows: list[list[Cell]]


class PublicStatisticsOut(Schema):
    year: int
    region: str
    computed_at: datetime
    tables: list[StatTableOut]


class YearQuery(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="统计年度，默认为今年。")


class TableQuery(PageQuery, YearQuery):
    pass


def _year(query: YearQuery) -> int:
    return query.year if query.year is not None else statistics_years()[0]


@router.get("/", response={200: PublicStatisticsOut, **ERRORS}, auth=None)
def statistics(request, query: Query[YearQuery]):
    found = public_statistics(year=_year(query))
    return {
        "year": found.year,
        "region": found.region,
        "computed_at": found.computed_at,
        "tables": [table.as_dict() for table in found.tables],
    }


@router.get("/{table}/", response={200: Page[list[Cell]], **ERRORS}, auth=None)
def table_rows(request, table: TableKey, query: Query[TableQuery]):
    found = public_statistics(year=_year(query)).table(table)
    if found is None:
        raise NotFound("statistics.not_found", _("没有这张统计表。"))
    rows, envelope = page_of(list(found.rows), query, count=len(found.rows))
    return {**envelope, "results": [list(row) for row in rows]}
