"""Public survey pages: answer a questionnaire online (one per browser session, rate limited, no JavaScript needed)
and read the published results, each chart with its data table."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from gongkai.core.audit import client_ip
from gongkai.core.errors import DomainError
from gongkai.engagement import selectors, services
from gongkai.engagement.models import QuestionKind
from gongkai.engagement.survey_results import results_for
from gongkai.portal.applications.ratelimit import over_limit

from .forms import TEXT_MAX


def surveys(request):
    context = {"open_surveys": selectors.open_surveys(timezone.localdate()), "published": selectors.published_surveys()}
    return render(request, "portal/engagement/surveys.html", context)


def _values(post, questions) -> dict:
    values = {}
    for question in questions:
        key = f"q{question.pk}"
        values[question.pk] = (
            post.getlist(key) if question.kind == QuestionKind.MULTIPLE else post.get(key, "")[:TEXT_MAX]
        )
    return values


@never_cache
@require_http_methods(["GET", "POST"])
def survey(request, survey_id: int):
    found = selectors.open_surveys(timezone.localdate()).filter(pk=survey_id).first()
    if found is None:
        raise Http404
    questions = list(found.questions.select_related("section").prefetch_related("options"))
    context = {"survey": found, "questions": questions, "error": "", "error_field": "", "limited": False, "values": {}}
    if request.method == "POST":
        context["values"] = _values(request.POST, questions)
        if over_limit(request, "engagement.survey", settings.GONGKAI_PUBLIC_FORM_RATE):
            context["limited"] = True
        else:
            if not request.session.session_key:
                request.session.save()
            try:
                services.submit_online_response(
                    survey=found,
                    values=context["values"],
                    session_key=request.session.session_key,
                    ip_address=client_ip(request),
                )
            except DomainError as error:
                context["error"], context["error_field"] = error.message, error.field or ""
            else:
                return redirect("portal:engagement:survey_thanks", found.pk)
    return render(request, "portal/engagement/survey.html", context, status=429 if context["limited"] else 200)


def survey_thanks(request, survey_id: int):
    return render(request, "portal/engagement/survey_thanks.html", {"survey_id": survey_id})


def results(request, survey_id: int):
    found = selectors.published_surveys().filter(pk=survey_id).first()
    if found is None:
        raise Http404
    data = results_for(found)
    chart = {
        "channels": [{"name": row.label, "issued": row.issued, "valid": row.valid} for row in data.channels],
        "questions": [
            {
                "id": result.question.pk,
                "title": result.question.text,
                "categories": [label for label, _count in result.rows],
                "series": [{"name": channel.label, "data": channel.counts} for channel in result.channels],
            }
            for result in data.questions
            if result.rows
        ],
    }
    return render(request, "portal/engagement/results.html", {"survey": found, "results": data, "chart": chart})
