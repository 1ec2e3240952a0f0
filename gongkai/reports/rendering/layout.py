"""The official layout of the three tables as a grid of cells with row and column spans.

HTML, Word and PDF are all drawn from this one grid, so the merged header cells are the same everywhere.
"""

from dataclasses import dataclass

from .. import tables as t
from ..narrative import format_amount


@dataclass
class GridCell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    header: bool = False
    key: str = ""  # the Cell.key for a figure
    overridden: bool = False
    failed: bool = False
    scope: str = ""  # "col" / "row" for header cells (HTML accessibility)


@dataclass
class Grid:
    table: str
    title: str
    columns: int
    rows: list[list[GridCell]]
    header_rows: int


def display(value) -> str:
    return format_amount(value) if not isinstance(value, int) else str(value)


class _Figures:
    def __init__(self, values: dict, overridden: set, failed: set):
        self.values, self.overridden, self.failed = values, overridden, failed

    def cell(self, cell: t.Cell, colspan: int = 1) -> GridCell:
        key = cell.key
        return GridCell(
            display(self.values[key]),
            colspan=colspan,
            key=key,
            overridden=key in self.overridden,
            failed=key in self.failed,
        )


def active_grid(figures: _Figures) -> Grid:
    rows: list[list[GridCell]] = []
    for block, contents, columns in t.ACTIVE_BLOCKS:
        rows.append([GridCell(block, colspan=4, header=True, scope="colgroup")])
        span = 3 // len(columns)
        header = [GridCell("信息内容", header=True, scope="col")]
        header += [GridCell(column, colspan=span, header=True, scope="col") for column in columns]
        rows.append(header)
        for content in contents:
            row = [GridCell(content, header=True, scope="row")]
            row += [figures.cell(t.Cell(t.TABLE_ACTIVE, (block, content), (column,)), span) for column in columns]
            rows.append(row)
    return Grid(t.TABLE_ACTIVE, t.TABLE_TITLES[t.TABLE_ACTIVE], 4, rows, header_rows=0)


def request_grid(figures: _Figures) -> Grid:
    rows: list[list[GridCell]] = [
        [
            GridCell(t.BALANCE_NOTE, colspan=3, rowspan=3, header=True),
            GridCell(t.APPLICANT_HEADER, colspan=7, header=True, scope="colgroup"),
        ],
        [
            GridCell(t.NATURAL_PERSON, rowspan=2, header=True, scope="col"),
            GridCell(t.ORGANIZATIONS_HEADER, colspan=5, header=True, scope="colgroup"),
            GridCell(t.TOTAL, rowspan=2, header=True, scope="col"),
        ],
        [GridCell(column, header=True, scope="col") for column in t.ORGANIZATION_COLUMNS],
    ]

    def figures_of(row: tuple) -> list[GridCell]:
        return [figures.cell(t.Cell(t.TABLE_REQUESTS, row, (column,))) for column in t.REQUEST_COLUMNS]

    rows.append([GridCell(t.NEW, colspan=3, header=True, scope="row"), *figures_of((t.NEW,))])
    rows.append([GridCell(t.CARRIED_IN, colspan=3, header=True, scope="row"), *figures_of((t.CARRIED_IN,))])
    result_rows = len(t.result_leaf_rows()) + 1
    first = True
    for group, leaves in t.RESULT_GROUPS:
        lead = [GridCell(t.RESULTS, rowspan=result_rows, header=True, scope="rowgroup")] if first else []
        first = False
        if not leaves:
            rows.append([*lead, GridCell(group, colspan=2, header=True, scope="row"), *figures_of((t.RESULTS, group))])
            continue
        for index, leaf in enumerate(leaves):
            group_cell = [GridCell(group, rowspan=len(leaves), header=True, scope="rowgroup")] if index == 0 else []
            rows.append(
                [
                    *(lead if index == 0 else []),
                    *group_cell,
                    GridCell(leaf, header=True, scope="row"),
                    *figures_of((t.RESULTS, group, leaf)),
                ]
            )
    rows.append([GridCell(t.RESULTS_TOTAL, colspan=2, header=True, scope="row"), *figures_of(t.RESULT_TOTAL_ROW)])
    rows.append([GridCell(t.CARRIED_OUT, colspan=3, header=True, scope="row"), *figures_of((t.CARRIED_OUT,))])
    return Grid(t.TABLE_REQUESTS, t.TABLE_TITLES[t.TABLE_REQUESTS], 10, rows, header_rows=3)


def review_grid(figures: _Figures) -> Grid:
    rows = [
        [
            GridCell(t.ADMINISTRATIVE_REVIEW, colspan=5, rowspan=2, header=True, scope="colgroup"),
            GridCell(t.LITIGATION, colspan=10, header=True, scope="colgroup"),
        ],
        [
            GridCell(t.DIRECT_SUIT, colspan=5, header=True, scope="colgroup"),
            GridCell(t.SUIT_AFTER_REVIEW, colspan=5, header=True, scope="colgroup"),
        ],
        [GridCell(column, header=True, scope="col") for _group in t.REVIEW_GROUPS for column in t.RESULT_COLUMNS],
        [
            figures.cell(t.Cell(t.TABLE_REVIEWS, (), (*group, column)))
            for group in t.REVIEW_GROUPS
            for column in t.RESULT_COLUMNS
        ],
    ]
    return Grid(t.TABLE_REVIEWS, t.TABLE_TITLES[t.TABLE_REVIEWS], 15, rows, header_rows=3)


def grids(values: dict, overridden=(), failed=()) -> list[Grid]:
    figures = _Figures(values, set(overridden), set(failed))
    return [active_grid(figures), request_grid(figures), review_grid(figures)]


def placed(grid: Grid):
    """Yield (row index, column index, cell) with each cell at its real position once spans are accounted for."""
    taken: set[tuple[int, int]] = set()
    for row_index, row in enumerate(grid.rows):
        column = 0
        for cell in row:
            while (row_index, column) in taken:
                column += 1
            yield row_index, column, cell
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((row_index + dr, column + dc))
            column += cell.colspan
