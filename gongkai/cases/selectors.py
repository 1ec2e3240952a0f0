"""Reads of case progress: the public lookup (number + verification code, nothing personal) and the statistics
published per service (counts, average working days against the promised time)."""

from dataclasses import dataclass

from django.db.models import Avg, Count, F, Max, Q, QuerySet

from .models import Case
from .services import code_hash


def case_for_lookup(*, organization_id: int | None = None, number: str, verification_code: str) -> Case | None:
    """The case with this number whose verification code matches, or None: a wrong code and an unknown number
    look the same to the public."""
    number = (number or "").strip().upper()
    if not number or not verification_code:
        return None
    found = Case.objects.filter(number=number, code_hash=code_hash(number, verification_code.strip()))
    if organization_id:
        found = found.filter(organization_id=organization_id)
    return (
        found.filter(organization__is_active=True)
        .select_related("organization", "item")
        .prefetch_related("steps")
        .first()
    )


@dataclass(frozen=True)
class ServiceStatistics:
    organization: str
    service_name: str
    item_code: str
    received: int
    decided: int
    average_days: float | None
    promised_days: int | None
    within_promise: int

    @property
    def within_share(self) -> float | None:
        return round(self.within_promise / self.decided * 100, 1) if self.decided else None


def statistics(*, year: int | None = None, organization_id: int | None = None) -> list[ServiceStatistics]:
    """Per organization and service: cases received, decided, the average working days from 受理 to 决定 and how many
    were decided within the promised time. One grouped query."""
    cases: QuerySet[Case] = Case.objects.filter(organization__is_active=True)
    if year:
        cases = cases.filter(accepted_on__year=year)
    if organization_id:
        cases = cases.filter(organization_id=organization_id)
    rows = (
        cases.values("organization__name", "organization_id", "service_name", "item__code")
        .annotate(
            received=Count("id"),
            decided=Count("id", filter=Q(decided_on__isnull=False)),
            average_days=Avg("working_days"),
            promised=Max("promised_days"),
            within_promise=Count(
                "id",
                filter=Q(working_days__isnull=False, promised_days__isnull=False)
                & Q(working_days__lte=F("promised_days")),
            ),
        )
        .order_by("organization_id", "service_name", "item__code")
    )
    return [
        ServiceStatistics(
            organization=row["organization__name"],
            service_name=row["service_name"],
            item_code=row["item__code"] or "",
            received=row["received"],
            decided=row["decided"],
            average_days=round(row["average_days"], 1) if row["average_days"] is not None else None,
            promised_days=row["promised"],
            within_promise=row["within_promise"],
        )
        for row in rows
    ]
