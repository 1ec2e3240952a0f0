"""Reads of the engagement app: the public lists (published only, no personal data) and the staff lists."""

from datetime import date

from django.db.models import Case, Count, F, Q, QuerySet, Sum, When
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gongkai.core import lights
from gongkai.core.workdays import WorkCalendar

from .access import organizations_where
from .deadlines import light_of, veto_risk_since
from .models import (
    OPEN_INQUIRY_STATUSES,
    PUBLIC_CALL_STATUSES,
    CallStatus,
    CommentCall,
    CommentStatus,
    DailyCount,
    Inquiry,
    InquiryStatus,
    Mailbox,
    ReportStatus,
    Survey,
    SurveyStatus,
)

# The only fields of an inquiry the public may ever read.
PUBLIC_INQUIRY_FIELDS = (
    "id",
    "tracking_code",
    "subject",
    "public_question",
    "public_answer",
    "published_at",
    "answered_on",
    "received_on",
    "is_faq",
    "organization_id",
    "domain_id",
)


def published_inquiries(*, organization_id=None, domain_id=None, faq: bool | None = None) -> QuerySet[Inquiry]:
    """Answered inquiries published with consent, in classified lists (by organization and domain)."""
    queryset = (
        Inquiry.objects.filter(is_published=True, status=InquiryStatus.ANSWERED, consents_to_publish=True)
        .select_related("organization", "domain")
        .only(*PUBLIC_INQUIRY_FIELDS, "organization__name", "organization__short_name", "domain__name", "domain__code")
        .order_by("-published_at", "-id")
    )
    if organization_id:
        queryset = queryset.filter(organization_id=organization_id)
    if domain_id:
        queryset = queryset.filter(domain_id=domain_id)
    if faq is not None:
        queryset = queryset.filter(is_faq=faq)
    return queryset


def inquiry_for_tracking(*, tracking_code: str) -> Inquiry | None:
    return (
        Inquiry.objects.select_related("organization", "mailbox")
        .filter(tracking_code=tracking_code.strip().upper())
        .first()
    )


def public_mailboxes() -> QuerySet[Mailbox]:
    return Mailbox.objects.filter(is_active=True, organization__is_active=True).select_related("organization")


def inquiries_for_staff(*, person) -> QuerySet[Inquiry]:
    return Inquiry.objects.filter(organization__in=organizations_where(person, "view")).select_related(
        "organization__region", "mailbox", "handler"
    )


def annotate_lights(inquiries, today: date) -> list[Inquiry]:
    """Set `light` and `veto_risk` on each inquiry, loading one calendar per region (no query per row)."""
    inquiries = list(inquiries)
    veto_day = veto_risk_since(today)
    by_region: dict = {}
    for inquiry in inquiries:
        inquiry.light, inquiry.light_reason = None, ""
        inquiry.veto_risk = inquiry.is_open and inquiry.received_on <= veto_day
        if inquiry.is_open:
            by_region.setdefault(inquiry.organization.region, []).append(inquiry)
    for region, group in by_region.items():
        low = min([today, *[inquiry.due_on for inquiry in group]])
        high = max([today, *[inquiry.due_on for inquiry in group]])
        calendar = WorkCalendar.load(low, high, region=region)
        for inquiry in group:
            inquiry.light = light_of(inquiry.due_on, today, calendar)
            inquiry.light_reason = light_reason(inquiry.due_on, today, calendar)
    return inquiries


def light_reason(due_on: date | None, today: date, calendar: WorkCalendar) -> str:
    """Why an open inquiry has its light, in words: 答复期限已过 / 答复今日到期 / 答复期限剩 N 个工作日."""
    if due_on is None:
        return ""
    light = lights.classify(due_on, today, calendar)
    if light.light == lights.Light.RED:
        return _("答复期限已过")
    if not light.days_left:
        return _("答复今日到期")
    days = light.days_left
    return ngettext("答复期限剩 %(days)d 个工作日", "答复期限剩 %(days)d 个工作日", days) % {"days": days}


def by_urgency(queryset: QuerySet[Inquiry]) -> QuerySet[Inquiry]:
    """The inquiries list's default order: open ones by reply deadline (overdue, red, first; then the nearest, yellow),
    then closed ones, newest first."""
    closed = Case(When(status__in=OPEN_INQUIRY_STATUSES, then=0), default=1)
    return queryset.annotate(closed=closed).order_by("closed", F("due_on").asc(nulls_last=True), "-received_on", "-id")


def veto_risks(queryset: QuerySet[Inquiry], today: date) -> QuerySet[Inquiry]:
    """Valid messages still unanswered after 3 months: the national website check vetoes the site for any."""
    return queryset.filter(status__in=OPEN_INQUIRY_STATUSES, received_on__lte=veto_risk_since(today))


def overdue(queryset: QuerySet[Inquiry], today: date) -> QuerySet[Inquiry]:
    return queryset.filter(status__in=OPEN_INQUIRY_STATUSES, due_on__lt=today)


def status_counts(queryset: QuerySet[Inquiry]) -> dict[str, int]:
    return dict(queryset.order_by().values_list("status").annotate(count=Count("id")))


