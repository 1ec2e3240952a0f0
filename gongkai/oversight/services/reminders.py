"""Sending the daily reminder digests (e-mail and SMS) and saving each person's preferences.

One digest per person, channel and day: the log's unique constraint makes a second run on the same day send
nothing again, even when two runs overlap.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.core.errors import AccessDenied
from gongkai.core.messaging import Channels, SmsError, send_sms
from gongkai.core.workdays import PROVISIONAL_MARK
from gongkai.orgs.access import is_admin
from gongkai.orgs.models import Person

from .. import reminders
from ..errors import OversightError, OversightErrorCode
from ..models import PendingWorkRead, ReminderLog, ReminderPreference

DEFAULT = ReminderPreference(by_email=True, by_sms=False, red_only=False, kinds=[])


@dataclass
class Digest:
    person: Person
    lights: list = field(default_factory=list)
    channels: list = field(default_factory=list)

    @property
    def subject(self) -> str:
        red = sum(1 for light in self.lights if light.light == "red")
        return _("政务公开预警：红灯 %(red)s 项、黄灯 %(yellow)s 项") % {"red": red, "yellow": len(self.lights) - red}

    @property
    def body(self) -> str:
        lines = "\n".join(light.line() for light in self.lights)
        body = _("%(name)s：\n以下事项临近或已超过期限，请登录政务公开平台处理。\n\n%(lines)s") % {
            "name": self.person,
            "lines": lines,
        }
        if any(str(PROVISIONAL_MARK) in light.detail for light in self.lights):
            body += "\n\n" + _(
                "标有“（暂定）”的期限是在国务院当年节假日安排录入前按法定节假日推算的，调休和前后连休尚未计入；"
                "公开办录入当年安排后将自动重新计算。"
            )
        return body

    @property
    def text_message(self) -> str:
        return _("【政务公开】%(subject)s，请登录平台处理。") % {"subject": self.subject}


def wanted(preference: ReminderPreference, lights: list) -> list:
    return [
        light
        for light in lights
        if (not preference.kinds or light.kind in preference.kinds)
        and (light.light == "red" or not preference.red_only)
    ]


def digests(today: date) -> list[Digest]:
    by_person = reminders.recipients(reminders.all_lights(today))
    people = Person.objects.in_bulk(list(by_person))
    preferences = {pref.person_id: pref for pref in ReminderPreference.objects.filter(person_id__in=list(by_person))}
    already = set(
        ReminderLog.objects.filter(sent_on=today, person_id__in=list(by_person)).values_list("person_id", "channel")
    )
    result = []
    for person_id, lights in sorted(by_person.items()):
        person = people[person_id]
        preference = preferences.get(person_id, DEFAULT)
        lights = wanted(preference, lights)
        channels = []
        if preference.by_email and person.email and (person_id, "email") not in already:
            channels.append("email")
        if preference.by_sms and person.phone and (person_id, "sms") not in already:
            channels.append("sms")
        if lights and channels:
            order = {"red": 0, "yellow": 1}
            result.append(Digest(person, sorted(lights, key=lambda light: order[light.light]), channels))
    return result


def send_reminders(*, today: date | None = None, dry_run: bool = False) -> list[Digest]:
    """Send today's digests; with `dry_run`, only say what would be sent."""
    today = today or timezone.localdate()
    planned = digests(today)
    if dry_run:
        return planned
    sent = []
    for digest in planned:
        delivered = [channel for channel in digest.channels if deliver(digest, channel, today)]
        if delivered:
            digest.channels = delivered
            sent.append(digest)
    return sent


def deliver(digest: Digest, channel: str, today: date) -> bool:
    """Log first (the unique row claims the day), then send; a failed send rolls the claim back."""
    address = digest.person.email if channel == "email" else digest.person.phone
    try:
        with transaction.atomic():
            ReminderLog.objects.create(
                person=digest.person,
                channel=channel,
                sent_on=today,
                address=address,
                subject=digest.subject,
                body=digest.body if channel == "email" else digest.text_message,
                item_count=len(digest.lights),
            )
            if channel == "email":
                send_mail(digest.subject, digest.body, None, [address])
            else:
                send_sms(address, digest.text_message)
            audit.log(
                "oversight.reminder.sent",
                target=digest.person,
                data={"channel": channel, "items": len(digest.lights)},
            )
    except (IntegrityError, SmsError):
        return False
    return True


def reminder_channels(person_ids: list[int]) -> dict[int, Channels]:
    """The e-mail and SMS switches of people's reminder settings, for `core.messaging.channels_for` (the villages'
    reminders follow them too)."""
    preferences = ReminderPreference.objects.filter(person_id__in=person_ids)
    return {preference.person_id: Channels(preference.by_email, preference.by_sms) for preference in preferences}


def save_preference(*, person, actor, by_email: bool, by_sms: bool, red_only: bool, kinds: list[str]):
    """A person sets their own preferences (an administrator may set anyone's)."""
    if actor.pk != person.pk and not is_admin(actor):
        raise AccessDenied()
    unknown = [kind for kind in kinds if kind not in reminders.KINDS]
    if unknown:
        raise OversightError(OversightErrorCode.INVALID, _("提醒事项选择有误，请重新选择。"), field="kinds")
    if by_sms and not person.phone:
        raise OversightError(
            OversightErrorCode.INVALID, _("要接收短信提醒，请先在个人资料中填写手机号码。"), field="by_sms"
        )
    with transaction.atomic():
        preference, _created = ReminderPreference.objects.update_or_create(
            person=person, defaults={"by_email": by_email, "by_sms": by_sms, "red_only": red_only, "kinds": kinds}
        )
        audit.log("oversight.reminder_preference.saved", actor=actor, target=person, data={"kinds": kinds})
    return preference


@transaction.atomic
def mark_pending_work_read(*, actor: Person, keys: list[str]) -> int:
    """Mark lights of the actor's notification centre as read (only their own; keys already read are skipped)."""
    keys = sorted({key for key in keys if key and len(key) <= 80})
    already = set(PendingWorkRead.objects.filter(person=actor, key__in=keys).values_list("key", flat=True))
    new = [PendingWorkRead(person=actor, key=key) for key in keys if key not in already]
    PendingWorkRead.objects.bulk_create(new, ignore_conflicts=True)
    if new:
        audit.log("oversight.pending_work.read", actor=actor, target=actor, data={"count": len(new)})
    return len(new)
