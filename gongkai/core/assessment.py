"""What an assessment rule is, defined low so that any app can offer rules without importing `oversight`.

An app offers rules by listing them in `gongkai/<app>/assessment.py` as `RULES = [...]`; the oversight app finds
them when it starts (see `gongkai.oversight.rules.registry`). A rule counts, per organization and with a bounded
number of aggregate queries, how often something went wrong in a period (`Tally.count`) out of how many chances
(`Tally.total`), and lists for one organization the records behind that count (`evidence`).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.functional import Promise


@dataclass(frozen=True)
class Period:
    """Both ends included: an assessment year from 1 January up to the day the score is computed (or frozen)."""

    start: date
    end: date


@dataclass
class Tally:
    count: int = 0  # failures (late, missing, unanswered …)
    total: int = 0  # chances to fail; 0 when the rule had nothing to count
    points: Decimal | None = None  # a rule that weighs its own failures (manual entries) sets the points lost


@dataclass(frozen=True)
class Evidence:
    """One record (application, column, finding …) behind a deduction, with where a person can look at it."""

    label: str
    detail: str = ""
    url: str = ""
    kind: str = ""
    object_id: int | None = None
    points: Decimal | None = None

    def as_dict(self) -> dict:
        data = {"label": self.label, "detail": self.detail, "url": self.url, "kind": self.kind, "id": self.object_id}
        if self.points is not None:
            data["points"] = str(self.points)
        return data


class Rule:
    """Base of every assessment rule. Subclasses set `code`, `name`, `description` and implement both methods."""

    code: str = ""
    name: str | Promise = ""  # translated lazily: rules are built when the registry loads, before any request
    description: str | Promise = ""
    unit: str | Promise = ""  # what one failure is called, e.g. 条信息, 件申请

    def tally(self, organization_ids: list[int], period: Period) -> dict[int, Tally]:
        raise NotImplementedError

    def evidence(self, organization_id: int, period: Period, limit: int = 200) -> list[Evidence]:
        raise NotImplementedError
