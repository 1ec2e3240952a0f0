"""Reminder messages (e-mail and SMS) to village staff about what is due: residents' issues whose step is near or
past its limit (the 催办 of the closed loop), objections waiting for an answer, notices whose period ended without
a recorded result, finance statements near or past their due date.

One message per person, channel and day: the log's unique row (`ReminderMessage`) is written before sending, so a
second run on the same day — a retry, a second scheduler, the command after the task — sends nothing again. People
get only the channels they chose (`core.messaging.channels_for`: the switches of their 提醒设置) and only where they
have an address (e-mail, mobile number).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.core.lights import Light
from gongkai.core.messaging import SmsError, channels_for, send_sms
from gongkai.orgs.models import Membership, Person, Role

from ..models import IssueStatus, Objection, Publicity, ReminderMessage, ResidentIssue
from ..selectors import annotate_issue_lights, finance_period_lights
from .common import today as local_today

S = IssueStatus
VILLAGE_ROLES = (Role.CLERK, Role.GRID_WORKER)
TOWNSHIP_ROLES = (Role.REVIEWER,)
ROLES = {"village": VILLAGE_ROLES, "clerk": (Role.CLERK,), "assignee": None, "township": TOWNSHIP_ROLES}
# Who acts next in each state of an issue: the village's workers, the assignee's staff, the township's reviewer.
ISSUE_ACTORS = {
    S.REGISTERED: ("village",),
    S.ASSIGNED: ("assignee",),
    S.ACCEPTED: ("assignee",),
    S.HANDLED: ("township",),
    S.REVIEWED: ("village", "assignee"),
}


@dataclass(frozen=True)
class Item:
    key: str  # what the item is about, e.g. "issue:12" — recorded in the log
    light: str
    text: str

    def line(self) -> str:
        mark = _("红灯") if self.light == Light.RED else _("黄灯")
        return f"[{mark}] {self.text}"


@dataclass
class Message:
    person: Person
    items: list[Item] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)

    @property
    def subject(self) -> str:
        red = sum(1 for item in self.items if item.light == Light.RED)
        return _("村（社区）事务提醒：红灯 %(red)s 项、黄灯 %(yellow)s 项") % {
            "red": red,
            "yellow": len(self.items) - red,
        }

    @property
    def body(self) -> str:
        lines = "\n".join(item.line() for item in self.items)
        return _("%(name)s：\n以下村（社区）事项临近或已超过办理时限，请登录政务公开平台处理。\n\n%(lines)s") % {
            "name": self.person,
            "lines": lines,
        }

    @property
    def text_message(self) -> str:
        return _("【政务公开】%(subject)s，请登录平台处理。") % {"subject": self.subject}


class Staff:
    """The active members of the organizations concerned, loaded once: organization id → [(person id, role)]."""

    def __init__(self, organization_ids: set[int]):
        self.members: dict[int, list[tuple[int, str]]] = defaultdict(list)
        memberships = Membership.objects.filter(
            organization_id__in=organization_ids, is_active=True, person__is_active=True
        ).values_list("organization_id", "person_id", "role")
        for organization_id, person_id, role in memberships:
            self.members[organization_id].append((person_id, role))

    def of(self, organization_id: int | None, roles=None) -> set[int]:
        return {
            person_id
            for person_id, role in self.members.get(organization_id or 0, [])
            if roles is None or role in roles
        }


def issue_items(day: date) -> list[tuple[Item, dict]]:
    issues = ResidentIssue.objects.filter(status__in=list(ISSUE_ACTORS)).select_related("village__region")
    result = []
    for issue in annotate_issue_lights(issues.order_by("step_due_on", "pk"), day):
        if issue.light not in (Light.YELLOW, Light.RED):
            continue
        text = _("民情诉求 %(code)s“%(title)s”%(status)s，本环节时限 %(due)s") % {
            "code": issue.tracking_code,
            "title": issue.title,
            "status": S(issue.status).label,
            "due": issue.step_due_on.isoformat(),
        }
        sides = ISSUE_ACTORS[S(issue.status)]
        # Overdue steps are also the township's business: it supervises the loop (审核督查).
        if issue.light == Light.RED and "township" not in sides:
            sides = (*sides, "township")
        targets = {"village": issue.village_id, "assignee": issue.assignee_id, "township": issue.village.parent_id}
        result.append((Item(f"issue:{issue.pk}", issue.light, text), {side: targets[side] for side in sides}))
    return result


def objection_items(day: date) -> list[tuple[Item, dict]]:
    """Objections not answered yet: yellow while the period runs, red once it ended (the result waits for them)."""
    objections = Objection.objects.filter(answered_at__isnull=True).select_related(
        "publicity__record__organization", "publicity"
    )
    result = []
    for objection in objections.order_by("pk"):
        publicity = objection.publicity
        light = Light.RED if publicity.ends_on and publicity.ends_on < day else Light.YELLOW
        village = publicity.record.organization
        text = _("公示“%(title)s”有异议待答复") % {"title": publicity.record.title}
        targets = {"village": village.pk, "township": village.parent_id}
        result.append((Item(f"objection:{objection.pk}", light, text), targets))
    return result


def publicity_items(day: date) -> list[tuple[Item, dict]]:
    """Notices whose period ended and whose result is not recorded yet."""
    ended = Publicity.objects.filter(ends_on__lt=day, result_recorded_at__isnull=True).select_related(
        "record__organization"
    )
    result = []
    for publicity in ended.order_by("ends_on", "pk"):
        text = _("公示“%(title)s”已于 %(end)s 期满，请登记公示结果") % {
            "title": publicity.record.title,
            "end": publicity.ends_on.isoformat() if publicity.ends_on else "",
        }
        result.append(
            (Item(f"publicity:{publicity.pk}", Light.RED, text), {"village": publicity.record.organization_id})
        )
    return result


def finance_items(day: date) -> list[tuple[Item, dict]]:
    """Unpublished finance statements near or past their due date, this year's and, early in the year, last year's."""
    years = sorted({day.year, (day - timedelta(days=60)).year})
    result = []
    for year in years:
        for period in finance_period_lights(year=year, today=day):
            if period.light not in (Light.YELLOW, Light.RED):
                continue
            text = _("%(year)s年第%(period)s期财务收支尚未公开，公开时限 %(due)s") % {
                "year": period.year,
                "period": period.period,
                "due": period.due_on.isoformat(),
            }
            key = f"finance:{period.organization.pk}:{period.year}:{period.period_kind}:{period.period}"
            # Only the clerk reports statements (grid workers do not draft records).
            result.append((Item(key, period.light, text), {"clerk": period.organization.pk}))
    return result


def recipients(day: date) -> dict[int, list[Item]]:
    """person id → the items that person should hear about today (each item once per person)."""
    found = [*issue_items(day), *objection_items(day), *publicity_items(day), *finance_items(day)]
    organization_ids = {organization_id for _item, targets in found for organization_id in targets.values()}
    staff = Staff({organization_id for organization_id in organization_ids if organization_id})
    by_person: dict[int, list[Item]] = defaultdict(list)
    for item, targets in found:
        people: set[int] = set()
        for side, organization_id in targets.items():
            people |= staff.of(organization_id, ROLES[side])
        for person_id in people:
            by_person[person_id].append(item)
    return by_person


def planned_messages(day: date) -> list[Message]:
    by_person = recipients(day)
    people = Person.objects.in_bulk(list(by_person))
    channels = channels_for(by_person)
    already = set(
        ReminderMessage.objects.filter(sent_on=day, person_id__in=list(by_person)).values_list("person_id", "channel")
    )
    order = {str(Light.RED): 0, str(Light.YELLOW): 1}
    messages = []
    for person_id, items in sorted(by_person.items()):
        person, wanted = people[person_id], channels[person_id]
        chosen = []
        if wanted.email and person.email and (person_id, "email") not in already:
            chosen.append("email")
        if wanted.sms and person.phone and (person_id, "sms") not in already:
            chosen.append("sms")
        if chosen:
            messages.append(Message(person, sorted(items, key=lambda item: order[item.light]), chosen))
    return messages


def send_village_reminders(*, on: date | None = None, dry_run: bool = False) -> list[Message]:
    """Send today's reminder messages; with `dry_run`, only say what would be sent."""
    day = on or local_today()
    planned = planned_messages(day)
    if dry_run:
        return planned
    sent = []
    for message in planned:
        delivered = [channel for channel in message.channels if deliver(message, channel, day)]
        if delivered:
            message.channels = delivered
            sent.append(message)
    return sent


def deliver(message: Message, channel: str, day: date) -> bool:
    """Log first (the unique row claims the day), then send; a failed send rolls the claim back."""
    address = message.person.email if channel == "email" else message.person.phone
    keys = [item.key for item in message.items]
    try:
        with transaction.atomic():
            ReminderMessage.objects.create(
                person=message.person,
                channel=channel,
                sent_on=day,
                address=address,
                subject=message.subject,
                body=message.body if channel == "email" else message.text_message,
                items=keys,
            )
            if channel == "email":
                send_mail(message.subject, message.body, None, [address])
            else:
                send_sms(address, message.text_message)
            audit.log("villages.reminder.sent", target=message.person, data={"channel": channel, "items": keys})
    except (IntegrityError, SmsError):
        return False
    return True
