"""Assessment rules the villages offer to oversight's schemes (found by `oversight.rules.registry.discover`):
residents' issues handled late, and village finance statements not published on time.

Both count for every organization involved: an issue for the village where it was raised and for the organization
it was assigned to (the township or a department), as the loop's 综合评价 asks.
"""

from collections import defaultdict

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.core.assessment import Evidence, Period, Rule, Tally
from gongkai.orgs.models import Level, Organization

from .models import IssueStatus, ResidentIssue
from .selectors import finance_period_lights
from .services.issues import STEP_LIMITS


def counted_issues(period: Period):
    """Issues closed in the period, and issues still open whose step was overdue on its last day."""
    closed = Q(status=IssueStatus.CLOSED, closed_at__date__gte=period.start, closed_at__date__lte=period.end)
    overdue = Q(status__in=list(STEP_LIMITS), step_due_on__lt=period.end)
    return ResidentIssue.objects.filter(closed | overdue)


def is_late(issue: ResidentIssue) -> bool:
    return issue.late_steps > 0 or issue.status != IssueStatus.CLOSED


class IssuesHandledLate(Rule):
    code = "villages.issues_late"
    name = _("民情诉求超时办理")
    description = _(
        "本年办结的民情诉求中有环节超过办理时限的件数，加上至今仍超期未办的件数；反映地村（社区）和承办单位都计入。"
    )
    unit = _("件诉求")

    def tally(self, organization_ids, period):
        wanted = set(organization_ids)
        tallies: dict[int, Tally] = defaultdict(Tally)
        issues = counted_issues(period).filter(Q(village_id__in=wanted) | Q(assignee_id__in=wanted))
        for issue in issues.only("village_id", "assignee_id", "late_steps", "status"):
            for organization_id in {issue.village_id, issue.assignee_id} & wanted:
                tallies[organization_id].total += 1
                tallies[organization_id].count += int(is_late(issue))
        return dict(tallies)

    def evidence(self, organization_id, period, limit=200):
        issues = (
            counted_issues(period)
            .filter(Q(village_id=organization_id) | Q(assignee_id=organization_id))
            .order_by("step_due_on", "pk")
        )
        late = [issue for issue in issues if is_late(issue)][:limit]
        return [
            Evidence(
                label=issue.tracking_code,
                detail=(
                    _("%(title)s：超时环节%(late)s个") % {"title": issue.title, "late": issue.late_steps}
                    if issue.status == IssueStatus.CLOSED
                    else _("%(title)s：%(status)s，时限%(due)s已过")
                    % {"title": issue.title, "status": IssueStatus(issue.status).label, "due": issue.step_due_on}
                ),
                url=reverse("backoffice:villages:issue", kwargs={"issue_id": issue.pk}),
                kind="resident_issue",
                object_id=issue.pk,
            )
            for issue in late
        ]


class FinanceNotPublishedOnTime(Rule):
    """A period counts once its due date (10 working days after it ends) falls in the assessed period; it is late
    when published after that date or still unpublished."""

    code = "villages.finance_late"
    name = _("村级财务未按期公开")
    description = _("本年到期的村级财务收支公开中，逾期公开或至今未公开的期数。")
    unit = _("期财务收支")

    def periods(self, organization_ids, period: Period):
        villages = Organization.objects.filter(pk__in=organization_ids, region__level=Level.VILLAGE)
        lights = []
        for year in range(period.start.year - 1, period.end.year + 1):
            lights += finance_period_lights(year=year, today=period.end, organizations=villages)
        return [light for light in lights if period.start <= light.due_on < period.end]

    def tally(self, organization_ids, period):
        tallies: dict[int, Tally] = defaultdict(Tally)
        for light in self.periods(organization_ids, period):
            tally = tallies[light.organization.pk]
            tally.total += 1
            tally.count += int(light.late or light.published_on is None)
        return dict(tallies)

    def evidence(self, organization_id, period, limit=200):
        late = [light for light in self.periods([organization_id], period) if light.late or light.published_on is None]
        return [
            Evidence(
                label=_("%(year)s年第%(period)s期") % {"year": light.year, "period": light.period},
                detail=_("公开时限%(due)s，%(published)s")
                % {
                    "due": light.due_on,
                    "published": _("公开于%(day)s") % {"day": light.published_on}
                    if light.published_on
                    else _("至今未公开"),
                },
                kind="finance_period",
            )
            for light in late[:limit]
        ]


RULES = [IssuesHandledLate(), FinanceNotPublishedOnTime()]
