"""Who may do what in a village, built on `orgs.access` (the one place that turns memberships into scopes).

- village workers: the village's clerk and grid workers (网格员, role `grid_worker`), and the office above;
- township supervisors: the reviewer of the village's township (its 上级机构) and the office above;
- assignee staff: anyone working in the organization an issue was assigned to (a department, the township or the
  village itself).
Objects outside a person's scope raise `AccessDenied`, which the views answer with 404.
"""

from django.db.models import Q, QuerySet

from gongkai.core.errors import AccessDenied
from gongkai.orgs.access import ALL_ROLES, has_role, organizations_for
from gongkai.orgs.models import Level, Organization, Role

from .models import FinanceStatement, Objection, Publicity, ResidentIssue

VILLAGE_WORKERS = (Role.CLERK, Role.GRID_WORKER, Role.OFFICE)
SUPERVISORS = (Role.REVIEWER, Role.OFFICE)


def is_village(organization) -> bool:
    return organization is not None and organization.region.level == Level.VILLAGE


def is_village_worker(person, village) -> bool:
    return has_role(person, village, VILLAGE_WORKERS)


def is_township_supervisor(person, village) -> bool:
    """The township's reviewer or the office above reviews a village's issues and objections."""
    township = village.parent
    if township is not None and has_role(person, township, SUPERVISORS):
        return True
    return has_role(person, village, (Role.OFFICE,))


def is_assignee_staff(person, issue) -> bool:
    return issue.assignee_id is not None and has_role(person, issue.assignee, ALL_ROLES)


def villages_for(person) -> QuerySet[Organization]:
    """Villages the person works in, supervises (as the township's reviewer) or oversees (as the office)."""
    mine = organizations_for(person)
    supervised = organizations_for(person, SUPERVISORS)
    return (
        Organization.objects.filter(region__level=Level.VILLAGE, is_active=True)
        .filter(Q(pk__in=mine.values("pk")) | Q(parent__in=supervised.values("pk")))
        .select_related("region", "parent")
    )


def village_for_staff(*, person, organization_id, action: str = "view") -> Organization:
    """A village the person may see ("view") or work in ("work": clerk, grid worker, office)."""
    try:
        village = Organization.objects.select_related("region", "parent__region").get(pk=int(organization_id))
    except (Organization.DoesNotExist, TypeError, ValueError) as error:
        raise AccessDenied() from error
    if not is_village(village):
        raise AccessDenied()
    if action == "work":
        allowed = is_village_worker(person, village)
    else:
        allowed = villages_for(person).filter(pk=village.pk).exists()
    if not allowed:
        raise AccessDenied()
    return village


def issues_for_staff(person) -> QuerySet[ResidentIssue]:
    """Issues of the villages the person sees, and issues assigned to organizations the person works in."""
    return ResidentIssue.objects.filter(
        Q(village__in=villages_for(person).values("pk")) | Q(assignee__in=organizations_for(person).values("pk"))
    ).select_related("village__region", "village__parent", "assignee__region")


def issue_for_staff(*, person, issue_id) -> ResidentIssue:
    try:
        return issues_for_staff(person).get(pk=int(issue_id))
    except (ResidentIssue.DoesNotExist, TypeError, ValueError) as error:
        raise AccessDenied() from error


def publicity_for_staff(*, person, publicity_id) -> Publicity:
    try:
        publicity = Publicity.objects.select_related(
            "record__organization__region", "record__organization__parent"
        ).get(pk=int(publicity_id))
    except (Publicity.DoesNotExist, TypeError, ValueError) as error:
        raise AccessDenied() from error
    village = publicity.record.organization
    if not (is_village_worker(person, village) or is_township_supervisor(person, village)):
        raise AccessDenied()
    return publicity


def objection_for_staff(*, person, objection_id) -> Objection:
    """Objections carry a resident's contact: only the village's workers and the township's supervisors see them."""
    try:
        objection = Objection.objects.select_related("publicity__record__organization__region").get(
            pk=int(objection_id)
        )
    except (Objection.DoesNotExist, TypeError, ValueError) as error:
        raise AccessDenied() from error
    publicity_for_staff(person=person, publicity_id=objection.publicity_id)
    return objection


def statement_for_staff(*, person, statement_id) -> FinanceStatement:
    try:
        statement = FinanceStatement.objects.select_related("organization__region", "record").get(pk=int(statement_id))
    except (FinanceStatement.DoesNotExist, TypeError, ValueError) as error:
        raise AccessDenied() from error
    if not villages_for(person).filter(pk=statement.organization_id).exists():
        raise AccessDenied()
    return statement


def allowed_issue_actions(person, issue) -> set[str]:
    """The actions the person may take on the issue now (the services check everything again)."""
    from .models import IssueStatus as S

    village_side = is_village_worker(person, issue.village)
    supervisor = is_township_supervisor(person, issue.village)
    assignee = is_assignee_staff(person, issue)
    rules = {
        "assign": issue.status == S.REGISTERED and (village_side or supervisor),
        "return": issue.status == S.ASSIGNED and assignee,
        "accept": issue.status == S.ASSIGNED and assignee,
        "handle": issue.status == S.ACCEPTED and assignee,
        "review": issue.status == S.HANDLED and supervisor,
        "feed_back": issue.status == S.REVIEWED and (village_side or assignee),
        "rate": issue.status == S.FED_BACK and village_side,
        "publish_case": issue.status == S.CLOSED and supervisor and not issue.is_public_case,
        "photo": issue.status != S.CLOSED and (village_side or assignee or supervisor),
    }
    return {action for action, allowed in rules.items() if allowed}
