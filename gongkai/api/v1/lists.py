"""The one list convention of the API: `page`/`page_size` in, `{count, page, pages, page_size, results}` out.

Filtering is by plain query parameters named after the field (`?organization=12&genre=notice`), ordering by
`ordering=<field>` or `ordering=-<field>` among the values each list declares. A page past the end is an empty
`results` with the true `count`, not an error.
"""

from math import ceil

from ninja import Field, Schema

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
MAX_PAGE = 10_000


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="页码，从 1 开始。")
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="每页条数，最多 200。")


class Page[T](Schema):
    count: int
    page: int
    pages: int
    page_size: int
    results: list[T]


def page_of(queryset, query: PageQuery, *, count: int | None = None) -> tuple[list, dict]:
    """One page of `queryset` (already filtered and ordered) and the envelope fields around it."""
    total = queryset.count() if count is None else count
    start = (query.page - 1) * query.page_size
    items = list(queryset[start : start + query.page_size]) if start < total else []
    envelope = {
        "count": total,
        "page": query.page,
        "pages": max(1, ceil(total / query.page_size)),
        "page_size": query.page_size,
    }
    return items, envelope


def ordered(queryset, ordering: str, *, fields: dict[str, str]):
    """Order by one declared public name (`-` for descending), then by id so pages never overlap."""
    descending = ordering.startswith("-")
    field = fields[ordering.lstrip("-")]
    return queryset.order_by(f"-{field}" if descending else field, "-id" if descending else "id")
