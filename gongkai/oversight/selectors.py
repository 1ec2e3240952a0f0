"""Reads of the oversight app, and the access functions for its protected objects (see `access`)."""

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gongkai.core import lights
from gongkai.core.errors import AccessDenied
from gongkai.orgs.access import has_role, is_admin, organizations_for, regions_for
from gongkai.orgs.models import Organization, Region

from .access import OFFICE_ROLES
from .models import (
    Finding,
    FindingStatus,
    ManualEntry,
    Notice,
    NoticeStatus,
    PeriodicItem,
    Problem,
    ProblemStatus,
    Scheme,
)


def scheme_for_year(year: int, division_code: str | None = None) -> Scheme | None:
    schemes = Scheme.objects.filter(year=year).select_related("region")
    if division_code:
        schemes = schemes.filter(region__division_code=division_code)
    return schemes.order_by("region__depth", "region__path").first()


def schemes_for_staff(*, person) -> QuerySet[Scheme]:
    if is_admin(person):
        return Scheme.objects.select_related("region")
    return Scheme.objects.filter(region__in=regions_for(person)).select_related("region")


def scheme_for_staff(*, person, scheme_id: int) -> Scheme:
    scheme = schemes_for_staff(person=person).filter(pk=scheme_id).first()
    if scheme is None:
        raise AccessDenied()
    return scheme


def published_schemes() -> QuerySet[Scheme]:
    return Scheme.objects.filter(is_active=True, leaderboard_published=True).select_related("region")


def organization_by_key(key: str) -> Organization | None:
    condition = Q(credit_code=key.strip().upper())
    if key.strip().isdigit():
        condition |= Q(pk=int(key))
    return Organization.objects.filter(condition).first()


def organization_for_scores(*, person, organization_id: int) -> Organization:
    """An organization's score: its own staff and the office over it."""
    organization = organizations_for(person).filter(pk=organization_id).select_related("region").first()
    if organization is None:
        raise AccessDenied()
    return organization


def notices_for_staff(*, person) -> QuerySet[Notice]:
    """Offices see the notices their organizations issued; others see issued notices naming their organization."""
    own = organizations_for(person)
    offices = organizations_for(person, OFFICE_ROLES)
    return (
        Notice.objects.filter(Q(issuer__in=offices) | Q(status=NoticeStatus.ISSUED, problems__organization__in=own))
        .distinct()
        .select_related("issuer")
    )


def notice_for_staff(*, person, notice_id: int) -> Notice:
    notice = notices_for_staff(person=person).filter(pk=notice_id).first()
    if notice is None:
        raise AccessDenied()
    return notice


def problems_for_staff(*, person) -> QuerySet[Problem]:
    """An organization sees only its own problems of issued notices; an office sees those it oversees."""
    offices = organizations_for(person, OFFICE_ROLES)
    own = organizations_for(person)
    return Problem.objects.filter(
        Q(notice__issuer__in=offices) | Q(organization__in=own, notice__status=NoticeStatus.ISSUED)
    ).select_related("notice", "organization")


AWAITING_RECTIFICATION = (ProblemStatus.OPEN, ProblemStatus.RETURNED)


