"""Typed API endpoints of the engagement module (mounted at /api/v1/engagement/): published answers and FAQs, calls
for comments with their adoption reports, and published survey summaries. Public data only: no names, contacts,
comment authors or text answers ever leave through here."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from gongkai.engagement import selectors
from gongkai.engagement.survey_results import results_for

from ..v1.lists import Page, PageQuery, ordered, page_of
from ..v1.schemas import ERRORS, Id

router = Router(tags=["engagement"])


class AnswerQuery(PageQuery):
    organization: Id | None = Field(None, description="答复机构 id。")
    domain: Id | None = Field(None, description="领域 id。")
    faq: bool | None = Field(None, description="true 只列常见问题。")
    ordering: Literal["-published_at", "published_at", "-received_on", "received_on"] = "-published_at"


ANSWER_ORDERINGS = {"published_at": "published_at", "received_on": "received_on"}


class CallQuery(PageQuery):
    open: bool = Field(False, description="true 只列正在征集的。")
    ordering: Literal["-starts_on", "starts_on", "-ends_on", "ends_on"] = "-starts_on"


CALL_ORDERINGS = {"starts_on": "starts_on", "ends_on": "ends_on"}


class AnswerOut(Schema):
    id: int
    tracking_code: str
    subject: str
    question: str
    answer: str
    organization: str
    domain: str | None
    is_faq: bool
    received_on: date
    answered_on: date | None
    published_at: datetime | None


def _answer(inquiry) -> dict:
    return {
        "id": inquiry.pk,
        "tracking_code": inquiry.tracking_code,
        "subject": inquiry.subject,
        "question": inquiry.public_question,
        "answer": inquiry.public_answer,
        "organization": inquiry.organization.name,
        "domain": inquiry.domain.name if inquiry.domain_id else None,
        "is_faq": inquiry.is_faq,
        "received_on": inquiry.received_on,
        "answered_on": inquiry.answered_on,
        "published_at": inquiry.published_at,
    }


@router.get("/answers/", response={200: Page[AnswerOut], **ERRORS}, summary="公开的咨询答复")
def answers(request, query: Query[AnswerQuery]):
    listed = selectors.published_inquiries(organization_id=query.organization, domain_id=query.domain, faq=query.faq)
    items, envelope = page_of(ordered(listed, query.ordering, fields=ANSWER_ORDERINGS), query)
    return {**envelope, "results": [_answer(item) for item in items]}


@router.get("/answers/{answer_id}/", response=AnswerOut, summary="一条公开的咨询答复")
def answer(request, answer_id: int):
    found = selectors.published_inquiries().filter(pk=answer_id).first()
    if found is None:
        raise Http404
    return _answer(found)


class AdoptionItemOut(Schema):
    topic: str
    gist: str
    decision: str
    decision_label: str
    reason: str


class CallOut(Schema):
    id: int
    title: str
    organization: str
    summary: str
    explanation: str
    starts_on: date
    ends_on: date
    status: str
    status_label: str
    is_open: bool
    shown_comments: int
    final_policy_id: int | None
    adoption_overview: str | None = None
    adoption_items: list[AdoptionItemOut] = []


def _call(call, today: date, *, with_report: bool = False) -> dict:
    data = {
        "id": call.pk,
        "title": call.title,
        "organization": call.organization.name,
        "summary": call.summary,
        "explanation": call.explanation,
        "starts_on": call.starts_on,
        "ends_on": call.ends_on,
        "status": call.status,
        "status_label": str(call.get_status_display()),
        "is_open": call.status == "open" and call.starts_on <= today <= call.ends_on,
        "shown_comments": call.shown_comments,
        "final_policy_id": call.final_policy_id,
    }
    report = selectors.published_report(call) if with_report else None
    if report is not None:
        data["adoption_overview"] = report.overview
        data["adoption_items"] = [
            {
                "topic": i.topic,
                "gist": i.gist,
                "decision": i.decision,
                "decision_label": str(i.get_decision_display()),
                "reason": i.reason,
            }
            for i in report.items.filter(is_current=True)
        ]
    return data


@router.get("/calls/", response={200: Page[CallOut], **ERRORS}, summary="意见征集（open=true 只列正在征集的）")
def calls(request, query: Query[CallQuery]):
    today = timezone.localdate()
    listed = selectors.public_calls(open_on=today if query.open else None)
    items, envelope = page_of(ordered(listed, query.ordering, fields=CALL_ORDERINGS), query)
    return {**envelope, "results": [_call(item, today) for item in items]}


@router.get("/calls/{call_id}/", response=CallOut, summary="一项意见征集及其采纳情况反馈")
def call(request, call_id: int):
    found = selectors.public_call(call_id)
    if found is None:
        raise Http404
    return _call(found, timezone.localdate(), with_report=True)


class ChannelOut(Schema):
    channel: str
    label: str
    issued: int
    returned: int
    valid: int
    valid_rate: Decimal | None
    satisfaction_rate: Decimal | None


class QuestionChannelOut(Schema):
    channel: str
    label: str
    counts: list[int]  # lined up with the question's rows
    answered: int
    satisfaction_rate: Decimal | None


class QuestionOut(Schema):
    text: str
    kind: str
    answered: int
    average: Decimal | None
    satisfaction_rate: Decimal | None
    rows: list[tuple[str, int]]
    by_channel: list[QuestionChannelOut]


class SurveyOut(Schema):
    id: int
    title: str
    organization: str
    summary: str
    published_at: datetime | None
    channels: list[ChannelOut]
    total: ChannelOut
    questions: list[QuestionOut]


def _channel(row) -> dict:
    return {
        "channel": row.channel,
        "label": str(row.label),
        "issued": row.issued,
        "returned": row.returned,
        "valid": row.valid,
        "valid_rate": row.valid_rate,
        "satisfaction_rate": row.satisfaction_rate,
    }


def _survey(survey) -> dict:
    results = results_for(survey)
    return {
        "id": survey.pk,
        "title": survey.title,
        "organization": survey.organization.name,
        "summary": survey.summary,
        "published_at": survey.published_at,
        "channels": [_channel(row) for row in results.channels],
        "total": _channel(results.total),
        "questions": [
            {
                "text": r.question.text,
                "kind": r.question.kind,
                "answered": r.answered,
                "average": r.average,
                "satisfaction_rate": r.satisfaction_rate,
                "rows": r.rows,
                "by_channel": [
                    {
                        "channel": c.channel,
                        "label": str(c.label),
                        "counts": c.counts,
                        "answered": c.answered,
                        "satisfaction_rate": c.satisfaction_rate,
                    }
                    for c in r.channels
                ],
            }
            for r in results.questions
            if r.question.kind != "text"
        ],
    }


class SurveyQuery(PageQuery):
    ordering: Literal["-published_at", "published_at"] = "-published_at"


SURVEY_ORDERINGS = {"published_at": "published_at"}


@router.get("/surveys/", response={200: Page[SurveyOut], **ERRORS}, summary="公开的满意度调查结果")
def surveys(request, query: Query[SurveyQuery]):
    items, envelope = page_of(ordered(selectors.published_surveys(), query.ordering, fields=SURVEY_ORDERINGS), query)
    return {**envelope, "results": [_survey(survey) for survey in items]}


@router.get("/surveys/{survey_id}/", response=SurveyOut, summary="一项满意度调查的公开结果")
def survey(request, survey_id: int):
    found = selectors.published_surveys().filter(pk=survey_id).first()
    if found is None:
        raise Http404
    return _survey(found)
