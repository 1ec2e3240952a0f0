"""Reads of the villages app: what the public may see (masked lists, outcomes, anonymized statistics, solved
cases, published statements) and what oversight counts (finance period lights, issue scores)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Avg, Count, Q, QuerySet
from django.utils.translation import gettext as _

from gongkai.core.lights import classify
from gongkai.core.workdays import WorkCalendar, add_workdays
from gongkai.orgs.models import Level, Organization
from gongkai.publishing.models import Light, RecordStatus
from gongkai.publishing.selectors import published_records

from .finance import period_count, period_end
from .masking import mask_entry
from .models import FinanceStatement, IssueStatus, Objection, PeriodKind, Publicity, ResidentIssue
from .services.finance import statement_totals
from .services.issues import STEP_LIMITS

FINANCE_DUE_WORKDAYS = 10  # a statement is due 10 working days after its period ends (decision, docs/villages.md)
YELLOW_WORKDAYS = 1


def villages() -> QuerySet[Organization]:
    return Organization.objects.filter(region__level=Level.VILLAGE, is_active=True).select_related("region", "parent")


# ---- public notices ----------------------------------------------------------------------------------------------


def public_publicity(record_id) -> Publicity | None:
    """The publicity of a public record (None when the record is not public or is no notice)."""
    return (
        Publicity.objects.filter(record__in=published_records(), record_id=record_id)
        .select_related("record__organization")
        .first()
    )


def masked_entries(publicity: Publicity) -> list[dict]:
    return [mask_entry(entry) for entry in publicity.entries.all()]


@dataclass(frozen=True)
class PublicityState:
    phase: str  # "pending" (not public yet), "open" (objections possible), "ended"
    message: str
    objections: list


def publicity_state(publicity: Publicity, today: date) -> PublicityState:
    """What the end of the notice says: the period while it runs; after it, 公示期满，无异议 or the result with the
    answers to each objection (without who objected)."""
    if publicity.starts_on is None:
        return PublicityState("pending", _("公示尚未开始。"), [])
    if today <= publicity.ends_on:
        message = _(
            "公示期：%(start)s至%(end)s（%(days)s个工作日）。公示期内如有异议，可在线提出或向村（居）委会反映。"
        ) % {
            "start": publicity.starts_on.strftime("%Y-%m-%d"),
            "end": publicity.ends_on.strftime("%Y-%m-%d"),
            "days": publicity.working_days,
        }
        return PublicityState("open", message, [])
    answered = [
        {"text": objection.text, "answer": objection.answer, "outcome": objection.get_outcome_display()}
        for objection in Objection.objects.filter(publicity=publicity, answered_at__isnull=False).order_by(
            "submitted_at"
        )
    ]
    if publicity.result_recorded_at:
        return PublicityState("ended", publicity.result, answered)
    if not publicity.objections.exists():
        return PublicityState("ended", _("公示期满，无异议。"), [])
    return PublicityState("ended", _("公示期满，收到的异议正在核查处理，结果将在此公布。"), answered)


# ---- finance -----------------------------------------------------------------------------------------------------


def public_statement(record_id) -> FinanceStatement | None:
    return (
        FinanceStatement.objects.filter(record__in=published_records(), record_id=record_id)
        .select_related("organization")
        .prefetch_related("lines")
        .first()
    )


def chart_data(statement: FinanceStatement) -> dict:
    """Income and expense by subject for the chart, in yuan (the table beside it shows the same numbers)."""
    income, expense = {}, {}
    for line in statement.lines.all():
        target = income if line.direction == "income" else expense
        target[line.subject] = float(target.get(line.subject, 0) + float(line.amount))
    computed = statement_totals(statement)
    return {
        "income": [{"name": name, "value": round(value, 2)} for name, value in income.items()],
        "expense": [{"name": name, "value": round(value, 2)} for name, value in expense.items()],
        "totals": {
            "opening": float(computed.opening),
            "income": float(computed.income),
            "expense": float(computed.expense),
            "closing": float(computed.closing),
        },
    }


@dataclass(frozen=True)
class PeriodLight:
    organization: Organization
    period_kind: str
    year: int
    period: int
    due_on: date
    published_on: date | None
    light: str | None  # None when published on time

    @property
    def late(self) -> bool:
        return self.published_on is not None and self.published_on > self.due_on


def finance_period_lights(*, year: int, today: date, organizations=None) -> list[PeriodLight]:
    """For oversight: every ended period of `year` of each village, with its due date (10 working days after the
    period ends), when its statement was published and the light (green/yellow/red while unpublished; None once
    published — `late` says whether on time). A village publishes quarterly unless its statements are monthly."""
    organizations = list(organizations if organizations is not None else villages())
    statements = FinanceStatement.objects.filter(organization__in=organizations, year=year).select_related("record")
    by_org: dict = {}
    for statement in statements:
        by_org.setdefault(statement.organization_id, []).append(statement)
    calendar = WorkCalendar.load(date(year, 1, 1), max(today, date(year + 1, 2, 28)), region=None)
    lights = []
    for organization in organizations:
        own = by_org.get(organization.pk, [])
        kind = PeriodKind.MONTH if any(s.period_kind == PeriodKind.MONTH for s in own) else PeriodKind.QUARTER
        published = {
            s.period: s.record.published_at.date()
            for s in own
            if s.period_kind == kind
            and s.record
            and s.record.status == RecordStatus.PUBLISHED
            and s.record.published_at
        }
        for period in range(1, period_count(kind) + 1):
            end = period_end(kind, year, period)
            if end >= today:
                break
            due = calendar.add(end, FINANCE_DUE_WORKDAYS)
            due_on = due.date if due else add_workdays(end, FINANCE_DUE_WORKDAYS).date
            published_on = published.get(period)
            lights.append(
                PeriodLight(
                    organization,
                    kind,
                    year,
                    period,
                    due_on,
                    published_on,
                    None if published_on else light(due_on, today, calendar),
                )
            )
    return lights


def light(due_on: date, today: date, calendar: WorkCalendar) -> str:
    if today > due_on:
        return Light.RED
    if due_on >= today and not calendar.covers(due_on):
        return Light.GREEN  # beyond the calendar loaded: far enough away
    return Light(classify(due_on, today, calendar, yellow_workdays=YELLOW_WORKDAYS).light.value)


# ---- residents' issues -------------------------------------------------------------------------------------------


def annotate_issue_lights(issues, today: date) -> list:
    """`light` and `days_left` on each open issue (one calendar for all: issues of one district share holidays)."""
    issues = list(issues)
    open_issues = [issue for issue in issues if issue.status in STEP_LIMITS]
    if open_issues:
        low = min([today, *[issue.step_due_on for issue in open_issues]])
        high = max([today, *[issue.step_due_on for issue in open_issues]])
        calendar = WorkCalendar.load(low, high, region=open_issues[0].village.region)
        for issue in open_issues:
            issue.light = light(issue.step_due_on, today, calendar)
            issue.days_left = calendar.between(today, issue.step_due_on).count
    for issue in issues:
        if issue.status not in STEP_LIMITS:
            issue.light, issue.days_left = None, None
    return issues


def issue_statistics(*, issues: QuerySet[ResidentIssue] | None = None) -> dict:
    """Anonymized figures for the public: counts by status and category, closed on time, average rating."""
    issues = ResidentIssue.objects.all() if issues is None else issues
    by_status = dict(issues.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    by_category = dict(issues.values_list("category").annotate(n=Count("pk")).values_list("category", "n"))
    closed = issues.filter(status=IssueStatus.CLOSED)
    rated = closed.filter(rating__isnull=False)
    return {
        "total": sum(by_status.values()),
        "by_status": [(IssueStatus(code).label, by_status.get(code, 0)) for code in IssueStatus.values],
        "by_category": sorted(((label_of_category(code), n) for code, n in by_category.items()), key=lambda p: -p[1]),
        "closed": closed.count(),
        "closed_on_time": closed.filter(late_steps=0).count(),
        "rated": rated.count(),
        "average_rating": round(rated.aggregate(value=Avg("rating"))["value"] or 0, 2),
    }


def label_of_category(code: str) -> str:
    from .models import IssueCategory

    return str(IssueCategory(code).label)


def public_cases() -> QuerySet[ResidentIssue]:
    """Solved issues the township published as cases: only the category, village, dates and masked summary."""
    return (
        ResidentIssue.objects.filter(is_public_case=True, status=IssueStatus.CLOSED)
        .select_related("village")
        .only(
            "pk",
            "category",
            "title",
            "public_summary",
            "village__name",
            "village__short_name",
            "created_at",
            "closed_at",
            "rating",
        )
        .order_by("-closed_at")
    )


def issue_scores(*, start: date, end: date, organizations=None) -> list[dict]:
    """For oversight: per organization involved (the village where it was raised, the assignee that handled it)
    the issues closed in [start, end], how many had no late step, and their average rating."""
    closed = ResidentIssue.objects.filter(
        status=IssueStatus.CLOSED, closed_at__date__gte=start, closed_at__date__lte=end
    ).values_list("village_id", "assignee_id", "late_steps", "rating")
    wanted = None if organizations is None else {getattr(o, "pk", o) for o in organizations}
    rows: dict = {}
    for village_id, assignee_id, late_steps, rating in closed:
        for organization_id in {village_id, assignee_id} - {None}:
            if wanted is not None and organization_id not in wanted:
                continue
            entry = rows.setdefault(
                organization_id, {"organization_id": organization_id, "closed": 0, "on_time": 0, "ratings": []}
            )
            entry["closed"] += 1
            entry["on_time"] += int(late_steps == 0)
            if rating is not None:
                entry["ratings"].append(rating)
    result = []
    for entry in rows.values():
        ratings = entry.pop("ratings")
        entry["on_time_rate"] = round(entry["on_time"] / entry["closed"], 4)
        entry["average_rating"] = round(sum(ratings) / len(ratings), 2) if ratings else None
        result.append(entry)
    return sorted(result, key=lambda entry: entry["organization_id"])


def screen_records(organization: Organization, *, limit: int = 8):
    """The latest public records for an electronic screen: of a village, or of a township and its villages."""
    records = published_records()
    if organization.region.level == Level.TOWNSHIP:
        return records.filter(Q(organization=organization) | Q(organization__parent=organization))[:limit]
    return records.filter(organization=organization)[:limit]


def days_window(today: date, days: int = 90) -> tuple[date, date]:
    return today - timedelta(days=days), today
