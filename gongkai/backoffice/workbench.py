"""The workbench home collects task panels from each module's `backoffice/<module>/panels.py`.

A module's `panels(request)` returns a list of `Panel`s for the signed-in person (already filtered by access).
"""

from dataclasses import dataclass, field
from importlib import import_module

MODULES = (
    "catalog",
    "publishing",
    "screening",
    "applications",
    "reports",
    "search",
    "services",
    "system",
    "villages",
    "engagement",
    "oversight",
)


@dataclass
class Panel:
    title: str
    items: list = field(default_factory=list)  # dicts with "label", "url" and optional "light", "meta"
    more_url: str = ""
    empty_text: str = ""
    count: int | None = None
    warnings: list = field(default_factory=list)  # sentences shown above the items (e.g. provisional deadlines)


def collect_panels(request) -> list[Panel]:
    panels: list[Panel] = []
    for module in MODULES:
        try:
            provider = import_module(f"gongkai.backoffice.{module}.panels")
        except ModuleNotFoundError as error:
            if error.name != f"gongkai.backoffice.{module}.panels":
                raise
            continue
        panels.extend(provider.panels(request))
    return panels
