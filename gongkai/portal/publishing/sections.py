"""The section the catalog's public item page shows: the latest public records of that item.

Registered with `gongkai.portal.catalog.extensions` when these URLs load (the portal's URL configuration imports
them before any page renders), so neither the catalog nor the publishing domain app imports the portal.
"""

from django.template.loader import render_to_string

from gongkai.publishing.selectors import published_records

SECTION_SIZE = 10


def published_records_section(request, item) -> str | None:
    records = published_records().filter(items=item)
    shown = list(records[:SECTION_SIZE])
    if not shown:
        return None
    context = {"item": item, "records": shown, "more": records.count() > SECTION_SIZE}
    return render_to_string("portal/publishing/_item_section.html", context, request=request)


def register() -> None:
    try:
        from gongkai.portal.catalog.extensions import register_item_section
    except ImportError:  # the catalog's public pages are not installed
        return
    register_item_section(published_records_section)
