"""Reads of the applications app. Staff reach an application only through `application_for_staff`; the public
reaches one only through `application_for_tracking`."""

from dataclasses import dataclass
from datetime import date, timedelta
from difflib import SequenceMatcher

from django.db.models import Case, Count, F, Q, QuerySet, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gongkai.core import lights
from gongkai.core.errors import AccessDenied, NotInScope
from gongkai.orgs.access import ALL_ROLES, has_role, organizations_for
from gongkai.orgs.models import Region, Role

from .models import OPEN_STATUSES, Application, Event, Status
from .reporting import CARRIED_IN, CARRIED_OUT, NEW, applications_for_report, report_counts, report_rows

__all__ = ["CARRIED_IN", "CARRIED_OUT", "NEW", "applications_for_report", "report_counts", "report_rows"]

HANDLER_ROLES = (Role.CLERK, Role.REVIEWER, Role.OFFICE, Role.ADMIN)
DECIDER_ROLES = (Role.REVIEWER, Role.OFFICE, Role.ADMIN)
EXTENSION_ROLES = (Role.OFFICE, Role.ADMIN)
TEMPLATE_ROLES = (Role.OFFICE, Role.ADMIN)
ROLES_BY_ACTION = {
    "view": ALL_ROLES,
    "handle": HANDLER_ROLES,
    "decide": DECIDER_ROLES,
    "extend": EXTENSION_ROLES,
}
YELLOW_DAYS = lights.YELLOW_WORKDAYS
MASS_MONTHLY_THRESHOLD = 10
REPEAT_SIMILARITY = 0.85


class Light:
    """The core light (`gongkai.core.lights`) under the names this app's views and templates use."""

    GREEN = lights.Light.GREEN
    YELLOW = lights.Light.YELLOW
    RED = lights.Light.RED
    LABELS = lights.LABELS


def application_for_staff(*, application_id: int, person, action: str = "view") -> Application:
    """The one access function for applications: view (any role), handle, decide, extend."""
    roles = ROLES_BY_ACTION[action]
    application = (
        Application.objects.select_related("organization", "organization__region", "handler", "transferred_from")
        .filter(pk=application_id)
        .first()
    )
    if application is None or not has_role(person, application.organization, ALL_ROLES):
        raise NotInScope()
    if not has_role(person, application.organization, roles):
        raise AccessDenied()
    return application


def can(person, application: Application, action: str) -> bool:
    return has_role(person, application.organization, ROLES_BY_ACTION[action])


def applications_for_staff(*, person) -> QuerySet[Application]:
    return Application.objects.filter(organization__in=organizations_for(person)).select_related(
        "organization", "organization__region", "handler", "fee"
    )


def deadline_expression():
    """The next date someone must act on: the applicant's correction or payment date while waiting for them, else the
    reply due date (null while a consultation pauses the clock). Mirrors `deadline_of`."""
    return Case(
        When(status=Status.CORRECTION_REQUESTED, then=Coalesce(F("due_on"), F("correction_due_on"))),
        When(status=Status.FEE_NOTIFIED, then=Coalesce(F("due_on"), F("fee__pay_by"))),
        default=F("due_on"),
    )


def _near(open_ones: QuerySet[Application], today: date) -> Q:
    """Deadline (annotated as `deadline`) on or before the last yellow day of each region's own calendar."""
    near = Q(pk__in=[])
    for region in Region.objects.filter(pk__in=open_ones.values("organization__region")):
        near |= Q(organization__region=region, deadline__lte=lights.yellow_until(today, region=region))
    return near


def filter_by_light(applications: QuerySet[Application], light: str, today: date) -> QuerySet[Application]:
    """Open applications of one light; "yellow until" is computed on each region's own calendar."""
    open_ones = applications.filter(status__in=OPEN_STATUSES).annotate(deadline=deadline_expression())
    if light == Light.RED:
        return open_ones.filter(deadline__lt=today)
    if light not in (Light.YELLOW, Light.GREEN):
        return applications
    near = _near(open_ones, today)
    if light == Light.YELLOW:
        return open_ones.filter(near, deadline__gte=today)
    return open_ones.filter(Q(deadline__isnull=True) | (Q(deadline__gte=today) & ~near))


