"""Endpoints of the publishing module: public reads through the public selector, staff workflow actions."""

from datetime import date, datetime
from typing import Literal

from django.http import Http404
from ninja import Body, Field, Query, Router, Schema, Status

from gongkai.catalog.models import Stage
from gongkai.publishing import services
from gongkai.publishing.models import Genre, RecordStatus
from gongkai.publishing.sanitizing import html_to_text
from gongkai.publishing.selectors import in_column, public_record, published_records, record_for_staff

from ..v1.lists import Page, PageQuery, ordered, page_of
from ..v1.schemas import ERRORS, STAFF_ERRORS, Id
from ..v1.security import staff

router = Router(tags=["publishing"])


class RecordSummary(Schema):
    id: int
    title: str
    index_number: str | None
    doc_number: str
    organization: str
    organization_id: int
    written_on: date
    published_at: datetime | None
    genre: str
    subject_category: str
    stage: str
    validity: str
    url: str


class AttachmentOut(Schema):
    name: str
    kind: str
    size: int
    id: str


class CorrectionOut(Schema):
    at: datetime
    note: str


class RecordDetail(RecordSummary):
    summary: str
    body_html: str
    body_text: str
    keywords: list[str]
    effective_on: date | None
    repealed_on: date | None
    interprets: int | None
    interpretation_kind: str | None = Field(
        None, description="解读形式（仅政策解读）：text 文字解读，graphic 图解，video 视频解读。"
    )
    long_description: str = Field("", description="图解的文字说明（仅图解）。")
    transcript: str = Field("", description="视频的文字稿（仅视频解读）；视频本身在 attachments 中，kind 为 video。")
    interpretations: list[int]
    attachments: list[AttachmentOut]
    corrections: list[CorrectionOut]


class RecordGone(Schema):
    id: int
    title: str
    status: str
    withdrawn_at: datetime | None
    withdrawal_reason: str


class StaffRecordOut(RecordSummary):
    status: str
    due_on: date | None


class ActionIn(Schema):
    comment: str = Field("", max_length=2000)
    reason: str = Field("", max_length=2000)


class ActionOut(Schema):
    id: int
    status: str
    index_number: str | None


class RecordQuery(PageQuery):
    column: str | None = Field(None, max_length=80, description="栏目标识（含下级栏目）。")
    organization: Id | None = Field(None, description="发布机构 id。")
    genre: Genre | None = None
    stage: Stage | None = None
    ordering: Literal["-published_at", "published_at", "-written_on", "written_on"] = "-published_at"


ORDERINGS = {"published_at": "published_at", "written_on": "written_on"}


def summary(record) -> dict:
    return {
        "id": record.pk,
        "title": record.title,
        "index_number": record.index_number,
        "doc_number": record.doc_number,
        "organization": record.organization.name,
        "organization_id": record.organization_id,
        "written_on": record.written_on,
        "published_at": record.published_at,
        "genre": record.genre,
        "subject_category": record.subject_category,
        "stage": record.effective_stage,
        "validity": record.validity,
        "url": record.get_absolute_url(),
    }


def interpretation_form(record) -> dict:
    if record.genre != Genre.INTERPRETATION:
        return {"interpretation_kind": None, "long_description": "", "transcript": ""}
    return {
        "interpretation_kind": record.interpretation_kind,
        "long_description": record.long_description,
        "transcript": record.transcript,
    }


def detail(record) -> dict:
    return {
        **summary(record),
        "summary": record.summary,
        "body_html": record.body,
        "body_text": html_to_text(record.body),
        "keywords": record.keyword_list(),
        "effective_on": record.effective_on,
        "repealed_on": record.repealed_on,
        "interprets": record.interprets_id if record.interprets else None,
        **interpretation_form(record),
        "interpretations": [item.pk for item in record.interpretations.all()],
        "attachments": [
            {"name": item.original_name, "kind": item.kind, "size": item.size, "id": str(item.public_id)}
            for item in record.attachments.all()
        ],
        "corrections": [
            {"at": revision.created_at, "note": revision.change_note}
            for revision in record.revisions.all()
            if revision.kind != "created"
        ],
    }


@router.get("/records/", response={200: Page[RecordSummary], **ERRORS}, auth=None)
def records(request, query: Query[RecordQuery]):
    """Published, actively disclosed records, newest first."""
    listed = published_records()
    if query.column:
        listed = in_column(listed, [query.column])
    if query.organization:
        listed = listed.filter(organization_id=query.organization)
    if query.genre:
        listed = listed.filter(genre=query.genre)
    if query.stage:
        listed = listed.filter(effective_stage=query.stage)
    page, envelope = page_of(ordered(listed, query.ordering, fields=ORDERINGS), query)
    return {**envelope, "results": [summary(record) for record in page]}


@router.get("/records/{record_id}/", response={200: RecordDetail, 410: RecordGone, **ERRORS}, auth=None)
def record(request, record_id: Id):
    """One public record; a withdrawn or expired one answers 410 with the notice only."""
    found = public_record(record_id)
    if found is None:
        raise Http404
    if found.status != RecordStatus.PUBLISHED:
        return Status(
            410,
            {
                "id": found.pk,
                "title": found.title,
                "status": found.status,
                "withdrawn_at": found.withdrawn_at,
                "withdrawal_reason": found.withdrawal_reason,
            },
        )
    return detail(found)


ACTIONS = {
    "submit": lambda record, user, data: services.submit_record(record=record, actor=user),
    "approve": lambda record, user, data: services.approve_record(record=record, actor=user, comment=data.comment),
    "clear": lambda record, user, data: services.clear_record(record=record, actor=user, comment=data.comment),
    "reject": lambda record, user, data: services.reject_record(record=record, actor=user, comment=data.comment),
    "publish": lambda record, user, data: services.publish_record(record=record, actor=user),
    "withdraw": lambda record, user, data: services.withdraw_record(record=record, actor=user, reason=data.reason),
    "expire": lambda record, user, data: services.expire_record(record=record, actor=user),
    "emergency-publish": lambda record, user, data: services.emergency_publish_record(
        record=record, actor=user, reason=data.reason
    ),
}
Action = Literal["submit", "approve", "clear", "reject", "publish", "withdraw", "expire", "emergency-publish"]


@router.get("/staff/records/{record_id}/", response={200: StaffRecordOut, **STAFF_ERRORS}, auth=staff)
def staff_record(request, record_id: Id):
    found = record_for_staff(record_id=record_id, person=request.auth)
    return {**summary(found), "status": found.status, "due_on": found.due_on}


@router.post(
    "/staff/records/{record_id}/{action}/",
    response={200: ActionOut, **STAFF_ERRORS},
    auth=staff,
)
def act(request, record_id: Id, action: Action, payload: Body[ActionIn | None] = None):
    """A workflow step on a record (the same services and checks as the back office)."""
    found = record_for_staff(record_id=record_id, person=request.auth)
    result = ACTIONS[action](found, request.auth, payload or ActionIn())
    return {"id": result.pk, "status": result.status, "index_number": result.index_number}
