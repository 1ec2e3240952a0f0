"""The public search page: works without JavaScript, with paging and filters."""

from django.shortcuts import render

from gongkai.search.errors import SearchUnavailable
from gongkai.search.selectors import search
from gongkai.search.services import record_search

from .forms import SearchForm


def parse_page(value) -> int:
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


def search_page(request):
    form = SearchForm(request.GET or None)
    results = None
    unavailable = ""
    if request.GET and form.is_valid():
        text = form.cleaned_data["q"]
        filters = form.filters()
        page_number = parse_page(request.GET.get("page"))
        try:
            results = search(text, filters, sort=form.cleaned_data.get("sort") or "relevance", page=page_number)
        except SearchUnavailable as error:  # the search service of a multi-server installation is down
            unavailable = error.message
        if results is not None and text.strip() and page_number == 1:
            record_search(query=text, result_count=results.total)
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    filters_active = any(value for name, value in request.GET.items() if name not in {"q", "page", "sort"})
    context = {
        "form": form,
        "results": results,
        "query_string": query_without_page.urlencode(),
        "filters_active": filters_active or bool(form.errors),
        "unavailable": unavailable,
    }
    return render(request, "portal/search/search.html", context, status=503 if unavailable else 200)
