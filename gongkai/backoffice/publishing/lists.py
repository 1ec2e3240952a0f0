"""The work lists of the publishing back office, shared by the workbench panels and the full list pages."""

from dataclasses import dataclass

from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.access import organizations_for
from gongkai.orgs.models import Level, Role
from gongkai.publishing.models import OPEN_STATUSES, Record, RecordStatus
from gongkai.publishing.selectors import policies_lacking_interpretation

S = RecordStatus


@dataclass(frozen=True)
class WorkList:
    slug: str
    title: str
    roles: tuple
    with_lights: bool = False
    # The office reviews and clears only village records (the others have their own reviewers).
    office_for_villages_only: bool = False


WORK_LISTS = (
    WorkList("drafts", _("我的草稿"), (Role.CLERK, Role.OFFICE), True),
    WorkList("review", _("待我审核"), (Role.REVIEWER, Role.OFFICE), True, office_for_villages_only=True),
    WorkList(
        "confidentiality",
        _("待保密审查"),
        (Role.CONFIDENTIALITY_OFFICER, Role.OFFICE),
        True,
        office_for_villages_only=True,
    ),
    WorkList("ready", _("待发布"), (Role.CLERK, Role.REVIEWER, Role.OFFICE), True),
    WorkList("scheduled", _("定时发布"), (Role.CLERK, Role.REVIEWER, Role.OFFICE)),
    WorkList("overdue", _("逾期未发布"), tuple(Role.values), True),
    WorkList("emergency", _("紧急发布待补审"), (Role.REVIEWER, Role.CONFIDENTIALITY_OFFICER, Role.OFFICE)),
    WorkList("published", _("最近发布"), tuple(Role.values)),
    WorkList("interpretations", _("缺少政策解读的政策文件"), (Role.CLERK, Role.REVIEWER, Role.OFFICE)),
)
BY_SLUG = {work_list.slug: work_list for work_list in WORK_LISTS}
# Most urgent first: the light follows the due date (red when past, yellow within five working days), so ordering
# by it puts red, then yellow, then the rest by due date; records without a due date last on every database.
BY_URGENCY = (F("due_on").asc(nulls_last=True), "id")


def scoped(person, roles, organization_id=None, *, office_for_villages_only=False) -> QuerySet[Record]:
    if office_for_villages_only:
        own = organizations_for(person, [role for role in roles if role != Role.OFFICE])
        scope = own | organizations_for(person, (Role.OFFICE,)).filter(region__level=Level.VILLAGE)
    else:
        scope = organizations_for(person, roles)
    records = Record.objects.filter(organization__in=scope).select_related(
        "organization__region", "created_by", "submitted_by"
    )
    return records.filter(organization_id=organization_id) if organization_id else records


def work_list_records(person, slug: str, organization_id=None) -> QuerySet[Record]:
    """The records of one work list for `person`, ordered as the list shows them."""
    work_list = BY_SLUG[slug]
    records = scoped(
        person, work_list.roles, organization_id, office_for_villages_only=work_list.office_for_villages_only
    )
    if slug == "drafts":
        return (
            records.filter(status=S.DRAFT).filter(Q(created_by=person) | Q(submitted_by=person)).order_by(*BY_URGENCY)
        )
    if slug == "review":
        return (
            records.filter(status=S.SUBMITTED)
            .exclude(created_by=person)
            .exclude(submitted_by=person)
            .order_by(*BY_URGENCY)
        )
    if slug == "confidentiality":
        return (
            records.filter(status=S.REVIEWED)
            .exclude(created_by=person)
            .exclude(submitted_by=person)
            .order_by(*BY_URGENCY)
        )
    if slug == "ready":
        return records.filter(status=S.CLEARED).order_by(*BY_URGENCY)
    if slug == "scheduled":
        return records.filter(status=S.SCHEDULED).order_by("scheduled_for")
    if slug == "overdue":
        return records.filter(status__in=OPEN_STATUSES, due_on__lt=timezone.localdate()).order_by(*BY_URGENCY)
    if slug == "emergency":
        return records.filter(emergency=True, emergency_reviewed_at=None).order_by("-published_at")
    if slug == "published":
        return records.filter(status=S.PUBLISHED).order_by("-published_at")
    return policies_lacking_interpretation(records).order_by("-published_at")


def visible_work_lists(person) -> list[WorkList]:
    from gongkai.orgs.access import roles_of

    roles = roles_of(person)
    if Role.ADMIN in roles:
        return list(WORK_LISTS)
    return [work_list for work_list in WORK_LISTS if roles & set(work_list.roles)]
