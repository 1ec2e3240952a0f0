"""Satisfaction surveys: open, take online and paper answers, close, publish results (the questionnaire is built
in `questionnaire.py`).

draft → open → closed → published. Online answers: one per browser session (a one-way digest of the session key,
never the key itself), only while open and within its dates. Paper answers are entered by staff per channel while
open or closed. Each response is judged valid by the survey's rule when it is saved.
"""

import hashlib

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..access import require
from ..errors import EngagementError, EngagementErrorCode
from ..models import (
    OFFLINE_SURVEY_CHANNELS,
    Answer,
    ChannelIssue,
    Option,
    Question,
    QuestionKind,
    Response,
    Survey,
    SurveyChannel,
    SurveyStatus,
    ValidityRule,
)
from .common import log, not_blank, require_clean, wrong_state

MAX_TEXT_ANSWER = 2000


def locked(survey: Survey) -> Survey:
    return Survey.objects.select_for_update().select_related("organization").get(pk=survey.pk)


def _invalid(message: str, field: str = "") -> EngagementError:
    return EngagementError(EngagementErrorCode.INVALID_ANSWER, message, field=field or None)


def _move(actor, survey: Survey, source: tuple, target: str, label: str) -> Survey:
    survey = locked(survey)
    require(actor, survey.organization, "manage")
    if survey.status not in source:
        raise wrong_state(survey, label)
    survey.status = target
    return survey


@transaction.atomic
def open_survey(*, actor, survey: Survey) -> Survey:
    survey = _move(actor, survey, (SurveyStatus.DRAFT,), SurveyStatus.OPEN, _("开始调查"))
    if not survey.questions.exists():
        raise EngagementError(EngagementErrorCode.INVALID, _("问卷还没有题目，不能开始调查。"))
    survey.save(update_fields=["status"])
    log("survey.opened", actor=actor, target=survey)
    return survey


@transaction.atomic
def close_survey(*, actor, survey: Survey) -> Survey:
    survey = _move(actor, survey, (SurveyStatus.OPEN,), SurveyStatus.CLOSED, _("结束调查"))
    survey.save(update_fields=["status"])
    log("survey.closed", actor=actor, target=survey)
    return survey


@transaction.atomic
def publish_results(*, actor, survey: Survey, summary: str) -> Survey:
    survey = _move(actor, survey, (SurveyStatus.CLOSED,), SurveyStatus.PUBLISHED, _("公开结果"))
    survey.summary = not_blank(summary, _("结果摘要"), "summary")
    require_clean(survey.summary, what=_("结果摘要"))
    survey.published_at = timezone.now()
    survey.save(update_fields=["status", "summary", "published_at"])
    log("survey.published", actor=actor, target=survey)
    return survey


@transaction.atomic
def set_issued(*, actor, survey: Survey, channel: str, issued: int) -> ChannelIssue:
    """The number of questionnaires handed out through a channel (online: the number of invitations, if any)."""
    survey = locked(survey)
    require(actor, survey.organization, "handle")
    if channel not in SurveyChannel.values:
        raise EngagementError(EngagementErrorCode.INVALID, _("请选择渠道。"), field="channel")
    if int(issued) < 0:
        raise EngagementError(EngagementErrorCode.INVALID, _("派发份数不能为负数。"), field="issued")
    returned = survey.responses.filter(channel=channel).count()
    if int(issued) < returned:
        raise EngagementError(
            EngagementErrorCode.INVALID,
            _("派发份数 %(issued)s 少于已回收的 %(returned)s 份，请核对。") % {"issued": issued, "returned": returned},
            field="issued",
        )
    issue, _created = ChannelIssue.objects.update_or_create(
        survey=survey, channel=channel, defaults={"issued": int(issued)}
    )
    log("survey.issued", actor=actor, target=survey, data={"channel": channel, "issued": int(issued)})
    return issue


