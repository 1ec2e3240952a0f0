"""What each person should be reminded of today: every yellow or red light of their organizations.

Kinds: records approaching or past their disclosure deadline, periodic items, open applications, open inquiries
(engagement's light), rectification problems. A deadline computed over a year whose State Council holiday schedule
is not loaded says "（暂定）" after its date (`ProvisionalDates`, one query per kind). Organization staff (clerks,
reviewers; the handler for an application or an inquiry) get their own organizations' yellow and red lights; the
office over a region gets the red ones of
every organization in it.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils.translation import gettext as _

from gongkai.applications.models import OPEN_STATUSES, Application
from gongkai.applications.selectors import lights_for
from gongkai.core.assessment import Period
from gongkai.core.lights import lights_for as deadline_lights
from gongkai.core.workdays import ProvisionalDates
from gongkai.engagement.models import OPEN_INQUIRY_STATUSES, Inquiry
from gongkai.engagement.selectors import annotate_lights as annotate_inquiry_lights
from gongkai.orgs.models import Membership, Organization, Role
from gongkai.publishing.deadlines import annotate_lights
from gongkai.publishing.models import Record, RecordStatus

from . import periodic
from .models import NoticeStatus, Problem, ProblemStatus

KINDS = {
    "records": _("信息发布"),
    "periodic": _("年度必公开项"),
    "applications": _("依申请公开"),
    "inquiries": _("咨询留言"),
    "problems": _("督查整改"),
}
OPEN_RECORD_STATES = (
    RecordStatus.DRAFT,
    RecordStatus.SUBMITTED,
    RecordStatus.REVIEWED,
    RecordStatus.CLEARED,
    RecordStatus.SCHEDULED,
)
PROBLEM_YELLOW_WORKDAYS = 3  # a rectification lasts days, not weeks: yellow from three working days before
STAFF_ROLES = (Role.CLERK, Role.REVIEWER)


@dataclass(frozen=True)
class Light:
    kind: str
    light: str
    organization_id: int
    label: str
    detail: str
    person_id: int | None = None  # a named handler, who is reminded instead of the whole organization
    target_id: int | None = None  # the record, periodic item, application, inquiry or problem lit

    @property
    def key(self) -> str:
        """Names this light of this object: a yellow light turning red is a new notification."""
        return f"{self.kind}:{self.target_id}:{self.light}"

    def line(self) -> str:
        mark = _("红灯") if self.light == "red" else _("黄灯")
        return f"[{mark}] {KINDS[self.kind]}：{self.label}（{self.detail}）"


def record_lights(today: date) -> list[Light]:
    records = Record.objects.filter(status__in=OPEN_RECORD_STATES, due_on__isnull=False).select_related(
        "organization__region"
    )
    lit = [record for record in annotate_lights(records, today) if record.light in ("yellow", "red")]
    provisional = ProvisionalDates(day for record in lit for day in (record.written_on, record.due_on))
    return [
        Light(
            "records",
            record.light,
            record.organization_id,
            record.title,
            _("公开期限 %(date)s") % {"date": f"{record.due_on}{provisional.mark(record.written_on, record.due_on)}"},
            target_id=record.pk,
        )
        for record in lit
    ]


def periodic_lights(today: date) -> list[Light]:
    statuses = periodic.statuses(periodic.active_entries(), Period(date(today.year, 1, 1), today))
    return [
        Light(
            "periodic",
            status.light,
            status.entry.organization_id,
            status.entry.item.name,
            _("本期尚未发布") if status.light == "yellow" else _("上一期未发布"),
            target_id=status.entry.pk,
        )
        for status in statuses
        if status.light in ("yellow", "red")
    ]


def application_lights(today: date) -> list[Light]:
    applications = list(
        Application.objects.filter(status__in=OPEN_STATUSES).select_related("organization__region", "fee")
    )
    lights = lights_for(applications, today) if applications else {}
    lit = [application for application in applications if lights[application.pk] in ("yellow", "red")]
    provisional = ProvisionalDates(day for item in lit for day in (item.received_on, item.due_on))
    return [
        Light(
            "applications",
            lights[application.pk],
            application.organization_id,
            application.tracking_code,
            _("答复期限 %(date)s")
            % {
                "date": f"{application.due_on}{provisional.mark(application.received_on, application.due_on)}"
                if application.due_on
                else "—"
            },
            application.handler_id,
            target_id=application.pk,
        )
        for application in lit
    ]


def inquiry_lights(today: date) -> list[Light]:
    inquiries = Inquiry.objects.filter(status__in=OPEN_INQUIRY_STATUSES).select_related("organization__region")
    lit = [inquiry for inquiry in annotate_inquiry_lights(inquiries, today) if inquiry.light in ("yellow", "red")]
    provisional = ProvisionalDates(day for inquiry in lit for day in (inquiry.received_on, inquiry.due_on))
    return [
        Light(
            "inquiries",
            inquiry.light,
            inquiry.organization_id,
            f"{inquiry.tracking_code} {inquiry.subject}"[:60],
            _("答复期限 %(date)s")
            % {"date": f"{inquiry.due_on}{provisional.mark(inquiry.received_on, inquiry.due_on)}"},
            inquiry.handler_id,
            target_id=inquiry.pk,
        )
        for inquiry in lit
    ]


def problem_lights(today: date) -> list[Light]:
    problems = list(
        Problem.objects.filter(
            notice__status=NoticeStatus.ISSUED, status__in=(ProblemStatus.OPEN, ProblemStatus.RETURNED)
        )
        .exclude(due_on__isnull=True)
        .select_related("notice", "organization__region")
    )
    provisional = ProvisionalDates(day for problem in problems for day in (problem.notice.issued_on, problem.due_on))
    lights = deadline_lights(
        {problem.pk: (problem.due_on, problem.organization.region) for problem in problems},
        today=today,
        yellow_workdays=PROBLEM_YELLOW_WORKDAYS,
    )
    result = []
    for problem in problems:
        light = str(lights[problem.pk].light)
        if light not in ("yellow", "red"):
            continue
        result.append(
            Light(
                "problems",
                light,
                problem.organization_id,
                problem.description[:40],
                _("整改期限 %(date)s")
                % {"date": f"{problem.due_on}{provisional.mark(problem.notice.issued_on, problem.due_on)}"},
                target_id=problem.pk,
            )
        )
    return result


def all_lights(today: date) -> list[Light]:
    return [
        *record_lights(today),
        *periodic_lights(today),
        *application_lights(today),
        *inquiry_lights(today),
        *problem_lights(today),
    ]


def recipients(lights: list[Light]) -> dict[int, list[Light]]:
    """person id → the lights that person should hear about (each light once per person)."""
    memberships = Membership.objects.filter(
        Q(role__in=STAFF_ROLES) | Q(role=Role.OFFICE), is_active=True, person__is_active=True
    ).values_list("person_id", "organization_id", "role", "organization__region__path")
    staff, offices = defaultdict(set), []
    for person_id, organization_id, role, path in memberships:
        if role == Role.OFFICE:
            offices.append((person_id, path))
        else:
            staff[organization_id].add(person_id)
    paths = organization_paths({light.organization_id for light in lights})
    digest: dict[int, list[Light]] = defaultdict(list)
    for light in lights:
        people = {light.person_id} if light.person_id else set(staff.get(light.organization_id, ()))
        if light.light == "red":
            path = paths.get(light.organization_id, "")
            people |= {person_id for person_id, office_path in offices if path.startswith(office_path)}
        for person_id in people:
            digest[person_id].append(light)
    return digest


def organization_paths(organization_ids: set[int]) -> dict[int, str]:
    return dict(Organization.objects.filter(pk__in=organization_ids).values_list("pk", "region__path"))
