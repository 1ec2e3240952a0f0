"""The public search endpoint: the same index and filters as the portal's search page, as JSON."""

from datetime import date
from typing import Literal

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from gongkai.catalog.models import Domain, Stage
from gongkai.core.errors import DomainError
from gongkai.publishing.models import Validity
from gongkai.publishing.standard_columns import walk
from gongkai.search.documents import SORT_DATE, SORT_RELEVANCE, SearchFilters
from gongkai.search.selectors import MAX_PAGE, search

from ..v1.lists import Page
from ..v1.schemas import ERRORS, ErrorOut, Id, IsoDate
from ..v1.security import ClientRate

router = Router(tags=["search"])

MAX_PAGE_SIZE = 50
EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)
INVALID_FILTER = "search.invalid_filter"


class HitOut(Schema):
    kind: str
    id: int
    title: str
    url: str
    date: str
    score: float | None = Field(..., description="相关度；只按条件筛选、没有关键词时为 null。")
    exact: bool
    snippet: str = Field(..., description="安全的 HTML，命中的词以 <mark> 标出。")
    fields: dict


class SearchQuery(Schema):
    q: str = Field("", max_length=200, description="关键词；也可直接输入文号或索引号。")
    kind: Literal["record", "item"] | None = None
    org: Id | None = Field(None, description="发布机构 id。")
    column: str | None = Field(None, max_length=80)
    domain: str | None = Field(None, max_length=50)
    stage: Stage | None = None
    validity: Validity | None = None
    type: Literal["pdf", "docx", "xlsx", "jpg", "png"] | None = Field(None, description="附件类型。")
    # The embedded engine stores dates as 64-bit nanoseconds (years 1677–2262): keep far inside that.
    start: IsoDate | None = Field(None, ge=EARLIEST, le=LATEST, description="发布日期自。")
    end: IsoDate | None = Field(None, ge=EARLIEST, le=LATEST, description="发布日期至。")
    ordering: Literal["relevance", "-date"] = "relevance"
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


def invalid(message: str, field: str) -> DomainError:
    return DomainError(INVALID_FILTER, message, field=field)


def filters_of(query: SearchQuery) -> SearchFilters:
    """The filters, refused with a message naming the filter when one cannot match anything by construction."""
    if query.start and query.end and query.start > query.end:
        raise invalid(_("截止日期不能早于起始日期。"), "end")
    if query.column and query.column not in {column.slug for _parent, column in walk() if column.kind != "stage"}:
        raise invalid(_("栏目：没有标识为“%(value)s”的栏目。") % {"value": query.column}, "column")
    if query.domain and not Domain.objects.filter(code=query.domain, is_active=True).exists():
        raise invalid(_("领域：没有代码为“%(value)s”的领域。") % {"value": query.domain}, "domain")
    return SearchFilters(
        kind=query.kind or "",
        organization=str(query.org) if query.org else "",
        column=query.column or "",
        domain=query.domain or "",
        stage=query.stage or "",
        validity=query.validity or "",
        file_type=query.type or "",
        date_from=query.start,
        date_to=query.end,
    )


@router.get(
    "/",
    response={200: Page[HitOut], **ERRORS, 503: ErrorOut},
    auth=None,
    throttle=[ClientRate("search", "GONGKAI_API_SEARCH_RATE", 120)],
)
def search_endpoint(request, query: Query[SearchQuery]):
    """Public records and catalog items matching the words, exact document or index numbers first."""
    results = search(
        query.q,
        filters_of(query),
        sort=SORT_DATE if query.ordering == "-date" else SORT_RELEVANCE,
        page=query.page,
        page_size=query.page_size,
    )
    return {
        "count": results.total,
        "page": results.page,
        "pages": results.num_pages,
        "page_size": results.page_size,
        "results": [
            {
                "kind": hit.kind,
                "id": hit.id,
                "title": hit.title,
                "url": hit.url,
                "date": hit.date.isoformat(),
                "score": hit.score,
                "exact": hit.exact,
                "snippet": str(hit.snippet),
                "fields": hit.fields,
            }
            for hit in results.hits
        ],
    }
