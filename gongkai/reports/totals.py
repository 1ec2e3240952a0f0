"""Sums inside the tables: the derived cells, and applying typed-in figures (overrides) before and after them."""

from . import tables as t


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


def complete_totals(values: dict) -> None:
    """Fill the derived cells: the 总计 column and （七）总计 of 表三, the 总计 of each group of 表四."""
    for row in t.REQUEST_ROWS:
        if row == t.RESULT_TOTAL_ROW:
            continue
        values[t.Cell(t.TABLE_REQUESTS, row, (t.TOTAL,)).key] = sum(
            values[t.Cell(t.TABLE_REQUESTS, row, (column,)).key] for column in t.APPLICANT_COLUMNS
        )
    for column in t.REQUEST_COLUMNS:
        values[t.Cell(t.TABLE_REQUESTS, t.RESULT_TOTAL_ROW, (column,)).key] = sum(
            values[t.Cell(t.TABLE_REQUESTS, row, (column,)).key] for row in t.result_leaf_rows()
        )
    for group in t.REVIEW_GROUPS:
        values[t.Cell(t.TABLE_REVIEWS, (), (*group, t.TOTAL)).key] = sum(
            values[t.Cell(t.TABLE_REVIEWS, (), (*group, column)).key] for column in t.RESULT_COLUMNS[:-1]
        )


def effective_values(computed: dict, overrides: dict[str, str]) -> dict:
    """`overrides`: cell key → typed-in value. Overrides of ordinary cells apply first and the sums follow them; an
    override of a sum itself wins last (and may then disagree with its parts: the checks say so)."""
    values = dict(computed)
    for key, value in overrides.items():
        if key not in DERIVED_KEYS:
            values[key] = t.parse_value(t.Cell.from_key(key), value)
    if any(key not in DERIVED_KEYS for key in overrides):
        complete_totals(values)
    for key, value in overrides.items():
        if key in DERIVED_KEYS:
            values[key] = t.parse_value(t.Cell.from_key(key), value)
    return values
