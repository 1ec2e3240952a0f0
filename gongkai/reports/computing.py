"""Filling the report's tables from the system's own records, applications and review cases.

Every figure comes from a handful of aggregate queries grouped by organization (never one query per row), so the
county government's report over dozens of organizations and 100,000 records costs the same few queries as one
department's. The per-organization figures are kept as the drill-down of an aggregated report.

Counting rules (docs/reports.md explains the choices):
- 表二: records published (or published and since expired as a 公示) count; withdrawn records do not.
  本年制发 = written in the year; 本年废止 = repealed in the year; 现行有效 = in force on 31 December (written and
  effective by then, not repealed or expired by then); decisions and fees = records of the genre written in the year.
- 表三: stated once, in `applications.reporting` (`applications_for_report` decides which applications count,
  `report_figures` how 一 本年新收, 二 上年结转, 三 办理结果 and 四 结转下年度 are counted); this module places them.
- 表四: active cases filed in the year, each with its state on 31 December (not yet concluded → 尚未审结); a case the
  organization registered as the review body sued as co-defendant is not counted (the original agency counts it).
- An aggregated report uses the figures its members typed into their own reports of the year (their overrides).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from gongkai.applications.models import Fee, Outcome
from gongkai.applications.selectors import CARRIED_IN, CARRIED_OUT, NEW, applications_for_report, report_rows
from gongkai.orgs.models import Level, Organization
from gongkai.publishing.models import EVER_PUBLISHED_STATUSES, Column, Genre, Record, RecordStatus, Validity

from . import tables as t
from .models import CaseKind, CaseResult, ReportOverride, ReviewCase, Scope
from .totals import complete_totals, effective_values

AMOUNT_PLACES = Decimal("0.0001")  # 万元 to the yuan, as Record.fee_amount stores it
COUNTED_RECORD_STATUSES = (RecordStatus.PUBLISHED, RecordStatus.TAKEN_OFFLINE)
CASE_GROUPS = {
    CaseKind.REVIEW: t.REVIEW_GROUPS[0],
    CaseKind.DIRECT_SUIT: t.REVIEW_GROUPS[1],
    CaseKind.SUIT_AFTER_REVIEW: t.REVIEW_GROUPS[2],
}
CASE_RESULT_COLUMNS = {
    CaseResult.UPHELD: t.UPHELD,
    CaseResult.CORRECTED: t.CORRECTED,
    CaseResult.OTHER: t.OTHER_RESULT,
}


@dataclass
class Computation:
    values: dict
    breakdown: list = field(default_factory=list)  # [{"organization_id", "name", "values": {key: value}}]
    facts: dict = field(default_factory=dict)


def scope_for(organization: Organization) -> str:
    """A county-level government reports for its whole area; every other organization for itself."""
    if organization.kind == Organization.Kind.GOVERNMENT and organization.region.level == Level.COUNTY:
        return Scope.REGION
    return Scope.ORGANIZATION


def members_of(organization: Organization, scope: str) -> list[Organization]:
    """The organizations a report covers: the government, its departments and townships (not village committees)."""
    if scope != Scope.REGION:
        return [organization]
    members = (
        Organization.objects.filter(region__path__startswith=organization.region.path)
        .exclude(kind=Organization.Kind.COMMITTEE)
        .select_related("region")
        .order_by("region__path", "sort_order", "id")
    )
    members = list(members)
    members.sort(key=lambda member: member.pk != organization.pk)  # the government itself first
    return members


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def compute(*, organization: Organization, year: int, scope: str | None = None) -> Computation:
    scope = scope or scope_for(organization)
    members = members_of(organization, scope)
    ids = [member.pk for member in members]
    per_organization = {member.pk: t.empty_values() for member in members}
    _fill_active(per_organization, ids, year)
    _fill_requests(per_organization, ids, year)
    _fill_reviews(per_organization, ids, year)
    member_overrides = _member_overrides(organization, ids, year) if scope == Scope.REGION else {}
    total = t.empty_values()
    for organization_id, values in per_organization.items():
        complete_totals(values)
        if organization_id in member_overrides:
            values = per_organization[organization_id] = effective_values(values, member_overrides[organization_id])
        t.add_values(total, values)
    breakdown = []
    if scope == Scope.REGION:
        breakdown = [
            {
                "organization_id": member.pk,
                "name": member.name,
                "values": t.encode({key: value for key, value in per_organization[member.pk].items() if value}),
                "overridden": sorted(member_overrides.get(member.pk, {})),
            }
            for member in members
        ]
    return Computation(values=total, breakdown=breakdown, facts=_facts(ids, year, total))


def _member_overrides(organization: Organization, ids: list[int], year: int) -> dict[int, dict[str, str]]:
    """Figures the members typed into their own reports of the year: the aggregate uses them, so the county's
    report agrees with what its departments and townships reported."""
    overrides: dict[int, dict[str, str]] = {}
    rows = (
        ReportOverride.objects.filter(is_active=True, report__year=year, report__organization_id__in=ids)
        .exclude(report__organization_id=organization.pk)
        .values_list("report__organization_id", "cell", "value")
    )
    for organization_id, cell, value in rows:
        overrides.setdefault(organization_id, {})[cell] = value
    return overrides


def _fill_active(per_organization: dict, ids: list[int], year: int) -> None:
    first, last = year_bounds(year)
    in_year = Q(written_on__gte=first, written_on__lte=last)
    in_force = (
        Q(written_on__lte=last)
        & (Q(effective_on__isnull=True) | Q(effective_on__lte=last))
        & (Q(repealed_on__isnull=True) | Q(repealed_on__gt=last))
        & (Q(expired_on__isnull=True) | Q(expired_on__gt=last))
        # A record marked repealed or expired without a date: we cannot know it was in force, so it is not counted.
        & (Q(validity=Validity.IN_FORCE) | Q(repealed_on__isnull=False) | Q(expired_on__isnull=False))
    )
    rows = (
        Record.objects.filter(organization_id__in=ids, genre__in=list(t.GENRE_ROWS), status__in=COUNTED_RECORD_STATUSES)
        .values("organization_id", "genre")
        .annotate(
            made=Count("id", filter=in_year),
            repealed=Count("id", filter=Q(repealed_on__gte=first, repealed_on__lte=last)),
            in_force=Count("id", filter=in_force),
            decisions=Sum("decision_count", filter=in_year),
            fees=Sum("fee_amount", filter=in_year),
        )
        .order_by()
    )
    for row in rows:
        values = per_organization[row["organization_id"]]
        block, content = t.GENRE_ROWS[row["genre"]]
        if row["genre"] in t.DOCUMENT_GENRES:
            for column, figure in ((t.MADE, "made"), (t.REPEALED, "repealed"), (t.IN_FORCE, "in_force")):
                values[t.Cell(t.TABLE_ACTIVE, (block, content), (column,)).key] += row[figure]
        elif row["genre"] in t.DECISION_GENRES:
            values[t.Cell(t.TABLE_ACTIVE, (block, content), (t.DECISIONS,)).key] += row["decisions"] or 0
        else:
            values[t.Cell(t.TABLE_ACTIVE, (block, content), (t.FEE_AMOUNT,)).key] += Decimal(row["fees"] or 0).quantize(
                AMOUNT_PLACES
            )


def _fill_requests(per_organization: dict, ids: list[int], year: int) -> None:
    outcome_rows = {outcome: t.outcome_row(outcome) for outcome in Outcome.values}
    rows = report_rows(organization_ids=ids, year=year, by=("organization_id", "applicant_type"))
    for row in rows:
        values = per_organization[row["organization_id"]]
        column = (t.APPLICANT_TYPE_COLUMNS[row["applicant_type"]],)
        values[t.Cell(t.TABLE_REQUESTS, (t.NEW,), column).key] += row[NEW]
        values[t.Cell(t.TABLE_REQUESTS, (t.CARRIED_IN,), column).key] += row[CARRIED_IN]
        values[t.Cell(t.TABLE_REQUESTS, (t.CARRIED_OUT,), column).key] += row[CARRIED_OUT]
        for outcome, result_row in outcome_rows.items():
            values[t.Cell(t.TABLE_REQUESTS, result_row, column).key] += row[outcome]


def _fill_reviews(per_organization: dict, ids: list[int], year: int) -> None:
    first, last = year_bounds(year)
    concluded = Q(concluded_on__isnull=False, concluded_on__lte=last)
    rows = (
        ReviewCase.objects.filter(
            organization_id__in=ids, is_active=True, as_review_body=False, filed_on__gte=first, filed_on__lte=last
        )
        .values("organization_id", "kind")
        .annotate(
            pending=Count("id", filter=~concluded),
            **{result: Count("id", filter=concluded & Q(result=result)) for result in CASE_RESULT_COLUMNS},
        )
        .order_by()
    )
    for row in rows:
        values = per_organization[row["organization_id"]]
        group = CASE_GROUPS[row["kind"]]
        values[t.Cell(t.TABLE_REVIEWS, (), (*group, t.PENDING)).key] += row["pending"]
        for result, column in CASE_RESULT_COLUMNS.items():
            values[t.Cell(t.TABLE_REVIEWS, (), (*group, column)).key] += row[result]


def _facts(ids: list[int], year: int, values: dict) -> dict:
    """Figures the narrative sections are drafted from (published records, channels, fees, late replies)."""
    first, last = year_bounds(year)
    start = timezone.make_aware(datetime.combine(first, time.min))
    end = timezone.make_aware(datetime.combine(last + timedelta(days=1), time.min))
    # The status condition lets the databases use the (status, published_at) index instead of scanning by organization.
    published = Q(status__in=EVER_PUBLISHED_STATUSES, published_at__gte=start, published_at__lt=end)
    records = Record.objects.filter(published, organization_id__in=ids).aggregate(
        published=Count("id"),
        interpretations=Count("id", filter=Q(genre=Genre.INTERPRETATION)),
        policies=Count("id", filter=Q(genre__in=[Genre.REGULATION, Genre.NORMATIVE, Genre.POLICY])),
        withdrawn=Count("id", filter=Q(status=RecordStatus.WITHDRAWN)),
    )
    columns = list(
        Column.objects.filter(
            organization_id__in=ids,
            records__status__in=EVER_PUBLISHED_STATUSES,
            records__published_at__gte=start,
            records__published_at__lt=end,
        )
        .values("name")
        .annotate(count=Count("records"))
        .order_by("-count", "name")[:6]
    )
    channels = list(
        Record.channels.through.objects.filter(
            record__organization_id__in=ids,
            record__status__in=EVER_PUBLISHED_STATUSES,
            record__published_at__gte=start,
            record__published_at__lt=end,
        )
        .values("channel__name")
        .annotate(count=Count("record_id"))
        .order_by("-count", "channel__name")[:6]
    )
    fees = Fee.objects.filter(
        application__organization_id__in=ids, state=Fee.State.PAID, paid_on__gte=first, paid_on__lte=last
    ).aggregate(count=Count("id"), amount=Sum("amount"))
    late = (
        applications_for_report(organization_ids=ids, year=year)
        .filter(decided_on__gte=first, decided_on__lte=last, due_on__isnull=False)
        .aggregate(late=Count("id", filter=Q(decided_on__gt=F("due_on"))))
    )
    return {
        "organizations": len(ids),
        "records_published": records["published"],
        "interpretations_published": records["interpretations"],
        "policies_published": records["policies"],
        "records_withdrawn": records["withdrawn"],
        "columns": [{"name": column["name"], "count": column["count"]} for column in columns],
        "channels": [{"name": channel["channel__name"], "count": channel["count"]} for channel in channels],
        "fees_paid_count": fees["count"],
        "fees_paid_amount": str(Decimal(fees["amount"] or 0).quantize(Decimal("0.01"))),  # 元
        "late_replies": late["late"],
    }
