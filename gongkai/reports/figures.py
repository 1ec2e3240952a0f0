"""A report's figures as they stand: the computed snapshot with the active manual overrides applied."""

from dataclasses import dataclass

from . import tables as t
from .checks import CheckFailure, check
from .computing import complete_totals


def derived_keys() -> frozenset[str]:
    """Cells that are sums of other cells (总计 column, （七）总计 row, 表四 总计)."""
    keys = set()
    for row in t.REQUEST_ROWS:
        keys.add(t.Cell(t.TABLE_REQUESTS, row, (t.TOTAL,)).key)
    for column in t.REQUEST_COLUMNS:
        keys.add(t.Cell(t.TABLE_REQUESTS, t.RESULT_TOTAL_ROW, (column,)).key)
    for group in t.REVIEW_GROUPS:
        keys.add(t.Cell(t.TABLE_REVIEWS, (), (*group, t.TOTAL)).key)
    return frozenset(keys)


DERIVED_KEYS = derived_keys()


@dataclass
class Figures:
    values: dict  # cell key → value as reported
    computed: dict  # cell key → value as computed from the data
    overridden: dict  # cell key → ReportOverride (active ones)
    failures: list[CheckFailure]


def effective_values(computed: dict, overrides: dict) -> dict:
    """Overrides of ordinary cells apply first and the sums follow them; an override of a sum itself wins last."""
    values = dict(computed)
    for key, override in overrides.items():
        if key not in DERIVED_KEYS:
            values[key] = t.parse_value(t.Cell.from_key(key), override.value)
    if any(key not in DERIVED_KEYS for key in overrides):
        complete_totals(values)
    for key, override in overrides.items():
        if key in DERIVED_KEYS:
            values[key] = t.parse_value(t.Cell.from_key(key), override.value)
    return values


def figures_of(report, overrides=None) -> Figures:
    """`overrides`: the report's active overrides when already fetched (saves a query), else read here."""
    if overrides is None and report.pk is None:
        overrides = []
    if overrides is None:
        overrides = list(report.overrides.filter(is_active=True).select_related("set_by"))
    by_cell = {override.cell: override for override in overrides}
    computed = t.decode(report.computed)
    values = effective_values(computed, by_cell)
    return Figures(values=values, computed=computed, overridden=by_cell, failures=check(values))
