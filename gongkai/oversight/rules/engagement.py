"""Rules over the engagement app's data: inquiries answered in time, the 3-month veto, readings and ratings.

Oversight sits above engagement, so these rules read engagement's models and its own definitions (`veto_risks`,
`overdue`, `engagement_counts`) directly; engagement itself knows nothing of assessment. Counted per
organization with one aggregate query each, like the built-in rules.
"""

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from gongkai.core.assessment import Evidence, Period, Rule, Tally
from gongkai.engagement.deadlines import veto_risk_since
from gongkai.engagement.models import CountedKind, DailyCount, Inquiry, InquiryStatus, Rating
from gongkai.engagement.selectors import engagement_counts, overdue, veto_risks
from gongkai.publishing.models import Record

from .builtin import backoffice_url, published_between, record_evidence, tallies


def inquiry_evidence(inquiries, detail) -> list[Evidence]:
    return [
        Evidence(
            label=f"{inquiry.tracking_code} {inquiry.subject}",
            detail=detail(inquiry),
            url=backoffice_url("backoffice:engagement:inquiry", inquiry_id=inquiry.pk),
            kind="inquiry",
            object_id=inquiry.pk,
        )
        for inquiry in inquiries
    ]


class InquiriesUnansweredThreeMonths(Rule):
    """A state, not a flow: valid messages still unanswered 3 months after receipt on the assessed day (the national
    website check vetoes a site for any; a scheme gives it the whole weight with points each = weight)."""

    code = "engagement.inquiries_veto"
    name = _("留言超过3个月未答复")
    description = _("考核截止日仍未答复、收到已超过3个月的有效留言（全国政府网站检查单项否决项）件数。")
    unit = _("件留言")

    def queryset(self, period: Period):
        return veto_risks(Inquiry.objects.all(), period.end)

    def tally(self, organization_ids, period):
        rows = (
            self.queryset(period)
            .filter(organization_id__in=organization_ids)
            .values("organization_id")
            .annotate(count=Count("id"), total=Count("id"))
        )
        return tallies(rows)

    def evidence(self, organization_id, period, limit=200):
        inquiries = self.queryset(period).filter(organization_id=organization_id).order_by("received_on", "id")
        edge = veto_risk_since(period.end)
        return inquiry_evidence(
            inquiries[:limit],
            lambda inquiry: f"{inquiry.received_on} 收到，至 {period.end} 仍未答复（超过3个月：{edge} 及以前收到）",
        )


class InquiriesAnsweredOnTime(Rule):
    """Late = answered in the period after its due date, or still open and past due on the assessed day (the same
    counting as applications); chances = answered in the period plus those open past due."""

    code = "engagement.inquiries_answered_on_time"
    name = _("咨询留言按时答复")
    description = _("本年答复的留言和至今仍超期未答复的留言中，超过答复期限的件数。")
    unit = _("件留言")

    def answered(self, period: Period) -> Q:
        return Q(status=InquiryStatus.ANSWERED, answered_on__gte=period.start, answered_on__lte=period.end)

    def counted(self, period: Period):
        open_overdue = overdue(Inquiry.objects.all(), period.end)
        return Inquiry.objects.filter(self.answered(period) | Q(pk__in=open_overdue.values("pk")))

    def late(self, period: Period) -> Q:
        return (self.answered(period) & Q(answered_on__gt=F("due_on"))) | ~Q(status=InquiryStatus.ANSWERED)

    def tally(self, organization_ids, period):
        rows = (
            self.counted(period)
            .filter(organization_id__in=organization_ids)
            .values("organization_id")
            .annotate(total=Count("id"), count=Count("id", filter=self.late(period)))
        )
        return tallies(rows)

    def evidence(self, organization_id, period, limit=200):
        inquiries = (
            self.counted(period)
            .filter(self.late(period), organization_id=organization_id)
            .order_by("due_on", "id")[:limit]
        )
        return inquiry_evidence(
            inquiries,
            lambda inquiry: (
                f"答复期限 {inquiry.due_on}，答复于 {inquiry.answered_on}"
                if inquiry.answered_on
                else f"答复期限 {inquiry.due_on}，至今未答复"
            ),
        )


class InquiriesRatedUnsatisfied(Rule):
    code = "engagement.inquiries_unsatisfied"
    name = _("留言答复不满意")
    description = _("本年答复并经留言人评价的留言中，评价为“不满意”的件数。")
    unit = _("件留言")

    def rated(self, period: Period):
        return Inquiry.objects.filter(
            status=InquiryStatus.ANSWERED, answered_on__gte=period.start, answered_on__lte=period.end
        ).exclude(rating="")

    def tally(self, organization_ids, period):
        rows = (
            self.rated(period)
            .filter(organization_id__in=organization_ids)
            .values("organization_id")
            .annotate(total=Count("id"), count=Count("id", filter=Q(rating=Rating.UNSATISFIED)))
        )
        return tallies(rows)

    def evidence(self, organization_id, period, limit=200):
        inquiries = (
            self.rated(period)
            .filter(organization_id=organization_id, rating=Rating.UNSATISFIED)
            .order_by("answered_on", "id")[:limit]
        )
        return inquiry_evidence(
            inquiries,
            lambda inquiry: f"答复于 {inquiry.answered_on}，评价：不满意 {inquiry.rating_comment}".strip(),
        )