def _parse_answer(question: Question, value, options: dict[int, Option]) -> list[Answer]:
    """The Answer rows for one question's value (nothing when unanswered); bad values raise with the question."""
    if value in (None, "", []):
        return []
    if question.kind == QuestionKind.TEXT:
        return [Answer(question=question, text=str(value).strip()[:MAX_TEXT_ANSWER])] if str(value).strip() else []
    if question.kind == QuestionKind.RATING:
        try:
            rating = int(value)
        except (TypeError, ValueError):
            rating = 0
        if not 1 <= rating <= 5:
            raise _invalid(
                _("第%(n)s题“%(q)s”：请打1至5分。") % {"n": question.position + 1, "q": question.text},
                f"q{question.pk}",
            )
        return [Answer(question=question, rating=rating)]
    chosen = value if isinstance(value, list | tuple) else [value]
    if question.kind == QuestionKind.SINGLE and len(chosen) > 1:
        raise _invalid(
            _("第%(n)s题“%(q)s”是单选题，只能选一项。") % {"n": question.position + 1, "q": question.text},
            f"q{question.pk}",
        )
    rows = []
    for item in chosen:
        option = options.get(int(item)) if str(item).isdigit() else None
        if option is None or option.question_id != question.pk:
            raise _invalid(
                _("第%(n)s题“%(q)s”：选项无效。") % {"n": question.position + 1, "q": question.text}, f"q{question.pk}"
            )
        rows.append(Answer(question=question, option=option))
    return rows


def is_valid(survey: Survey, questions: list[Question], answered: set[int]) -> bool:
    if survey.validity_rule == ValidityRule.ALL_ANSWERED:
        return all(question.pk in answered for question in questions)
    if survey.validity_rule == ValidityRule.ANY_ANSWERED:
        return bool(answered)
    return all(question.pk in answered for question in questions if question.is_required)


def _save_response(survey, *, channel, values: dict, refuse_missing: bool, **fields) -> Response:
    questions = list(survey.questions.all())
    options = {option.pk: option for option in Option.objects.filter(question__survey=survey)}
    rows: list[Answer] = []
    for question in questions:
        rows.extend(_parse_answer(question, values.get(question.pk, values.get(str(question.pk))), options))
    answered = {row.question_id for row in rows}
    missing = [question for question in questions if question.is_required and question.pk not in answered]
    if refuse_missing and missing:
        raise _invalid(
            _("请回答必答题：%(list)s。")
            % {"list": "、".join(_("第%(n)s题") % {"n": q.position + 1} for q in missing)},
            f"q{missing[0].pk}",
        )
    if not rows:
        raise _invalid(_("问卷没有任何作答。"))
    response = Response.objects.create(
        survey=survey, channel=channel, is_valid=is_valid(survey, questions, answered), **fields
    )
    for row in rows:
        row.response = response
    Answer.objects.bulk_create(rows)
    return response


def session_digest(session_key: str, survey_id: int) -> str:
    """One-way: the same browser session gives the same digest for a survey, and the digest gives back nothing."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:survey:{survey_id}:{session_key}".encode()).hexdigest()


@transaction.atomic
def submit_online_response(*, survey: Survey, values: dict, session_key: str, ip_address=None) -> Response:
    survey = locked(survey)
    today = timezone.localdate()
    if (
        survey.status != SurveyStatus.OPEN
        or (survey.opens_on and today < survey.opens_on)
        or (survey.closes_on and today > survey.closes_on)
    ):
        raise EngagementError(EngagementErrorCode.SURVEY_NOT_OPEN, _("该调查目前不在进行中。"))
    digest = session_digest(session_key, survey.pk)
    if Response.objects.filter(survey=survey, session_digest=digest).exists():
        raise EngagementError(EngagementErrorCode.ALREADY_ANSWERED, _("您已提交过这份问卷，感谢参与。"))
    try:
        with transaction.atomic():
            response = _save_response(
                survey, channel=SurveyChannel.ONLINE, values=values, refuse_missing=True, session_digest=digest
            )
    except IntegrityError as error:
        raise EngagementError(EngagementErrorCode.ALREADY_ANSWERED, _("您已提交过这份问卷，感谢参与。")) from error
    log("survey.answered", actor=None, target=survey, data={"response": response.pk}, ip_address=ip_address)
    return response


@transaction.atomic
def enter_paper_response(*, actor, survey: Survey, channel: str, values: dict, paper_number: str = "") -> Response:
    """A paper questionnaire typed in by staff; unanswered required questions make it invalid, not refused."""
    survey = locked(survey)
    require(actor, survey.organization, "handle")
    if survey.status not in (SurveyStatus.OPEN, SurveyStatus.CLOSED):
        raise wrong_state(survey, _("录入纸质问卷"))
    if channel not in OFFLINE_SURVEY_CHANNELS:
        raise EngagementError(EngagementErrorCode.INVALID, _("请选择线下渠道。"), field="channel")
    response = _save_response(
        survey,
        channel=channel,
        values=values,
        refuse_missing=False,
        paper_number=paper_number.strip()[:40],
        entered_by=actor,
    )
    log(
        "survey.paper_entered",
        actor=actor,
        target=survey,
        data={"response": response.pk, "channel": channel, "valid": response.is_valid},
    )
    return response
