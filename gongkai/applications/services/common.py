"""Helpers shared by the application services: locking, permission and date checks, timeline entries, the clock."""

import secrets
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.orgs.access import require_role

from ..clock import ClockEvent, ClockResult, compute_clock
from ..errors import ApplicationError, ApplicationErrorCode
from ..models import CLOCK_KINDS, CLOCKED_STATUSES, Application, Event
from ..selectors import ROLES_BY_ACTION

TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def new_tracking_code(year: int) -> str:
    while True:
        body = "".join(secrets.choice(TRACKING_ALPHABET) for _index in range(8))
        code = f"{year}-{body[:4]}-{body[4:]}"
        if not Application.objects.filter(tracking_code=code).exists():
            return code


def locked(application: Application) -> Application:
    """Re-read the application under a row lock so that two people cannot act on it at once."""
    return (
        Application.objects.select_for_update()
        .select_related("organization", "organization__region")
        .get(pk=application.pk)
    )


def require(actor, application: Application, action: str) -> None:
    require_role(actor, application.organization, ROLES_BY_ACTION[action])


def last_event_date(application: Application) -> date:
    last = application.events.order_by("-on", "-id").values_list("on", flat=True).first()
    return max(last or application.received_on, application.received_on)


def check_date(application: Application, on: date, what: str) -> None:
    """A step's date may not lie in the future, nor before receipt or an earlier step."""
    if on > timezone.localdate():
        raise ApplicationError(
            ApplicationErrorCode.INVALID,
            _("%(what)s日期 %(on)s 晚于今天，请填写实际发生的日期。") % {"what": what, "on": on},
        )
    earliest = last_event_date(application)
    if on < earliest:
        raise ApplicationError(
            ApplicationErrorCode.EVENTS_OUT_OF_ORDER,
            _("%(what)s日期 %(on)s 早于上一办理步骤或收到申请之日 %(earliest)s，请核对日期。")
            % {"what": what, "on": on, "earliest": earliest},
        )


def add_event(application: Application, kind: str, on: date, actor, note: str = "", days=None) -> Event:
    return Event.objects.create(
        application=application,
        kind=kind,
        on=on,
        note=note,
        days=days,
        actor=actor if getattr(actor, "pk", None) else None,
    )


def clock_events(application: Application) -> list[ClockEvent]:
    rows = application.events.filter(kind__in=CLOCK_KINDS).order_by("on", "id").values_list("kind", "on", "days")
    return [ClockEvent(kind, on, days) for kind, on, days in rows]


def clock_for(application: Application) -> ClockResult:
    return compute_clock(application.received_on, clock_events(application), region=application.organization.region)


def refresh_clock(application: Application) -> ClockResult:
    """Store what the clock says on the application (due date, pause, extension) and return the full result."""
    result = clock_for(application)
    application.correction_notice_due_on = result.correction_notice_due
    application.extension_days = result.extension_days
    application.clock_paused = result.paused
    application.due_on = result.due if application.status in CLOCKED_STATUSES else application.due_on
    return result


def log(action: str, *, actor, application: Application, data: dict | None = None, ip_address=None):
    audit.log(
        f"applications.application.{action}",
        actor=actor,
        target=application,
        organization=application.organization_id,
        data={"tracking_code": application.tracking_code, **(data or {})},
        ip_address=ip_address,
    )


def save(application: Application) -> None:
    application.full_clean(exclude=["organization", "handler", "transferred_from"])
    application.save()
