"""A report's figures as they stand: the computed snapshot with the active manual overrides applied."""

from dataclasses import dataclass

from . import tables as t
from .checks import CheckFailure, check
from .totals import effective_values


@dataclass
class Figures:
    values: dict  # cell key → value as reported
    computed: dict  # cell key → value as computed from the data
    overridden: dict  # cell key → ReportOverride (active ones)
    failures: list[CheckFailure]


def figures_of(report, overrides=None) -> Figures:
    """`overrides`: the report's active overrides when already fetched (saves a query), else read here."""
    if overrides is None and report.pk is None:
        overrides = []
    if overrides is None:
        overrides = list(report.overrides.filter(is_active=True).select_related("set_by"))
    by_cell = {override.cell: override for override in overrides}
    computed = t.decode(report.computed)
    values = effective_values(computed, {key: override.value for key, override in by_cell.items()})
    return Figures(values=values, computed=computed, overridden=by_cell, failures=check(values))
