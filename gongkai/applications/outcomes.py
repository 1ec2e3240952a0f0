"""Outcomes ↔ the rows of the annual report's table 三 (DOMAIN.md §2.2), with the usual legal basis of each."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import Outcome


@dataclass(frozen=True)
class OutcomeRow:
    group: str  # "（一）" … "（六）"
    group_label: str
    number: int | None  # the sub-row number inside the group, None for （一） and （二）
    basis: str


GROUPS = {
    "（一）": _("予以公开"),
    "（二）": _("部分公开"),
    "（三）": _("不予公开"),
    "（四）": _("无法提供"),
    "（五）": _("不予处理"),
    "（六）": _("其他处理"),
}

REGULATION = "《中华人民共和国政府信息公开条例》"

OUTCOME_ROWS: dict[str, OutcomeRow] = {
    Outcome.DISCLOSED: OutcomeRow("（一）", GROUPS["（一）"], None, REGULATION + "第三十六条第（一）项、第（二）项"),
    Outcome.PARTIALLY_DISCLOSED: OutcomeRow("（二）", GROUPS["（二）"], None, REGULATION + "第三十七条"),
    Outcome.WITHHELD_1: OutcomeRow("（三）", GROUPS["（三）"], 1, REGULATION + "第十四条、第三十六条第（三）项"),
    Outcome.WITHHELD_2: OutcomeRow("（三）", GROUPS["（三）"], 2, REGULATION + "第十四条、第三十六条第（三）项"),
    Outcome.WITHHELD_3: OutcomeRow("（三）", GROUPS["（三）"], 3, REGULATION + "第十四条、第三十六条第（三）项"),
    Outcome.WITHHELD_4: OutcomeRow(
        "（三）", GROUPS["（三）"], 4, REGULATION + "第十五条、第三十二条、第三十六条第（三）项"
    ),
    Outcome.WITHHELD_5: OutcomeRow("（三）", GROUPS["（三）"], 5, REGULATION + "第十六条第一款、第三十六条第（三）项"),
    Outcome.WITHHELD_6: OutcomeRow("（三）", GROUPS["（三）"], 6, REGULATION + "第十六条第二款、第三十六条第（三）项"),
    Outcome.WITHHELD_7: OutcomeRow("（三）", GROUPS["（三）"], 7, REGULATION + "第十六条第二款、第三十六条第（三）项"),
    Outcome.WITHHELD_8: OutcomeRow("（三）", GROUPS["（三）"], 8, REGULATION + "第三十六条第（七）项"),
    Outcome.UNAVAILABLE_1: OutcomeRow("（四）", GROUPS["（四）"], 1, REGULATION + "第三十六条第（四）项、第（五）项"),
    Outcome.UNAVAILABLE_2: OutcomeRow("（四）", GROUPS["（四）"], 2, REGULATION + "第三十八条"),
    Outcome.UNAVAILABLE_3: OutcomeRow("（四）", GROUPS["（四）"], 3, REGULATION + "第三十条"),
    Outcome.NOT_PROCESSED_1: OutcomeRow("（五）", GROUPS["（五）"], 1, REGULATION + "第三十九条第一款"),
    Outcome.NOT_PROCESSED_2: OutcomeRow("（五）", GROUPS["（五）"], 2, REGULATION + "第三十六条第（六）项"),
    Outcome.NOT_PROCESSED_3: OutcomeRow("（五）", GROUPS["（五）"], 3, REGULATION + "第三十九条第二款"),
    Outcome.NOT_PROCESSED_4: OutcomeRow("（五）", GROUPS["（五）"], 4, REGULATION + "第三十五条"),
    Outcome.NOT_PROCESSED_5: OutcomeRow("（五）", GROUPS["（五）"], 5, REGULATION + "第三十八条、第三十九条"),
    Outcome.OTHER_1: OutcomeRow("（六）", GROUPS["（六）"], 1, REGULATION + "第三十条"),
    Outcome.OTHER_2: OutcomeRow(
        "（六）", GROUPS["（六）"], 2, REGULATION + "第四十二条、《政府信息公开信息处理费管理办法》"
    ),
    Outcome.OTHER_3: OutcomeRow("（六）", GROUPS["（六）"], 3, ""),
}

# Outcomes reached only through their own service (a lapse), never chosen in a decision form.
LAPSE_OUTCOMES = (Outcome.OTHER_1, Outcome.OTHER_2)
# Outcomes that give the applicant nothing need written reasons (Art 36 (三) 说明理由).
REASONS_OPTIONAL = (Outcome.DISCLOSED,)


def row_label(outcome: str) -> str:
    """ "（三）不予公开 4.保护第三方合法权益" — how the outcome reads in the annual report."""
    row = OUTCOME_ROWS[outcome]
    if row.number is None:
        return f"{row.group}{Outcome(outcome).label}"
    return f"{row.group}{row.group_label} {row.number}.{Outcome(outcome).label}"
