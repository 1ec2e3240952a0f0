"""Deadlines: recomputing open applications when the calendar changes, and reminding handlers and offices."""

from collections import defaultdict

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.core.workdays import ProvisionalDates
from gongkai.orgs.models import Membership, Role

from ..models import OPEN_STATUSES, Application, Event
from ..selectors import Light, lights_for
from .common import add_event, log, refresh_clock, save


def recomputed_note(before, application: Application, years) -> str:
    """The timeline's sentence for a recomputation: which deadline moved from when to when, and why."""
    parts = []
    labels = (_("答复期限"), _("补正告知期限"))
    for label, old, new in zip(labels, before, (application.due_on, application.correction_notice_due_on), strict=True):
        if old != new:
            parts.append(
                _("%(label)s由 %(old)s 调整为 %(new)s")
                % {"label": label, "old": old.isoformat() if old else "—", "new": new.isoformat() if new else "—"}
            )
    reason = (
        _("%(years)s年节假日安排已更新") % {"years": "、".join(str(year) for year in sorted(years))}
        if years
        else _("节假日安排已更新")
    )
    return _("%(reason)s：%(changes)s。") % {"reason": reason, "changes": "；".join(parts)}


@transaction.atomic
def recompute_due_dates(*, years=None, actor=None) -> int:
    """Recompute every open application (received in or after the year before the earliest changed year)."""
    applications = Application.objects.select_related("organization", "organization__region").filter(
        status__in=OPEN_STATUSES
    )
    if years:
        applications = applications.filter(received_on__year__gte=min(years) - 1)
    changed = 0
    for application in applications.select_for_update():
        before = (application.due_on, application.correction_notice_due_on)
        refresh_clock(application)
        if (application.due_on, application.correction_notice_due_on) != before:
            save(application)
            changed += 1
            add_event(
                application,
                Event.Kind.DUE_RECOMPUTED,
                timezone.localdate(),
                actor,
                note=recomputed_note(before, application, years),
            )
            log(
                "due_recomputed",
                actor=actor,
                application=application,
                data={
                    "old_due_on": before[0].isoformat() if before[0] else None,
                    "due_on": application.due_on.isoformat() if application.due_on else None,
                    "years": sorted(years) if years else None,
                },
            )
    return changed


def recipients_for(application: Application, offices: list[tuple[str, str, str]]) -> set[str]:
    """The handler and every office member whose region covers the application's organization."""
    emails = {email for path, email, _name in offices if application.organization.region.path.startswith(path)}
    if application.handler and application.handler.email:
        emails.add(application.handler.email)
    return emails


def reminder_body(items: list[tuple[Application, str]]) -> str:
    """The e-mail's text: one line per application; a deadline computed over a year whose holiday schedule is not
    loaded says "（暂定）", and each such year's warning follows the list."""
    provisional = ProvisionalDates(
        day
        for application, _light in items
        for day in (application.received_on, application.due_on, application.correction_due_on)
    )
    lines = []
    for application, light in items:
        due = application.due_on or application.correction_due_on
        lines.append(
            _("%(light)s %(code)s %(org)s 期限 %(due)s")
            % {
                "light": Light.LABELS[light],
                "code": application.tracking_code,
                "org": application.organization.name,
                "due": f"{due}{provisional.mark(application.received_on, due)}" if due else "—",
            }
        )
    body = _("以下政府信息公开申请临近或已超过期限，请及时办理：\n\n%(lines)s") % {"lines": "\n".join(lines)}
    warnings = provisional.warnings()
    return body + ("\n\n" + "\n".join(warnings) if warnings else "")


def send_reminders(*, dry_run: bool = False) -> list[tuple[str, int]]:
    """One e-mail per person listing their yellow and red applications; returns (recipient, count) pairs."""
    today = timezone.localdate()
    applications = list(
        Application.objects.filter(status__in=OPEN_STATUSES)
        .select_related("organization", "organization__region", "handler", "fee")
        .order_by("due_on")
    )
    lights = lights_for(applications, today) if applications else {}
    offices = list(
        Membership.objects.filter(role=Role.OFFICE, is_active=True, person__is_active=True)
        .exclude(person__email="")
        .values_list("organization__region__path", "person__email", "person__full_name")
    )
    digest: dict[str, list[tuple[Application, str]]] = defaultdict(list)
    for application in applications:
        light = lights[application.pk]
        if light in (Light.YELLOW, Light.RED):
            for email in recipients_for(application, offices):
                digest[email].append((application, light))
    sent = []
    for email, items in sorted(digest.items()):
        body = reminder_body(items)
        if not dry_run:
            send_mail(
                _("依申请公开办理提醒：%(count)s 件临近或超过期限") % {"count": len(items)},
                body,
                None,
                [email],
            )
            audit.log(
                "applications.reminder.sent",
                data={"to": email, "tracking_codes": [application.tracking_code for application, _light in items]},
            )
        sent.append((email, len(items)))
    return sent
