"""A small, hand-counted world for the public statistics (imported by the reports, portal and API tests).

This year (Y), in the portal's region (示范区):
- records published: 示范区民政局 5 (31 Jan 17:00 UTC = 1 Feb in Beijing; 3 in March, 2 of them 决策公开; 1 in May),
  东风街道办事处 2 (May; June, taken offline since); not counted: a withdrawn one, a draft, one published last year,
  one of an organization outside the region;
- two of 民政局's March records are linked to 社会救助 items (one to two of them: counted once);
- applications decided: 2 disclosed on time, 1 withheld (国家秘密) late, 1 imported without a due date (other);
  not counted: a transferred one, one decided last year, one outside the region;
- inquiries received: 3 answered (after 2, 4 and 9 days; the last one late), 1 in progress, 1 invalid;
- guides in force: 民政局 2 (statutory 20+10, promised 15+5).
"""

from datetime import UTC, date, datetime, timedelta

from django.utils import timezone

from gongkai.applications.models import Application
from gongkai.catalog.tests.factories import catalog_of, make_tree
from gongkai.engagement.models import Inquiry, InquiryStatus
from gongkai.orgs.tests.factories import MembershipFactory, OrganizationFactory, PersonFactory, RegionFactory
from gongkai.publishing.models import RecordStatus
from gongkai.publishing.tests.factories import draft, force_status
from gongkai.services.tests.factories import GuideFactory

SHANGHAI = timezone.get_fixed_timezone(8 * 60)


def this_year() -> int:
    return timezone.localdate().year


def at(year: int, month: int, day: int, hour: int = 9) -> datetime:
    return datetime(year, month, day, hour, tzinfo=SHANGHAI)


def build(*, department, street_office, clerk) -> dict:
    year = this_year()
    outside_region = RegionFactory(name="别的县", division_code="330199000000")
    outsider = OrganizationFactory(region=outside_region, name="别的县民政局", kind="department")

    authors = {department: clerk}
    for organization in (street_office, outsider):
        authors[organization] = PersonFactory()
        MembershipFactory(person=authors[organization], organization=organization, role="clerk")

    def published(organization, when, status=RecordStatus.PUBLISHED, **fields):
        record = draft(organization, authors[organization], written_on=date(year - 1, 12, 1))
        return force_status(record, status, published_at=when, **fields)

    feb = published(department, datetime(year, 1, 31, 17, 0, tzinfo=UTC))
    march = [published(department, at(year, 3, day), effective_stage="decision") for day in (2, 3)]
    march.append(published(department, at(year, 3, 4)))
    published(department, at(year, 5, 6))
    published(street_office, at(year, 5, 7))
    published(street_office, at(year, 6, 8), RecordStatus.TAKEN_OFFLINE)
    published(street_office, at(year, 5, 9), RecordStatus.WITHDRAWN)
    draft(department, clerk)
    published(department, at(year - 1, 7, 1))
    published(outsider, at(year, 3, 2))
    _group, guide_item, review_item = make_tree(catalog_of(department), clerk)
    march[0].items.add(guide_item)
    march[1].items.add(guide_item, review_item)

    def application(organization, number, *, decided, due, outcome, status="decided"):
        return Application.objects.create(
            organization=organization,
            tracking_code=f"STAT{number:04d}",
            applicant_type="natural_person",
            received_on=decided - timedelta(days=10),
            due_on=due,
            status=status,
            outcome=outcome,
            decided_on=decided,
        )

    decided = date(year, 2, 20)
    application(department, 1, decided=decided, due=decided, outcome="disclosed")
    application(street_office, 2, decided=decided, due=decided + timedelta(days=5), outcome="disclosed")
    application(department, 3, decided=decided, due=decided - timedelta(days=1), outcome="withheld_1")
    application(department, 4, decided=decided, due=None, outcome="other_3")
    application(department, 5, decided=decided, due=decided, outcome="", status="transferred")
    application(department, 6, decided=date(year - 1, 12, 30), due=decided, outcome="disclosed")
    application(outsider, 7, decided=decided, due=decided, outcome="disclosed")

    def inquiry(number, *, status, received, answered_after=None, late=False):
        answered_on = received + timedelta(days=answered_after) if answered_after is not None else None
        return Inquiry.objects.create(
            tracking_code=f"STATQ{number:04d}",
            channel="online",
            organization=department,
            subject="咨询",
            question="请问如何办理？",
            asker_name="张三",
            received_on=received,
            due_on=(answered_on - timedelta(days=1)) if late else received + timedelta(days=14),
            status=status,
            answered_on=answered_on,
        )

    received = date(year, 1, 5)
    inquiry(1, status=InquiryStatus.ANSWERED, received=received, answered_after=2)
    inquiry(2, status=InquiryStatus.ANSWERED, received=received, answered_after=4)
    inquiry(3, status=InquiryStatus.ANSWERED, received=received, answered_after=9, late=True)
    inquiry(4, status=InquiryStatus.IN_PROGRESS, received=received)
    inquiry(5, status=InquiryStatus.INVALID, received=received)
    GuideFactory(organization=department, statutory_days=20, promised_days=15)
    GuideFactory(organization=department, statutory_days=10, promised_days=5)
    GuideFactory(organization=outsider, statutory_days=10, promised_days=5)
    return {"year": year, "feb": feb, "march": march, "outsider": outsider}
