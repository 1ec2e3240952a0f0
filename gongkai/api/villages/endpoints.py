"""Typed API endpoints of the villages module (mounted at /api/v1/villages/).

Public: villages and their five columns, a notice's period, masked list and outcome, a finance statement, the
anonymized issue statistics and solved cases. Staff (signed in, session + CSRF): their issues with lights, the
issue transitions, and the finance period lights of the villages they see.
"""

from datetime import date
from typing import Literal

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.security import django_auth

from gongkai.api.v1.lists import Page, PageQuery, ordered, page_of
from gongkai.api.v1.schemas import ERRORS, STAFF_ERRORS, Id
from gongkai.core.errors import AccessDenied, DomainError
from gongkai.orgs.models import Organization
from gongkai.publishing.selectors import column_tree
from gongkai.villages import selectors, services
from gongkai.villages.access import allowed_issue_actions, issue_for_staff, issues_for_staff, villages_for
from gongkai.villages.services.finance import statement_totals

router = Router(tags=["villages"])


class VillageOut(Schema):
    id: int
    name: str
    township: str | None


class VillageColumnOut(Schema):
    slug: str
    name: str
    children: list["VillageColumnOut"] = []


class EntryOut(Schema):
    name: str
    id_number: str
    address: str
    detail: str


class AnsweredObjectionOut(Schema):
    text: str
    answer: str
    outcome: str


class NoticeOut(Schema):
    record_id: Id
    title: str
    kind: str
    working_days: int
    starts_on: date | None
    ends_on: date | None
    phase: str
    message: str
    entries: list[EntryOut]
    objections: list[AnsweredObjectionOut]


class LineOut(Schema):
    direction: str
    subject: str
    amount: str
    note: str


class StatementOut(Schema):
    record_id: Id
    village: str
    period_kind: str
    year: int
    period: int
    opening_balance: str
    income_total: str
    expense_total: str
    closing_balance: str
    lines: list[LineOut]


class CountOut(Schema):
    label: str
    count: int


class StatisticsOut(Schema):
    total: int
    closed: int
    closed_on_time: int
    rated: int
    average_rating: float
    by_status: list[CountOut]
    by_category: list[CountOut]


class CaseOut(Schema):
    id: int
    title: str
    village: str
    category: str
    summary: str
    closed_on: date | None


class IssueOut(Schema):
    id: int
    title: str
    village: str
    status: str
    status_label: str
    assignee: str | None
    step_due_on: date
    light: str | None
    actions: list[str]


class IssueActionIn(Schema):
    assignee_id: int | None = None
    note: str = ""
    reason: str = ""
    result: str = ""
    approve: bool = True
    comment: str = ""
    feedback: str = ""
    rating: int | None = None
    summary: str = ""


class PeriodLightOut(Schema):
    organization_id: Id
    organization: str
    period_kind: str
    year: int
    period: int
    due_on: date
    published_on: date | None
    light: str | None
    late: bool


class VillageQuery(PageQuery):
    ordering: Literal["region", "-region", "name", "-name"] = "region"


VILLAGE_ORDERINGS = {"region": "region__path", "name": "name"}


@router.get("/", response={200: Page[VillageOut], **ERRORS})
def village_list(request, query: Query[VillageQuery]):
    """`ordering=region` (the default) lists villages township by township, in the regions' code order."""
    items, envelope = page_of(ordered(selectors.villages(), query.ordering, fields=VILLAGE_ORDERINGS), query)
    return {
        **envelope,
        "results": [
            VillageOut(id=v.pk, name=v.name, township=v.parent.display_name if v.parent else None) for v in items
        ],
    }


def as_columns(columns) -> list[VillageColumnOut]:
    return [VillageColumnOut(slug=c.slug, name=c.name, children=as_columns(c.children_list)) for c in columns]


@router.get("/{organization_id}/columns/", response={200: Page[VillageColumnOut], **ERRORS})
def village_columns(request, organization_id: Id, query: Query[PageQuery]):
    """The village's top columns in their order, each with its whole subtree."""
    village = selectors.villages().filter(pk=organization_id).first()
    if village is None:
        raise Http404
    columns = [c for c in column_tree(village) if c.slug.startswith("village-")]
    items, envelope = page_of(columns, query, count=len(columns))
    return {**envelope, "results": as_columns(items)}


@router.get("/notices/{record_id}/", response=NoticeOut)
def notice(request, record_id: Id):
    publicity = selectors.public_publicity(record_id)
    if publicity is None:
        raise Http404
    state = selectors.publicity_state(publicity, timezone.localdate())
    return NoticeOut(
        record_id=publicity.record_id,
        title=publicity.record.title,
        kind=publicity.kind,
        working_days=publicity.working_days,
        starts_on=publicity.starts_on,
        ends_on=publicity.ends_on,
        phase=state.phase,
        message=str(state.message),
        entries=selectors.masked_entries(publicity),
        objections=[AnsweredObjectionOut(**{k: str(v) for k, v in item.items()}) for item in state.objections],
    )


@router.get("/finance/{record_id}/", response=StatementOut)
def statement(request, record_id: Id):
    found = selectors.public_statement(record_id)
    if found is None:
        raise Http404
    totals = statement_totals(found)
    return StatementOut(
        record_id=found.record_id,
        village=found.organization.name,
        period_kind=found.period_kind,
        year=found.year,
        period=found.period,
        opening_balance=str(totals.opening),
        income_total=str(totals.income),
        expense_total=str(totals.expense),
        closing_balance=str(totals.closing),
        lines=[
            LineOut(direction=line.direction, subject=line.subject, amount=str(line.amount), note=line.note)
            for line in found.lines.all()
        ],
    )


