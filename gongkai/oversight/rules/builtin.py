"""The rules the oversight app ships, each counted with one or two aggregate queries for all organizations.

Every rule answers for a period (1 January up to the assessed day) and, through `evidence`, names the records
behind its count for one organization.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.applications.models import OPEN_STATUSES, Application, Event
from gongkai.applications.models import Status as ApplicationStatus
from gongkai.core.assessment import Evidence, Period, Rule, Tally
from gongkai.publishing.models import Record, RecordStatus
from gongkai.screening.kinds import Severity
from gongkai.screening.models import Finding as ScreeningFinding

from .. import periodic
from ..models import Finding, FindingStatus, ManualEntry, Problem, ProblemStatus

PUBLISHED_STATES = (RecordStatus.PUBLISHED, RecordStatus.WITHDRAWN, RecordStatus.TAKEN_OFFLINE)
DELIVERY_DAYS = 10  # calendar days after the decision by which the reply letter should have reached the applicant


# One leaderboard asks several rules about the same rows; within `shared_queries()` a query they share runs once.
_shared: ContextVar[dict | None] = ContextVar("oversight_shared_queries", default=None)


@contextmanager
def shared_queries():
    token = _shared.set({})
    try:
        yield
    finally:
        _shared.reset(token)


def shared(key, compute):
    memo = _shared.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def interpreted() -> Exists:
    return Exists(Record.objects.filter(interprets=OuterRef("pk"), status=RecordStatus.PUBLISHED))


def record_counts(organization_ids, period) -> dict[int, dict]:
    """Per organization, in one pass over the year's published records: how many, how many late, how many needed
    an interpretation and how many of those still have none (records_late and interpretation_missing share it).

    The interpretation check is its own query: inside the counting pass it would be a subquery per row, which
    PostgreSQL prices high enough to compile the query with JIT (a second lost); in WHERE it is an anti-join."""

    def compute():
        rows = (
            Record.objects.filter(published_between(period), organization_id__in=organization_ids)
            .values("organization_id")
            .annotate(
                total=Count("id"),
                late=Count("id", filter=Q(published_late=True)),
                needing=Count("id", filter=Q(needs_interpretation=True)),
            )
        )
        counts = {row["organization_id"]: {**row, "uninterpreted": 0} for row in rows}
        uninterpreted = (
            Record.objects.filter(
                published_between(period),
                ~interpreted(),
                organization_id__in=organization_ids,
                needs_interpretation=True,
            )
            .values("organization_id")
            .annotate(count=Count("id"))
        )
        for row in uninterpreted:
            counts[row["organization_id"]]["uninterpreted"] = row["count"]
        return counts

    return shared(("records", tuple(organization_ids), period), compute)


def backoffice_url(name: str, **kwargs) -> str:
    return reverse(name, kwargs=kwargs)


def tallies(rows, total_key="total", count_key="count") -> dict[int, Tally]:
    return {row["organization_id"]: Tally(count=row[count_key], total=row[total_key]) for row in rows}


def published_between(period: Period) -> Q:
    low, high = periodic.local_day_bounds(period.start, period.end)
    return Q(published_at__gte=low, published_at__lt=high, status__in=PUBLISHED_STATES)


def record_evidence(records, detail) -> list[Evidence]:
    return [
        Evidence(
            label=record.title,
            detail=detail(record),
            url=backoffice_url("backoffice:publishing:record", record_id=record.pk),
            kind="record",
            object_id=record.pk,
        )
        for record in records
    ]


class RecordsPublishedLate(Rule):
    code = "publishing.records_late"
    name = _("信息超期发布")
    description = _("本年发布的信息中，晚于公开期限（事项时限或《条例》20个工作日）发布的条数。")
    unit = _("条信息")

    def tally(self, organization_ids, period):
        counts = record_counts(organization_ids, period)
        return {key: Tally(count=row["late"], total=row["total"]) for key, row in counts.items()}

    def evidence(self, organization_id, period, limit=200):
        records = Record.objects.filter(
            published_between(period), organization_id=organization_id, published_late=True
        ).order_by("published_at", "id")[:limit]
        return record_evidence(records, lambda record: f"公开期限 {record.due_on}，发布于 {record.published_at.date()}")


class PoliciesWithoutInterpretation(Rule):
    code = "publishing.interpretation_missing"
    name = _("政策文件未配套解读")
    description = _("本年发布、需要政策解读的文件中，没有已发布解读的件数。")
    unit = _("件文件")

    def queryset(self, period):
        return Record.objects.filter(published_between(period), needs_interpretation=True).annotate(
            interpreted=interpreted()
        )

    def tally(self, organization_ids, period):
        counts = record_counts(organization_ids, period)
        return {
            key: Tally(count=row["uninterpreted"], total=row["needing"])
            for key, row in counts.items()
            if row["needing"]
        }

    def evidence(self, organization_id, period, limit=200):
        records = (
            self.queryset(period)
            .filter(organization_id=organization_id, interpreted=False)
            .order_by("published_at", "id")[:limit]
        )
        return record_evidence(records, lambda record: f"发布于 {record.published_at.date()}，尚无已发布的解读")


def application_evidence(applications, detail) -> list[Evidence]:
    return [
        Evidence(
            label=application.tracking_code,
            detail=detail(application),
            url=backoffice_url("backoffice:applications:detail", application_id=application.pk),
            kind="application",
            object_id=application.pk,
        )
        for application in applications
    ]


class ApplicationsAnsweredOnTime(Rule):
    """Late = decided after its due date within the period, or still open and past due on the assessed day."""

    code = "applications.answered_on_time"
    name = _("依申请公开按时答复")
    description = _("本年答复的申请和至今仍超期未答复的申请中，超过答复期限的件数。")
    unit = _("件申请")

    def late(self, period):
        decided_late = Q(decided_on__gte=period.start, decided_on__lte=period.end, decided_on__gt=F("due_on"))
        open_overdue = Q(status__in=OPEN_STATUSES, due_on__lt=period.end)
        return decided_late | open_overdue

    def counted(self, period):
        decided = Q(decided_on__gte=period.start, decided_on__lte=period.end)
        return Application.objects.filter(decided | Q(status__in=OPEN_STATUSES, due_on__lt=period.end)).exclude(
            status=ApplicationStatus.TRANSFERRED
        )

    def tally(self, organization_ids, period):
        rows = (
            self.counted(period)
            .filter(organization_id__in=organization_ids)
            .values("organization_id")
            .annotate(total=Count("id"), count=Count("id", filter=self.late(period)))
        )
        return tallies(rows)

    def evidence(self, organization_id, period, limit=200):
        applications = (
            self.counted(period)
            .filter(self.late(period), organization_id=organization_id)
            .order_by("due_on", "id")[:limit]
        )
        return application_evidence(
            applications,
            lambda application: (
                f"答复期限 {application.due_on}，答复于 {application.decided_on}"
                if application.decided_on
                else f"答复期限 {application.due_on}，至今未答复"
            ),
        )


class RepliesUndelivered(Rule):
    code = "applications.reply_undelivered"
    name = _("答复书未送达")
    description = _("作出答复超过10日仍未登记送达的件数。")
    unit = _("件申请")

    def counted(self, period):
        return Application.objects.filter(decided_on__gte=period.start, decided_on__lte=period.end)

    def undelivered(self, period):
        return Q(delivered_on__isnull=True, decided_on__lt=period.end - timedelta(days=DELIVERY_DAYS))

    def tally(self, organization_ids, period):
        rows = (
            self.counted(period)
            .filter(organization_id__in=organization_ids)
            .values("organization_id")
            .annotate(total=Count("id"), count=Count("id", filter=self.undelivered(period)))
        )
        return tallies(rows)

    def evidence(self, organization_id, period, limit=200):
        applications = (
            self.counted(period)
            .filter(self.undelivered(period), organization_id=organization_id)
            .order_by("decided_on", "id")[:limit]
        )
        return application_evidence(applications, lambda application: f"答复于 {application.decided_on}，未登记送达")


class CorrectionsNotifiedLate(Rule):
    """补正告知 must go out within 7 working days of receipt (Art 30); the application stores that date."""

    code = "applications.correction_late"
    name = _("补正告知超期")
    description = _("本年发出的补正告知中，晚于收到申请后7个工作日才发出的件数。")
    unit = _("件申请")

    def counted(self, period):
        return Event.objects.filter(kind=Event.Kind.CORRECTION_REQUESTED, on__gte=period.start, on__lte=period.end)

    def late(self):
        return Q(on__gt=F("application__correction_notice_due_on"))

    def tally(self, organization_ids, period):
        rows = (
            self.counted(period)
            .filter(application__organization_id__in=organization_ids)
            .values(organization_id=F("application__organization_id"))
            .annotate(total=Count("id"), count=Count("id", filter=self.late()))
        )
        return tallies(rows)

    def evidence(self, organization_id, period, limit=200):
        events = (
            self.counted(period)
            .filter(self.late(), application__organization_id=organization_id)
            .select_related("application")
            .order_by("on", "id")[:limit]
        )
        return application_evidence(
            [event.application for event in events],
            lambda application: f"补正告知期限 {application.correction_notice_due_on}",
        )


class PeriodicItemsRule(Rule):
    outcome = ""

    def tally(self, organization_ids, period):
        statuses = shared(
            ("periodic", tuple(organization_ids), period),
            lambda: periodic.statuses(periodic.active_entries(organization_ids), period, lights=False),
        )
        result: dict[int, Tally] = {}
        for status in statuses:
            tally = result.setdefault(status.entry.organization_id, Tally())
            for period_result in status.periods:
                if period_result.outcome == periodic.Outcome.PENDING:
                    continue
                tally.total += 1
                tally.count += period_result.outcome == self.outcome
        return result

    def evidence(self, organization_id, period, limit=200):
        evidence = []
        for status in periodic.statuses(periodic.active_entries([organization_id]), period, lights=False):
            for period_result in status.periods:
                if period_result.outcome == self.outcome:
                    evidence.append(self.describe(status, period_result))
        return evidence[:limit]

    def describe(self, status, period_result) -> Evidence:
        window = period_result.window
        detail = f"{window.label}：应于 {window.due} 前发布"
        if period_result.published_on:
            detail += f"，{period_result.published_on} 才发布"
        return Evidence(
            label=f"{status.entry.item.code} {status.entry.item.name}",
            detail=detail,
            url=backoffice_url("backoffice:oversight:periodic"),
            kind="periodic_item",
            object_id=status.entry.pk,
        )


class PeriodicItemsMissing(PeriodicItemsRule):
    code = "catalog.periodic_missing"
    name = _("必公开项缺失")
    description = _("年度必公开项清单中，周期已过、宽限期内外均无信息的期数。")
    unit = _("期")
    outcome = periodic.Outcome.MISSING


class PeriodicItemsLate(PeriodicItemsRule):
    code = "catalog.periodic_late"
    name = _("必公开项超期更新")
    description = _("年度必公开项清单中，本期信息晚于截止日期才发布的期数。")
    unit = _("期")
    outcome = periodic.Outcome.LATE


class BlockingScreeningFindings(Rule):
    """A state, not a flow: counted as it stands on the assessed day."""

    code = "screening.blocking_open"
    name = _("内容预审阻止问题未处理")
    description = _("仍未处理的“阻止发布”级预审发现（隐私、涉密标识、严重表述错误等）条数。")
    unit = _("条")

    def queryset(self):
        return ScreeningFinding.objects.filter(
            is_current=True, status=ScreeningFinding.Status.OPEN, severity=Severity.BLOCK
        )

    def tally(self, organization_ids, period):
        rows = (
            self.queryset()
            .filter(organization_id__in=organization_ids)
            .values("organization_id")
            .annotate(count=Count("id"), total=Count("id"))
        )
        return tallies(rows)

    def evidence(self, organization_id, period, limit=200):
        findings = self.queryset().filter(organization_id=organization_id).order_by("first_seen_at", "id")[:limit]
        return [
            Evidence(
                label=finding.target_label or str(finding),
                detail=f"{finding.get_kind_display()}：{finding.text}",
                url=backoffice_url("backoffice:screening:finding", finding_id=finding.pk),
                kind="screening_finding",
                object_id=finding.pk,
            )
            for finding in findings
        ]


class SelfInspectionFindings(Rule):
    code = "oversight.inspection_open"
    name = _("网站自查问题未整改")
    description = _("最近一次网站自查仍发现的问题条数（单项否决问题另按方案加扣）。")
    unit = _("条")

    def tally(self, organization_ids, period):
        rows = (
            Finding.objects.filter(status=FindingStatus.OPEN, organization_id__in=organization_ids)
            .values("organization_id")
            .annotate(count=Count("id"), total=Count("id"), points=Sum("points"))
        )
        return {
            row["organization_id"]: Tally(count=row["count"], total=row["total"], points=row["points"] or Decimal(0))
            for row in rows
        }

    def evidence(self, organization_id, period, limit=200):
        findings = Finding.objects.filter(status=FindingStatus.OPEN, organization_id=organization_id)[:limit]
        return [
            Evidence(
                label=f"{finding.get_indicator_display()}：{finding.target}",
                detail=finding.detail,
                url=finding.url,
                kind="inspection_finding",
                object_id=finding.pk,
                points=finding.points,
            )
            for finding in findings
        ]


class RectificationsOverdue(Rule):
    code = "oversight.rectification_overdue"
    name = _("督查整改逾期")
    description = _("印发的督查通报问题中，超过整改期限仍未反馈、或逾期才反馈的个数。")
    unit = _("个问题")

    def counted(self, period):
        return Problem.objects.filter(
            notice__status="issued", notice__issued_on__gte=period.start, notice__issued_on__lte=period.end
        )

    def overdue(self, period):
        unresolved = Q(status__in=(ProblemStatus.OPEN, ProblemStatus.RETURNED), due_on__lt=period.end)
        return unresolved | Q(answered_late=True)

    def tally(self, organization_ids, period):
        rows = (
            self.counted(period)
            .filter(organization_id__in=organization_ids)
            .values("organization_id")
            .annotate(total=Count("id"), count=Count("id", filter=self.overdue(period)))
        )
        return tallies(rows)

    def evidence(self, organization_id, period, limit=200):
        problems = (
            self.counted(period)
            .filter(self.overdue(period), organization_id=organization_id)
            .select_related("notice")
            .order_by("due_on", "id")[:limit]
        )
        return [
            Evidence(
                label=problem.description[:80],
                detail=f"{problem.notice.title}；整改期限 {problem.due_on}；{problem.get_status_display()}",
                url=backoffice_url("backoffice:oversight:problem", problem_id=problem.pk),
                kind="problem",
                object_id=problem.pk,
            )
            for problem in problems
        ]


class ManualDeductions(Rule):
    """Points the office entered itself; the indicator is chosen by the entry, so the scorer filters by it."""

    code = "oversight.manual"
    name = _("人工考核（督查、第三方评估、监督员发现）")
    description = _("公开办录入的扣分，每条附理由和佐证材料。")
    unit = _("条")
    per_indicator = True

    def queryset(self, period, indicator_id=None):
        entries = ManualEntry.objects.filter(is_active=True, occurred_on__gte=period.start, occurred_on__lte=period.end)
        return entries.filter(indicator_id=indicator_id) if indicator_id else entries

    def tally(self, organization_ids, period, indicator_id=None):
        rows = (
            self.queryset(period, indicator_id)
            .filter(organization_id__in=organization_ids)
            .values("organization_id")
            .annotate(count=Count("id"), total=Count("id"), points=Sum("points"))
        )
        return {row["organization_id"]: Tally(row["count"], row["total"], row["points"]) for row in rows}

    def evidence(self, organization_id, period, limit=200, indicator_id=None):
        entries = self.queryset(period, indicator_id).filter(organization_id=organization_id)[:limit]
        return [
            Evidence(
                label=entry.reason[:80],
                detail=f"{entry.occurred_on}，佐证：{entry.evidence_name}",
                url=backoffice_url("backoffice:oversight:evidence", entry_id=entry.pk),
                kind="manual_entry",
                object_id=entry.pk,
                points=entry.points,
            )
            for entry in entries
        ]


RULES = [
    PeriodicItemsMissing(),
    PeriodicItemsLate(),
    RecordsPublishedLate(),
    PoliciesWithoutInterpretation(),
    ApplicationsAnsweredOnTime(),
    RepliesUndelivered(),
    CorrectionsNotifiedLate(),
    BlockingScreeningFindings(),
    SelfInspectionFindings(),
    RectificationsOverdue(),
    ManualDeductions(),
]
