"""Everything an output needs about one report, gathered once: title, sections, table grids, overrides, failures."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .. import tables as t
from ..figures import Figures, figures_of
from ..models import AnnualReport
from .layout import Grid, display, grids

SECTION_TITLES = {
    "overview": "一、总体情况",
    "problems": "五、存在的主要问题及改进情况",
    "other_matters": "六、其他需要报告的事项",
}


@dataclass
class OverrideNote:
    key: str
    label: str
    value: str
    computed_value: str
    reason: str
    set_by: str
    set_at: object


@dataclass
class ReportDocument:
    report: AnnualReport
    figures: Figures
    grids: list[Grid]
    overrides: list[OverrideNote] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.report.title

    @property
    def organization_name(self) -> str:
        return self.report.organization.name

    @property
    def year(self) -> int:
        return self.report.year

    @property
    def failures(self):
        return self.figures.failures

    def paragraphs(self, name: str) -> list[str]:
        return [part.strip() for part in getattr(self.report, name).split("\n\n") if part.strip()]

    @property
    def sections(self) -> list[dict]:
        """The six sections in order; 二、三、四 carry their table grid."""
        by_table = {grid.table: grid for grid in self.grids}
        return [
            {"title": SECTION_TITLES["overview"], "paragraphs": self.paragraphs("overview")},
            {"title": t.TABLE_TITLES[t.TABLE_ACTIVE], "grid": by_table[t.TABLE_ACTIVE]},
            {"title": t.TABLE_TITLES[t.TABLE_REQUESTS], "grid": by_table[t.TABLE_REQUESTS]},
            {"title": t.TABLE_TITLES[t.TABLE_REVIEWS], "grid": by_table[t.TABLE_REVIEWS]},
            {"title": SECTION_TITLES["problems"], "paragraphs": self.paragraphs("problems")},
            {"title": SECTION_TITLES["other_matters"], "paragraphs": self.paragraphs("other_matters")},
        ]

    @property
    def override_footnote(self) -> str:
        return _("注：标“*”的数据为人工填报，与系统统计值不同，理由见下。")


def build_document(report: AnnualReport, overrides=None) -> ReportDocument:
    figures = figures_of(report, overrides)
    failed = {failure.cell for failure in figures.failures}
    notes = [
        OverrideNote(
            key=key,
            label=t.Cell.from_key(key).label,
            value=display(figures.values[key]),
            computed_value=display(figures.computed[key]),
            reason=override.reason,
            set_by=str(override.set_by) if override.set_by_id else "",
            set_at=override.set_at,
        )
        for key, override in sorted(figures.overridden.items(), key=lambda item: _order(item[0]))
    ]
    return ReportDocument(report, figures, grids(figures.values, figures.overridden, failed), notes)


_ORDER = {cell.key: index for index, cell in enumerate(t.all_cells())}


def _order(key: str) -> int:
    return _ORDER.get(key, len(_ORDER))
