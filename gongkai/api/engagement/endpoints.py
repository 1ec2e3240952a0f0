"""Typed API endpoints of the engagement module (mounted at /api/v1/engagement/): published answers and FAQs, calls
for comments with their adoption reports, and published survey summaries. Public data only: no names, contacts,
comment authors or text answers ever leave through here."""

from datetime import date, datetime
from decimal import Decimal

from django.http import Http404
from django.utils import timezone
from ninja import Query, Router, Schema

from gongkai.engagement import selectors
from gongkai.engagement.survey_results import results_for

router = Router(tags=["engagement"])
MAX_LIMIT = 100


class Page(Schema):
    limit: int = 20
    offset: int = 0


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


class AnswerList(Schema):
    count: int
    results: list[AnswerOut]


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


def _page(queryset, page: Page):
    limit = max(1, min(page.limit, MAX_LIMIT))
    offset = max(0, page.offset)
    return queryset.count(), list(queryset[offset : offset + limit])


@router.get("/answers/", response=AnswerList, summary="公开的咨询答复")
def answers(
    request, page: Query[Page], organization: int | None = None, domain: int | None = None, faq: bool | None = None
):
    count, items = _page(selectors.published_inquiries(organization_id=organization, domain_id=domain, faq=faq), page)
    return {"count": count, "results": [_answer(item) for item in items]}


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


class CallList(Schema):
    count: int
    results: list[CallOut]


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


@router.get("/calls/", response=CallList, summary="意见征集（open=true 只列正在征集的）")
def calls(request, page: Query[Page], open: bool = False):  # noqa: A002 - the public parameter's name
    today = timezone.localdate()
    count, items = _page(selectors.public_calls(open_on=today if open else None), page)
    return {"count": count, "results": [_call(item, today) for item in items]}


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


@router.get("/surveys/", response=list[SurveyOut], summary="公开的满意度调查结果")
def surveys(request):
    return [_survey(survey) for survey in selectors.published_surveys()[:MAX_LIMIT]]


@router.get("/surveys/{survey_id}/", response=SurveyOut, summary="一项满意度调查的公开结果")
def survey(request, survey_id: int):
    found = selectors.published_surveys().filter(pk=survey_id).first()
    if found is None:
        raise Http404
    return _survey(found)
