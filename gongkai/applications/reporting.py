"""The application counts of the annual report, table 三 (DOMAIN.md §2.2), per applicant-type column.

Rules: an application counts for the organization responsible now (a transferred original never counts);
一 本年新收 = received in the year; 二 上年结转 = received before the year and not decided before it;
三 办理结果 = decided in the year, by outcome; 四 结转下年度 = received by the year's end and not decided by then.
So for every column 一 + 二 = 三（七） + 四 holds by construction.
"""

from datetime import date

from django.db.models import Count, Q, QuerySet

from .models import ApplicantType, Application, Outcome, Status

NEW = "new"
CARRIED_IN = "carried_in"
TOTAL = "total"
CARRIED_OUT = "carried_out"
TOTAL_COLUMN = "total"
ROWS = (NEW, CARRIED_IN, *Outcome.values, TOTAL, CARRIED_OUT)
COLUMNS = (*ApplicantType.values, TOTAL_COLUMN)


def applications_for_report(*, organization_ids, year: int) -> QuerySet[Application]:
    """Every application that appears in the year's table 三 for these organizations (one query when evaluated)."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    return Application.objects.filter(
        Q(decided_on__isnull=True) | Q(decided_on__gte=first),
        organization_id__in=list(organization_ids),
        received_on__lte=last,
    ).exclude(status=Status.TRANSFERRED)


def report_figures(year: int) -> dict:
    """The counts of table 三 as aggregates, keyed NEW, CARRIED_IN, CARRIED_OUT and each outcome: the one statement
    of the counting rules above, used by `report_counts` and by the reports app."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    decided_in_year = Q(decided_on__gte=first, decided_on__lte=last)
    return {
        NEW: Count("id", filter=Q(received_on__gte=first)),
        CARRIED_IN: Count("id", filter=Q(received_on__lt=first)),
        CARRIED_OUT: Count("id", filter=Q(decided_on__isnull=True) | Q(decided_on__gt=last)),
        **{outcome: Count("id", filter=decided_in_year & Q(outcome=outcome)) for outcome in Outcome.values},
    }


def report_rows(*, organization_ids, year: int, by: tuple[str, ...]) -> QuerySet:
    """The figures of `report_figures` grouped by the fields `by` (one query), as dicts."""
    return (
        applications_for_report(organization_ids=organization_ids, year=year)
        .values(*by)
        .annotate(**report_figures(year))
        .order_by()
    )


def report_counts(*, organization_ids, year: int) -> dict[str, dict[str, int]]:
    """{row: {column: count}} for table 三; rows are ROWS, columns the applicant types plus "total"."""
    table = {row: dict.fromkeys(COLUMNS, 0) for row in ROWS}
    for row in report_rows(organization_ids=organization_ids, year=year, by=("applicant_type",)):
        column = row["applicant_type"]
        for key in (NEW, CARRIED_IN, CARRIED_OUT, *Outcome.values):
            table[key][column] += row[key]
            table[key][TOTAL_COLUMN] += row[key]
    for column in COLUMNS:
        table[TOTAL][column] = sum(table[outcome][column] for outcome in Outcome.values)
    return table
