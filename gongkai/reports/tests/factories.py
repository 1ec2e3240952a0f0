"""Factories for the data the annual report counts. They write directly: tests of services call services."""

import itertools
from datetime import date, datetime, time

from django.utils import timezone

from gongkai.applications.models import Application, Status
from gongkai.publishing.models import EVER_PUBLISHED_STATUSES, Record, RecordStatus
from gongkai.reports.models import ReviewCase

_serial = itertools.count(1)


def make_record(*, organization, author, genre, written_on: date, status=RecordStatus.PUBLISHED, **fields) -> Record:
    number = next(_serial)
    published = status in EVER_PUBLISHED_STATUSES
    published_on = fields.pop("published_on", written_on)
    return Record.objects.create(
        organization=organization,
        title=fields.pop("title", f"测试信息{number}"),
        genre=genre,
        written_on=written_on,
        status=status,
        index_number=f"TEST/{number:08d}" if published else None,
        published_at=timezone.make_aware(datetime.combine(published_on, time(9))) if published else None,
        created_by=author,
        **fields,
    )


def make_application(*, organization, applicant_type, received_on: date, **fields) -> Application:
    number = next(_serial)
    if fields.get("outcome") and "status" not in fields:
        fields["status"] = Status.DECIDED
    return Application.objects.create(
        organization=organization,
        tracking_code=f"T{number:010d}",
        applicant_type=applicant_type,
        applicant_name=f"申请人{number}",
        received_on=received_on,
        **fields,
    )


def make_case(*, organization, author, kind, filed_on: date, **fields) -> ReviewCase:
    number = next(_serial)
    return ReviewCase.objects.create(
        organization=organization,
        created_by=author,
        kind=kind,
        case_number=fields.pop("case_number", f"（{filed_on.year}）测{number}号"),
        filed_on=filed_on,
        **fields,
    )
