"""Endpoints of the applications module: the public clock calculator and staff lists without personal data."""

from datetime import date, timedelta
from typing import Literal

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from gongkai.applications import selectors, services
from gongkai.applications.clock import EVENT_TYPES, ClockEvent, compute_clock
from gongkai.applications.errors import ApplicationError, ApplicationErrorCode
from gongkai.applications.models import Status

from ..v1.lists import Page, PageQuery, ordered, page_of
from ..v1.schemas import ERRORS, STAFF_ERRORS, Id, IsoDate, StrictInt
from ..v1.security import ClientRate, staff

router = Router(tags=["applications"])

# The clock replays every day between receipt and the last event: bound the span so that one call stays cheap
# (a 1,000-year consultation cost 2.5 s of CPU) and every date stays far from the calendar's limits.
EARLIEST_RECEIPT = date(2000, 1, 1)
LATEST_RECEIPT = date(2099, 12, 31)
MAX_EVENT_SPAN_DAYS = 3 * 366
MAX_EVENTS = 50


class ClockEventIn(Schema):
    type: Literal[tuple(sorted(EVENT_TYPES))]  # type: ignore[valid-type]
    on: IsoDate = Field(..., alias="date")
    days: StrictInt | None = Field(None, ge=1, le=366)


class ClockIn(Schema):
    received: IsoDate
    events: list[ClockEventIn] = Field(default_factory=list, max_length=MAX_EVENTS)


class StepOut(Schema):
    event: str
    date: str
    text: str
    due: str | None
    used_days: int | None
    remaining_days: int | None


class ClockOut(Schema):
    due: str | None
    correction_notice_due: str
    steps: list[StepOut]
    warnings: list[str]


class ApplicationSummary(Schema):
    id: int
    tracking_code: str
    organization: str
    applicant_type: str
    received_on: date
    status: str
    due_on: date | None
    light: str
    outcome: str | None
    decided_on: date | None
    delivered_on: date | None


class TimelineEventOut(Schema):
    kind: str
    on: date
    days: int | None
    note: str


class ApplicationDetail(ApplicationSummary):
    clock: ClockOut
    timeline: list[TimelineEventOut]


class ApplicationQuery(PageQuery):
    status: Status | None = None
    light: Literal["green", "yellow", "red"] | None = None
    ordering: Literal["-received_on", "received_on"] = "-received_on"


def bounded(payload: ClockIn) -> None:
    if not EARLIEST_RECEIPT <= payload.received <= LATEST_RECEIPT:
        raise ApplicationError(
            ApplicationErrorCode.INVALID_CLOCK_INPUT,
            _("收到申请之日应在 2000-01-01 到 2099-12-31 之间。"),
            field="received",
        )
    latest = payload.received + timedelta(days=MAX_EVENT_SPAN_DAYS)
    for index, event in enumerate(payload.events, start=1):
        if not payload.received - timedelta(days=MAX_EVENT_SPAN_DAYS) <= event.on <= latest:
            raise ApplicationError(
                ApplicationErrorCode.INVALID_CLOCK_INPUT,
                _("第 %(index)s 个事件的日期应在收到申请之日前后三年内。") % {"index": index},
                field=f"events.{index - 1}.date",
            )


@router.post(
    "/clock/",
    response={200: ClockOut, **ERRORS},
    auth=None,
    throttle=[ClientRate("clock", "GONGKAI_API_CLOCK_RATE", 30)],
)
def clock(request, payload: ClockIn):
    """The reply deadline for a receipt date and events, step by step (a pure calculation: reads nothing private,
    writes nothing, hence no CSRF token; limited per client address)."""
    bounded(payload)
    events = [
        ClockEvent(event.type, event.on, event.days if event.type == "extended" else None) for event in payload.events
    ]
    return compute_clock(payload.received, events).as_dict()


def summary(application, light: str) -> dict:
    return {
        "id": application.pk,
        "tracking_code": application.tracking_code,
        "organization": application.organization.name,
        "applicant_type": application.applicant_type,
        "received_on": application.received_on,
        "status": application.status,
        "due_on": application.due_on,
        "light": light,
        "outcome": application.outcome or None,
        "decided_on": application.decided_on,
        "delivered_on": application.delivered_on,
    }


@router.get("/", response={200: Page[ApplicationSummary], **STAFF_ERRORS}, auth=staff)
def applications(request, query: Query[ApplicationQuery]):
    """The applications the person may see, with their traffic light; no applicant's name or contact."""
    today = timezone.localdate()
    found = selectors.applications_for_staff(person=request.auth).select_related("organization")
    if query.status:
        found = found.filter(status=query.status)
    if query.light:
        found = selectors.filter_by_light(found, query.light, today)
    items, envelope = page_of(ordered(found, query.ordering, fields={"received_on": "received_on"}), query)
    lights = selectors.lights_for(items, today) if items else {}
    return {**envelope, "results": [summary(item, lights[item.pk]) for item in items]}


@router.get("/{application_id}/", response={200: ApplicationDetail, **STAFF_ERRORS}, auth=staff)
def application(request, application_id: Id):
    item = selectors.application_for_staff(application_id=application_id, person=request.auth)
    return {
        **summary(item, selectors.light_of(item, timezone.localdate())),
        "clock": services.clock_for(item).as_dict(),
        "timeline": [
            {"kind": event.kind, "on": event.on, "days": event.days, "note": event.note}
            for event in selectors.timeline(item)
        ],
    }