def by_urgency(applications: QuerySet[Application], today: date) -> QuerySet[Application]:
    """The work list's default order: open applications whose next deadline has passed (red), then those near it
    (yellow, on each region's calendar), then the rest by that deadline (paused clocks last among the open ones);
    closed applications after every open one, newest first. Costs one small query for the regions."""
    annotated = applications.annotate(deadline=deadline_expression())
    near = _near(annotated.filter(status__in=OPEN_STATUSES), today)
    urgency = Case(
        When(~Q(status__in=OPEN_STATUSES), then=3),
        When(deadline__lt=today, then=0),
        When(near & Q(deadline__isnull=False), then=1),
        default=2,
    )
    return annotated.annotate(urgency=urgency).order_by(
        "urgency", F("deadline").asc(nulls_last=True), "-received_on", "-id"
    )


def deadline_kind(application: Application) -> str:
    """Which deadline `deadline_of` returns: "reply", "correction" (the applicant's) or "fee" (payment)."""
    if application.due_on:
        return "reply"
    if application.correction_due_on and application.status == Status.CORRECTION_REQUESTED:
        return "correction"
    return "fee" if application.status == Status.FEE_NOTIFIED else "reply"


def light_reason(application: Application, light: lights.DeadlineLight) -> str:
    """Why the application has its light, in words: which deadline and how far it is ("补正期限已过")."""
    if not application.is_open:
        return ""
    if light.deadline is None:
        return _("计时暂停，暂无期限")
    kind = deadline_kind(application)
    if light.light == Light.RED:
        return {"reply": _("答复期限已过"), "correction": _("补正期限已过"), "fee": _("缴费期限已过")}[kind]
    if not light.days_left:
        return {"reply": _("答复今日到期"), "correction": _("补正今日到期"), "fee": _("缴费今日到期")}[kind]
    days = light.days_left
    return {
        "reply": ngettext("答复期限剩 %(days)d 个工作日", "答复期限剩 %(days)d 个工作日", days),
        "correction": ngettext("补正期限剩 %(days)d 个工作日", "补正期限剩 %(days)d 个工作日", days),
        "fee": ngettext("缴费期限剩 %(days)d 个工作日", "缴费期限剩 %(days)d 个工作日", days),
    }[kind] % {"days": days}


def urgency_for(applications: list[Application], today: date) -> dict[int, tuple[str, str]]:
    """{pk: (light, reason)} for a page of applications, one calendar load per region; ("", "") when closed."""
    found = lights.lights_for(
        {a.pk: (deadline_of(a), a.organization.region) for a in applications if a.is_open}, today=today
    )
    return {
        a.pk: (found[a.pk].light, light_reason(a, found[a.pk])) if a.pk in found else ("", "") for a in applications
    }


def deadline_of(application: Application) -> date | None:
    if application.due_on:
        return application.due_on
    if application.correction_due_on and application.status == Status.CORRECTION_REQUESTED:
        return application.correction_due_on
    fee = getattr(application, "fee", None) if application.status == Status.FEE_NOTIFIED else None
    return fee.pay_by if fee else None


def light_of(application: Application, today: date) -> str:
    """The core light of the application's next deadline on its organization's regional calendar; "" if closed."""
    if not application.is_open:
        return ""
    return lights.light_for(deadline_of(application), today=today, region=application.organization.region).light


def lights_for(applications: list[Application], today: date) -> dict[int, str]:
    """Lights of many applications with one calendar load per region."""
    found = lights.lights_for(
        {
            application.pk: (deadline_of(application), application.organization.region)
            for application in applications
            if application.is_open
        },
        today=today,
    )
    return {
        application.pk: found[application.pk].light if application.pk in found else "" for application in applications
    }


def workdays_left(application: Application, today: date) -> int | None:
    deadline = deadline_of(application)
    if deadline is None or not application.is_open:
        return None
    return lights.light_for(deadline, today=today, region=application.organization.region).days_left


def timeline(application: Application) -> QuerySet[Event]:
    return application.events.select_related("actor").order_by("on", "id")


def applicant_key(application: Application) -> Q:
    """Who the applicant is for counting and repeat detection: the ID number, else name and phone."""
    if application.id_number:
        return Q(id_number__iexact=application.id_number.strip())
    return Q(applicant_name=application.applicant_name, phone=application.phone)


