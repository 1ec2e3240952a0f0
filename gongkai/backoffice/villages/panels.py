"""Workbench panel: the resident issues waiting for the person's action, due or overdue first (the reminders)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.backoffice.workbench import Panel
from gongkai.villages.access import allowed_issue_actions, issues_for_staff
from gongkai.villages.models import IssueStatus
from gongkai.villages.selectors import annotate_issue_lights

LIMIT = 8


def panels(request) -> list[Panel]:
    open_issues = issues_for_staff(request.user).exclude(status=IssueStatus.CLOSED).order_by("step_due_on", "id")
    mine = [issue for issue in open_issues[:100] if allowed_issue_actions(request.user, issue) - {"photo"}]
    if not mine:
        return []
    shown = annotate_issue_lights(mine[:LIMIT], timezone.localdate())
    items = [
        {
            "label": issue.title,
            "url": reverse("backoffice:villages:issue", args=[issue.pk]),
            "light": issue.light,
            "meta": _("%(status)s · 时限 %(due)s") % {"status": issue.get_status_display(), "due": issue.step_due_on},
        }
        for issue in shown
    ]
    return [
        Panel(
            title=_("民情诉求：等我办理"),
            items=items,
            more_url=reverse("backoffice:villages:index"),
            empty_text=_("没有等您办理的诉求。"),
            count=len(mine),
        )
    ]
