"""Reads of case progress: the public lookup (number + verification code, nothing personal), the statistics
published per service (counts, average working days against the promised time), and the staff's view of cases.

Staff access (`case_for_staff`, on `orgs.access`): every role of the handling organization sees its cases, the
disclosure office those of every organization in its region, an administrator all; anything else is AccessDenied
(a 404 in the back office)."""

from dataclasses import dataclass

from django.db.models import Avg, Count, F, Max, Q, QuerySet

from gongkai.core.errors import AccessDenied
from gongkai.orgs.access import organizations_for

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


@dataclass(frozen=True)
class CaseFilters:
    stage: str = ""
    service_name: str = ""
    organization_id: int | None = None
    year: int | None = None
    late: bool = False


def cases_for_staff(person, filters: CaseFilters | None = None) -> QuerySet[Case]:
    """The cases of the organizations the person acts in (or oversees), newest acceptance first."""
    filters = filters or CaseFilters()
    cases = Case.objects.filter(organization__in=organizations_for(person)).select_related("organization", "item")
    if filters.stage:
        cases = cases.filter(stage=filters.stage)
    if filters.service_name:
        cases = cases.filter(service_name__icontains=filters.service_name)
    if filters.organization_id:
        cases = cases.filter(organization_id=filters.organization_id)
    if filters.year:
        cases = cases.filter(accepted_on__year=filters.year)
    if filters.late:
        cases = cases.filter(working_days__gt=F("promised_days"))
    return cases.order_by("-accepted_on", "-id")


def case_for_staff(*, person, case_id) -> Case:
    """The access function for cases: the case with its steps, or AccessDenied outside the person's scope."""
    case = cases_for_staff(person).select_related("pushed_by").prefetch_related("steps").filter(pk=case_id).first()
    if case is None:
        raise AccessDenied()
    return case