def prior_items_in_month(application: Application) -> int:
    """Items the same applicant filed with the same organization earlier in the natural month of receipt."""
    month_start = application.received_on.replace(day=1)
    earlier = (
        Application.objects.filter(applicant_key(application), organization_id=application.organization_id)
        .filter(received_on__gte=month_start)
        .filter(
            Q(received_on__lt=application.received_on) | Q(received_on=application.received_on, pk__lt=application.pk)
        )
        .exclude(status=Status.TRANSFERRED)
    )
    return sum(earlier.values_list("item_count", flat=True))


@dataclass(frozen=True)
class Hint:
    kind: str  # "repeat" or "mass"
    text: str
    tracking_codes: tuple[str, ...] = ()


def normalized(text: str) -> str:
    return "".join(character for character in text if character.isalnum())


def hints_for(application: Application) -> list[Hint]:
    """Hints for 不予重复处理 (Art 36 (六)) and for mass applications (Art 35); staff decide, nothing is automatic."""
    if not (application.id_number or application.applicant_name):
        return []
    others = (
        Application.objects.filter(applicant_key(application), organization_id=application.organization_id)
        .exclude(pk=application.pk)
        .exclude(status=Status.TRANSFERRED)
        .only("tracking_code", "description", "received_on", "outcome")
    )
    hints = []
    wanted = normalized(application.description)
    similar = [
        other.tracking_code
        for other in others.filter(received_on__lte=application.received_on)
        if wanted and SequenceMatcher(None, wanted, normalized(other.description)).ratio() >= REPEAT_SIMILARITY
    ]
    if similar:
        hints.append(
            Hint(
                "repeat",
                _("同一申请人此前已申请过相同或高度相似的信息（%(codes)s）；如已答复，可告知不予重复处理。")
                % {"codes": "、".join(similar)},
                tuple(similar),
            )
        )
    month_start = application.received_on.replace(day=1)
    in_month = others.filter(received_on__gte=month_start, received_on__lte=application.received_on).count() + 1
    recent = others.filter(received_on__gt=application.received_on - timedelta(days=30)).count() + 1
    if in_month > MASS_MONTHLY_THRESHOLD or recent > MASS_MONTHLY_THRESHOLD:
        hints.append(
            Hint(
                "mass",
                _(
                    "同一申请人本自然月已提出 %(month)s 件、近30日 %(recent)s 件申请，明显超过合理范围的，可要求其说明"
                    "理由（第三十五条），并可按件计收信息处理费。"
                )
                % {"month": in_month, "recent": recent},
            )
        )
    return hints


def application_for_tracking(*, tracking_code: str, phone_last4: str) -> Application | None:
    """The public's only way in: the tracking code and the last four digits of the applicant's phone."""
    code = tracking_code.strip().upper()
    digits = phone_last4.strip()
    if not code or len(digits) != 4 or not digits.isdigit():
        return None
    application = (
        Application.objects.select_related("organization", "transferred_to", "transferred_to__organization")
        .filter(tracking_code=code)
        .first()
    )
    if application is None:
        return None
    phone_digits = "".join(character for character in application.phone if character.isdigit())
    if len(phone_digits) < 4 or phone_digits[-4:] != digits:
        return None
    return application


def published_reply(application: Application):
    return application.replies.filter(is_published=True).first()


def statistics(*, person, year: int) -> dict:
    """Counts by outcome and applicant type of the applications the person may see, decided in `year`."""
    organization_ids = list(organizations_for(person).values_list("pk", flat=True))
    table = report_counts(organization_ids=organization_ids, year=year)
    by_status = dict(
        applications_for_staff(person=person)
        .filter(received_on__year=year)
        .values_list("status")
        .annotate(count=Count("id"))
        .values_list("status", "count")
    )
    return {"table": table, "by_status": by_status}


def today() -> date:
    return timezone.localdate()


def status_counts(*, person) -> dict[str, int]:
    rows = (
        Application.objects.filter(organization__in=organizations_for(person))
        .values("status")
        .annotate(count=Count("id"))
        .order_by()
    )
    return {row["status"]: row["count"] for row in rows}