def readings(period: Period):
    """Reading counts of a record up to the assessed day."""
    return DailyCount.objects.filter(kind=CountedKind.RECORD, object_id=OuterRef("pk"), day__lte=period.end)


class RecordsUnread(Rule):
    """Reading counts (阅读): a record published in the period that nobody has opened on the portal since."""

    code = "engagement.records_unread"
    name = _("信息无人阅读")
    description = _("本年发布的信息中，至考核截止日门户网站没有任何阅读记录的条数。")
    unit = _("条信息")

    def unread(self, period: Period) -> Q:
        return ~Q(Exists(readings(period).filter(views__gt=0)))

    def tally(self, organization_ids, period):
        rows = (
            Record.objects.filter(published_between(period), organization_id__in=organization_ids)
            .values("organization_id")
            .annotate(total=Count("id"), count=Count("id", filter=self.unread(period)))
        )
        return tallies(rows)

    def evidence(self, organization_id, period, limit=200):
        records = Record.objects.filter(
            published_between(period), self.unread(period), organization_id=organization_id
        ).order_by("published_at", "id")[:limit]
        return record_evidence(records, lambda record: f"发布于 {record.published_at.date()}，至今阅读 0 次")


def organization_of(model) -> Subquery:
    return Subquery(model.objects.filter(pk=OuterRef("object_id")).values("organization_id")[:1])


class RatedNotUseful(Rule):
    """Ratings (有用/没用) of the organization's records and published answers: the 没用 votes among all votes."""

    code = "engagement.rated_not_useful"
    name = _("信息和答复被评为“没用”")
    description = _("本年门户网站上对本单位信息和咨询答复的“有用/没用”评价中，“没用”的票数。")
    unit = _("票")
    kinds = ((CountedKind.RECORD, Record), (CountedKind.ANSWER, Inquiry))

    def votes(self, kind, model, period: Period):
        return (
            DailyCount.objects.filter(kind=kind, day__gte=period.start, day__lte=period.end)
            .filter(Q(useful__gt=0) | Q(not_useful__gt=0))
            .annotate(organization_id=organization_of(model))
        )

    def tally(self, organization_ids, period):
        result: dict[int, Tally] = {}
        for kind, model in self.kinds:
            rows = (
                self.votes(kind, model, period)
                .filter(organization_id__in=organization_ids)
                .values("organization_id")
                .annotate(
                    useful_total=Coalesce(Sum("useful"), 0, output_field=IntegerField()),
                    not_useful_total=Coalesce(Sum("not_useful"), 0, output_field=IntegerField()),
                )
            )
            for row in rows:
                tally = result.setdefault(row["organization_id"], Tally())
                tally.count += row["not_useful_total"]
                tally.total += row["useful_total"] + row["not_useful_total"]
        return result

    def evidence(self, organization_id, period, limit=200):
        evidence = []
        for kind, model in self.kinds:
            voted = self.votes(kind, model, period).filter(organization_id=organization_id, not_useful__gt=0)
            counts = engagement_counts(
                kind=kind, object_ids=voted.values_list("object_id", flat=True), since=period.start, until=period.end
            )
            objects = model.objects.in_bulk(list(counts))
            for object_id, count in sorted(counts.items(), key=lambda pair: -pair[1]["not_useful"]):
                if object_id in objects:
                    evidence.append(self.describe(kind, objects[object_id], count))
        return evidence[:limit]

    def describe(self, kind, target, count) -> Evidence:
        if kind == CountedKind.RECORD:
            label, url = target.title, backoffice_url("backoffice:publishing:record", record_id=target.pk)
        else:
            label = f"{target.tracking_code} {target.subject}"
            url = backoffice_url("backoffice:engagement:inquiry", inquiry_id=target.pk)
        return Evidence(
            label=label,
            detail=f"有用 {count['useful']} 票，没用 {count['not_useful']} 票，阅读 {count['views']} 次",
            url=url,
            kind=str(kind),
            object_id=target.pk,
        )


RULES = [
    InquiriesUnansweredThreeMonths(),
    InquiriesAnsweredOnTime(),
    InquiriesRatedUnsatisfied(),
    RecordsUnread(),
    RatedNotUseful(),
]