def problems_by_urgency(problems: QuerySet[Problem]) -> QuerySet[Problem]:
    """The rectification list's default order: problems the organization still has to rectify first, by due date
    (so red, then yellow, then the rest; without a due date last), then those answered and awaiting acceptance,
    then the accepted ones."""
    group = Case(
        When(status__in=AWAITING_RECTIFICATION, then=Value(0)),
        When(status=ProblemStatus.ANSWERED, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        problems.select_related("organization__region")
        .annotate(urgency=group)
        .order_by("urgency", F("due_on").asc(nulls_last=True), "id")
    )


def annotate_problem_lights(problems, today) -> list:
    """Set `light` and `light_reason` on each problem still to rectify (the reminders' light: yellow from three
    working days before the due date, on the organization's regional calendar); one calendar per region."""
    from .reminders import PROBLEM_YELLOW_WORKDAYS

    problems = list(problems)
    waiting = {
        problem.pk: (problem.due_on, problem.organization.region)
        for problem in problems
        if problem.status in AWAITING_RECTIFICATION and problem.due_on is not None
    }
    found = lights.lights_for(waiting, today=today, yellow_workdays=PROBLEM_YELLOW_WORKDAYS)
    for problem in problems:
        signal = found.get(problem.pk)
        problem.light = signal.light if signal else None
        problem.light_reason = problem_light_reason(problem, signal)
    return problems


def problem_light_reason(problem: Problem, signal) -> str:
    """Why a problem has its light, in words ("整改期限已过", "整改期限剩 2 个工作日"); empty once answered."""
    if problem.status not in AWAITING_RECTIFICATION:
        return ""
    if signal is None:
        return _("未设整改期限")
    if signal.light == lights.Light.RED:
        return _("整改期限已过")
    if not signal.days_left:
        return _("整改期限今日到期")
    return ngettext("整改期限剩 %(days)d 个工作日", "整改期限剩 %(days)d 个工作日", signal.days_left) % {
        "days": signal.days_left
    }


def visible_problems(*, person, notice: Notice) -> QuerySet[Problem]:
    problems = notice.problems.select_related("organization").prefetch_related("answers")
    if has_role(person, notice.issuer, OFFICE_ROLES):
        return problems
    return problems.filter(organization__in=organizations_for(person))


def problem_for_staff(*, person, problem_id: int) -> Problem:
    problem = problems_for_staff(person=person).filter(pk=problem_id).first()
    if problem is None:
        raise AccessDenied()
    return problem


def findings_for_staff(*, person) -> QuerySet[Finding]:
    return Finding.objects.filter(organization__in=organizations_for(person)).select_related("organization")


def finding_for_staff(*, person, finding_id: int) -> Finding:
    finding = findings_for_staff(person=person).filter(pk=finding_id).first()
    if finding is None:
        raise AccessDenied()
    return finding


def open_findings(organization=None) -> QuerySet[Finding]:
    findings = Finding.objects.filter(status=FindingStatus.OPEN).select_related("organization")
    if organization is not None:
        findings = findings.filter(organization=organization)
    return findings.order_by("organization__region__path", "organization__sort_order", "organization_id", "-veto", "id")


def manual_entry_for_staff(*, person, entry_id: int) -> ManualEntry:
    entry = ManualEntry.objects.filter(pk=entry_id, organization__in=organizations_for(person, OFFICE_ROLES)).first()
    if entry is None:
        raise AccessDenied()
    return entry


def periodic_item_for_office(*, person, entry_id: int) -> PeriodicItem:
    """An entry of the periodic-items register, for the office over its organization (who alone may retire it)."""
    entry = (
        PeriodicItem.objects.filter(pk=entry_id, organization__in=organizations_for(person, OFFICE_ROLES))
        .select_related("item", "organization")
        .first()
    )
    if entry is None:
        raise AccessDenied()
    return entry


def office_regions(person) -> QuerySet[Region]:
    return regions_for(person)


def scheme_covering(*, scheme_id: int, organization: Organization) -> Scheme | None:
    """The scheme `scheme_id` when its region contains the organization."""
    return Scheme.objects.filter(pk=scheme_id, region_id__in=organization.region.ancestors_and_self_ids()).first()


def manual_entries(scheme: Scheme) -> QuerySet[ManualEntry]:
    return (
        ManualEntry.objects.filter(indicator__scheme=scheme)
        .select_related("organization", "indicator", "created_by")
        .order_by("-occurred_on", "-id")
    )


def draft_notices(*, person) -> QuerySet[Notice]:
    """Draft notices the person's office may still add problems to."""
    return Notice.objects.filter(
        status=NoticeStatus.DRAFT, issuer__in=organizations_for(person, OFFICE_ROLES)
    ).order_by("-created_at")