def public_calls(*, open_on: date | None = None) -> QuerySet[CommentCall]:
    """Calls the public may see; with `open_on`, only those collecting comments that day."""
    queryset = (
        CommentCall.objects.filter(status__in=PUBLIC_CALL_STATUSES)
        .select_related("organization", "final_policy")
        .annotate(shown_comments=Count("comments", filter=Q(comments__status=CommentStatus.SHOWN)))
        .order_by("-starts_on", "-id")
    )
    if open_on is not None:
        queryset = queryset.filter(status=CallStatus.OPEN, starts_on__lte=open_on, ends_on__gte=open_on)
    return queryset


def public_call(call_id) -> CommentCall | None:
    return public_calls().filter(pk=call_id).first()


def shown_comments(call: CommentCall):
    """What the public sees of comments: the masked text, channel and date, never the author or contact."""
    return call.comments.filter(status=CommentStatus.SHOWN).only(
        "id", "public_body", "channel", "received_on", "call_id"
    )


def published_report(call: CommentCall):
    report = getattr(call, "adoption_report", None)
    return report if report is not None and report.status == ReportStatus.PUBLISHED else None


def calls_for_policy(record) -> QuerySet[CommentCall]:
    """The calls whose final policy is this record (the policy's link back to its call)."""
    return CommentCall.objects.filter(final_policy=record, status__in=PUBLIC_CALL_STATUSES)


def calls_for_staff(*, person) -> QuerySet[CommentCall]:
    return (
        CommentCall.objects.filter(organization__in=organizations_where(person, "view"))
        .select_related("organization")
        .annotate(comment_count=Count("comments"))
    )


def published_surveys() -> QuerySet[Survey]:
    return Survey.objects.filter(status=SurveyStatus.PUBLISHED).select_related("organization").order_by("-published_at")


def open_surveys(today: date) -> QuerySet[Survey]:
    return (
        Survey.objects.filter(status=SurveyStatus.OPEN)
        .filter(Q(opens_on__isnull=True) | Q(opens_on__lte=today))
        .filter(Q(closes_on__isnull=True) | Q(closes_on__gte=today))
        .select_related("organization")
    )


def surveys_for_staff(*, person) -> QuerySet[Survey]:
    return Survey.objects.filter(organization__in=organizations_where(person, "view")).select_related("organization")


def inquiry_by_id(inquiry_id) -> Inquiry | None:
    return Inquiry.objects.select_related("organization").filter(pk=inquiry_id).first()


def answer_facets() -> dict:
    """Organizations and domains that have published answers, with counts, for the classified lists."""
    published = published_inquiries().order_by()
    organizations = published.values("organization_id", "organization__name").annotate(count=Count("id"))
    domains = published.filter(domain__isnull=False).values("domain_id", "domain__name").annotate(count=Count("id"))
    return {
        "organizations": sorted(organizations, key=lambda row: row["organization__name"]),
        "domains": sorted(domains, key=lambda row: row["domain__name"]),
    }


def engagement_counts(*, kind: str, object_ids=None, since: date | None = None, until: date | None = None) -> dict:
    """Totals per object: {object_id: {"views", "shares", "useful", "not_useful"}}. Oversight reads this."""
    rows = DailyCount.objects.filter(kind=kind)
    if object_ids is not None:
        rows = rows.filter(object_id__in=list(object_ids))
    if since is not None:
        rows = rows.filter(day__gte=since)
    if until is not None:
        rows = rows.filter(day__lte=until)
    totals = rows.values("object_id").annotate(
        views_total=Sum("views"),
        shares_total=Sum("shares"),
        useful_total=Sum("useful"),
        not_useful_total=Sum("not_useful"),
    )
    return {
        row["object_id"]: {
            "views": row["views_total"],
            "shares": row["shares_total"],
            "useful": row["useful_total"],
            "not_useful": row["not_useful_total"],
        }
        for row in totals
    }


def daily_totals(*, kind: str, since: date, until: date) -> list[dict]:
    """Per-day totals of one kind over a period (all objects), for charts and oversight scores."""
    return list(
        DailyCount.objects.filter(kind=kind, day__gte=since, day__lte=until)
        .values("day")
        .annotate(views=Sum("views"), shares=Sum("shares"), useful=Sum("useful"), not_useful=Sum("not_useful"))
        .order_by("day")
    )


def inquiry_indicators(*, organization_ids=None, since: date, until: date, today: date) -> dict:
    """What oversight scores read about inquiries received in [since, until]: how many, answered, answered on time,
    still open and overdue, at veto risk (today), and the askers' ratings."""
    received = Inquiry.objects.filter(received_on__gte=since, received_on__lte=until).exclude(
        status=InquiryStatus.INVALID
    )
    if organization_ids is not None:
        received = received.filter(organization_id__in=list(organization_ids))
    answered = received.filter(status=InquiryStatus.ANSWERED)
    ratings = dict(answered.exclude(rating="").order_by().values_list("rating").annotate(n=Count("id")))
    return {
        "received": received.count(),
        "answered": answered.count(),
        "answered_on_time": answered.filter(answered_on__lte=F("due_on")).count(),
        "overdue": overdue(received, today).count(),
        "veto_risks": veto_risks(received, today).count(),
        "published": received.filter(is_published=True).count(),
        "ratings": {value: ratings.get(value, 0) for value in ("satisfied", "basically", "unsatisfied")},
    }
