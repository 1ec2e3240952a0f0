"""Public statistics of case progress per service (办件公开): counts and average time against the promised time."""

from ninja import Field, Query, Router, Schema

from gongkai.cases.selectors import statistics

from ..v1.lists import Page, PageQuery
from ..v1.schemas import ERRORS, Id

router = Router(tags=["cases"])


class ServiceStatisticsOut(Schema):
    organization: str
    service_name: str
    item_code: str
    received: int
    decided: int
    average_days: float | None = Field(..., description="受理到决定的平均工作日数。")
    promised_days: int | None
    within_promise: int
    within_share: float | None = Field(..., description="按时办结率（%）。")


class StatisticsQuery(PageQuery):
    year: int | None = Field(None, ge=2000, le=2100)
    organization: Id | None = None


@router.get("/statistics/", response={200: Page[ServiceStatisticsOut], **ERRORS}, auth=None)
def case_statistics(request, query: Query[StatisticsQuery]):
    rows = statistics(year=query.year, organization_id=query.organization)
    start = (query.page - 1) * query.page_size
    page = rows[start : start + query.page_size]
    return {
        "count": len(rows),
        "page": query.page,
        "pages": max(1, -(-len(rows) // query.page_size)),
        "page_size": query.page_size,
        "results": [{**row.__dict__, "within_share": row.within_share} for row in page],
    }
