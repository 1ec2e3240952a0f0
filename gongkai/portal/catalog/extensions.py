"""Extension point of the public item page: other modules add sections without the catalog importing them.

A module (e.g. publishing) registers, in its AppConfig.ready():

    from gongkai.portal.catalog.extensions import register_item_section
    register_item_section(published_records_section)

where `published_records_section(request, item) -> str | None` returns rendered HTML (a `<section>` with its own
heading) or None. Sections are shown after the item's standard, in registration order.
"""

from collections.abc import Callable

ItemSection = Callable[..., str | None]
ITEM_SECTIONS: list[ItemSection] = []


def register_item_section(section: ItemSection) -> None:
    if section not in ITEM_SECTIONS:
        ITEM_SECTIONS.append(section)


def item_sections(request, item) -> list[str]:
    return [html for section in ITEM_SECTIONS if (html := section(request, item))]
