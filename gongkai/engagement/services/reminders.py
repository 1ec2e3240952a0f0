"""Reminders: one e-mail per person listing the yellow and red inquiries they handle or oversee."""

from collections import defaultdict

from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.core import audit
from gongkai.core.workdays import ProvisionalDates
from gongkai.orgs.models import Membership, Role

from ..models import OPEN_INQUIRY_STATUSES, Inquiry
from ..selectors import annotate_lights

REMINDED_LIGHTS = ("yellow", "red")
LIGHT_LABELS = {"yellow": gettext_lazy("临近期限"), "red": gettext_lazy("已超期")}


def _offices() -> list[tuple[str, str]]:
    return list(
        Membership.objects.filter(role=Role.OFFICE, is_active=True, person__is_active=True)
        .exclude(person__email="")
        .values_list("organization__region__path", "person__email")
    )


def _recipients(inquiry: Inquiry, offices, handlers_by_org) -> set[str]:
    emails = {email for path, email in offices if inquiry.organization.region.path.startswith(path)}
    if inquiry.handler and inquiry.handler.email:
        emails.add(inquiry.handler.email)
    elif not inquiry.handler:
        emails |= handlers_by_org.get(inquiry.organization_id, set())
    return emails


def _handlers_by_org() -> dict[int, set[str]]:
    rows = (
        Membership.objects.filter(role=Role.CLERK, is_active=True, person__is_active=True)
        .exclude(person__email="")
        .values_list("organization_id", "person__email")
    )
    result: dict[int, set[str]] = defaultdict(set)
    for organization_id, email in rows:
        result[organization_id].add(email)
    return result


def _line(inquiry: Inquiry, provisional: ProvisionalDates) -> str:
    flag = _("【超过3个月未答复，网站检查单项否决风险】") if inquiry.veto_risk else ""
    return _("%(light)s %(code)s %(org)s 期限 %(due)s %(flag)s") % {
        "light": LIGHT_LABELS[inquiry.light],
        "code": inquiry.tracking_code,
        "org": inquiry.organization.name,
        "due": inquiry.due_on.isoformat() + provisional.mark(inquiry.received_on, inquiry.due_on),
        "flag": flag,
    }


def _body(items: list[Inquiry]) -> str:
    """One line per inquiry; a deadline computed over a year whose holiday schedule is not loaded says "（暂定）" and
    each such year's warning follows the list."""
    provisional = ProvisionalDates(day for inquiry in items for day in (inquiry.received_on, inquiry.due_on))
    lines = "\n".join(_line(inquiry, provisional) for inquiry in items)
    body = _("以下咨询临近或已超过答复期限，请及时答复：\n\n%(lines)s") % {"lines": lines}
    warnings = provisional.warnings()
    return body + ("\n\n" + "\n".join(warnings) if warnings else "")


def send_reminders(*, dry_run: bool = False) -> list[tuple[str, list[str]]]:
    """Returns (recipient, tracking codes) pairs; with `dry_run` nothing is sent or logged."""
    today = timezone.localdate()
    inquiries = annotate_lights(
        Inquiry.objects.filter(status__in=OPEN_INQUIRY_STATUSES)
        .select_related("organization__region", "handler")
        .order_by("due_on", "id"),
        today,
    )
    offices, handlers = _offices(), _handlers_by_org()
    digest: dict[str, list[Inquiry]] = defaultdict(list)
    for inquiry in inquiries:
        if inquiry.light in REMINDED_LIGHTS:
            for email in _recipients(inquiry, offices, handlers):
                digest[email].append(inquiry)
    sent = []
    for email, items in sorted(digest.items()):
        codes = [inquiry.tracking_code for inquiry in items]
        if not dry_run:
            send_mail(
                _("群众咨询办理提醒：%(count)s 件临近或超过答复期限") % {"count": len(items)},
                _body(items),
                None,
                [email],
            )
            audit.log("engagement.reminder.sent", data={"to": email, "tracking_codes": codes})
        sent.append((email, codes))
    return sent