@router.get("/issues/statistics/", response=StatisticsOut)
def issue_statistics(request):
    stats = selectors.issue_statistics()
    return StatisticsOut(
        total=stats["total"],
        closed=stats["closed"],
        closed_on_time=stats["closed_on_time"],
        rated=stats["rated"],
        average_rating=float(stats["average_rating"]),
        by_status=[CountOut(label=str(label), count=count) for label, count in stats["by_status"]],
        by_category=[CountOut(label=str(label), count=count) for label, count in stats["by_category"]],
    )


class CaseQuery(PageQuery):
    ordering: Literal["-closed_at", "closed_at"] = "-closed_at"


CASE_ORDERINGS = {"closed_at": "closed_at"}


@router.get("/issues/cases/", response={200: Page[CaseOut], **ERRORS})
def cases(request, query: Query[CaseQuery]):
    items, envelope = page_of(ordered(selectors.public_cases(), query.ordering, fields=CASE_ORDERINGS), query)
    return {
        **envelope,
        "results": [
            CaseOut(
                id=case.pk,
                title=case.title,
                village=case.village.display_name,
                category=str(case.get_category_display()),
                summary=case.public_summary,
                closed_on=timezone.localdate(case.closed_at) if case.closed_at else None,
            )
            for case in items
        ],
    }


def issue_out(person, issue) -> IssueOut:
    return IssueOut(
        id=issue.pk,
        title=issue.title,
        village=issue.village.name,
        status=issue.status,
        status_label=str(issue.get_status_display()),
        assignee=issue.assignee.name if issue.assignee else None,
        step_due_on=issue.step_due_on,
        light=getattr(issue, "light", None),
        actions=sorted(allowed_issue_actions(person, issue)),
    )


class StaffIssueQuery(PageQuery):
    status: str = Field("", max_length=20, description="只列这一状态的问题。")
    ordering: Literal["step_due_on", "-step_due_on", "-created_at", "created_at"] = "step_due_on"


ISSUE_ORDERINGS = {"step_due_on": "step_due_on", "created_at": "created_at"}


@router.get("/staff/issues/", response={200: Page[IssueOut], **STAFF_ERRORS}, auth=django_auth)
def staff_issues(request, query: Query[StaffIssueQuery]):
    found = issues_for_staff(request.user)
    if query.status:
        found = found.filter(status=query.status)
    items, envelope = page_of(ordered(found, query.ordering, fields=ISSUE_ORDERINGS), query)
    issues = selectors.annotate_issue_lights(items, timezone.localdate())
    return {**envelope, "results": [issue_out(request.user, issue) for issue in issues]}


def run_action(request, issue, action: str, data: IssueActionIn):
    actor = request.user
    if action == "assign":
        organization = Organization.objects.filter(pk=data.assignee_id or 0).first()
        if organization is None:
            raise DomainError("villages.invalid", _("请选择承办单位。"), field="assignee_id")
        return services.assign_issue(issue=issue, assignee=organization, actor=actor, note=data.note)
    calls = {
        "return": lambda: services.return_issue(issue=issue, actor=actor, reason=data.reason),
        "accept": lambda: services.accept_issue(issue=issue, actor=actor),
        "handle": lambda: services.handle_issue(issue=issue, actor=actor, result=data.result),
        "review": lambda: services.review_issue(issue=issue, actor=actor, approve=data.approve, comment=data.comment),
        "feed_back": lambda: services.feed_back_issue(issue=issue, actor=actor, feedback=data.feedback),
        "rate": lambda: services.rate_issue(issue=issue, actor=actor, rating=data.rating, comment=data.comment),
        "publish_case": lambda: services.publish_case(issue=issue, actor=actor, summary=data.summary),
    }
    if action not in calls:
        raise Http404
    return calls[action]()


@router.post("/staff/issues/{issue_id}/{action}/", response=IssueOut, auth=django_auth)
def staff_issue_action(request, issue_id: Id, action: str, data: IssueActionIn):
    try:
        issue = issue_for_staff(person=request.user, issue_id=issue_id)
    except AccessDenied as error:
        raise Http404 from error
    issue = run_action(request, issue, action, data)
    issue = issue_for_staff(person=request.user, issue_id=issue.pk)
    return issue_out(request.user, selectors.annotate_issue_lights([issue], timezone.localdate())[0])


class FinanceLightQuery(PageQuery):
    year: int | None = Field(None, ge=2000, le=2100, description="年度，默认今年。")


@router.get("/staff/finance-lights/", response={200: Page[PeriodLightOut], **STAFF_ERRORS}, auth=django_auth)
def finance_lights(request, query: Query[FinanceLightQuery]):
    """One row per village and period due in the year, in the order the selector gives (village, then period)."""
    today = timezone.localdate()
    lights = selectors.finance_period_lights(
        year=query.year or today.year, today=today, organizations=villages_for(request.user)
    )
    items, envelope = page_of(lights, query, count=len(lights))
    results = [
        PeriodLightOut(
            organization_id=item.organization.pk,
            organization=item.organization.name,
            period_kind=item.period_kind,
            year=item.year,
            period=item.period,
            due_on=item.due_on,
            published_on=item.published_on,
            light=item.light,
            late=item.late,
        )
        for item in items
    ]
    return {**envelope, "results": results}
