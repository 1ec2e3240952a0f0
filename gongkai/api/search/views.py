"""The public search endpoint: GET /api/search/?q=…&page=…&sort=… (same filters as the portal search page)."""

from django.views.decorators.http import require_GET

from gongkai.api.responses import api_view, error_response, json_response
from gongkai.portal.search.forms import SearchForm
from gongkai.portal.search.views import parse_page
from gongkai.search.selectors import search

MAX_PAGE_SIZE = 50


def hit_data(hit) -> dict:
    return {
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


@require_GET
@api_view()
def search_endpoint(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        name, errors = next(iter(form.errors.items()))
        label = form.fields[name].label if name in form.fields else name
        return error_response("search.invalid_filter", f"{label}：{errors[0]}", 400)
    try:
        page_size = min(max(int(request.GET.get("page_size", 20)), 1), MAX_PAGE_SIZE)
    except ValueError:
        page_size = 20
    results = search(
        form.cleaned_data["q"],
        form.filters(),
        sort=form.cleaned_data.get("sort") or "relevance",
        page=parse_page(request.GET.get("page")),
        page_size=page_size,
    )
    return json_response(
        {
            "count": results.total,
            "page": results.page,
            "num_pages": results.num_pages,
            "results": [hit_data(hit) for hit in results.hits],
        }
    )
