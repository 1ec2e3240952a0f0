"""Back-office survey pages: build a questionnaire, run it, record paper questionnaires and the number issued per
channel, read the results (with the data tables) and export them as .xlsx."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.core.errors import DomainError
from gongkai.engagement import selectors, services
from gongkai.engagement.access import organizations_where, survey_actions, survey_for_staff
from gongkai.engagement.models import OFFLINE_SURVEY_CHANNELS, QuestionKind, SurveyChannel
from gongkai.engagement.survey_results import results_for
from gongkai.engagement.tasks import export_survey_file

from ..decorators import staff_required
from ..jobs import download_job
from . import forms


@staff_required
def surveys(request):
    return render(
        request, "backoffice/engagement/surveys.html", {"surveys": selectors.surveys_for_staff(person=request.user)}
    )


@staff_required
def new_survey(request):
    form = forms.SurveyForm(request.POST or None)
    form.limit_organizations(organizations_where(request.user, "manage"))
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.create_survey(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return redirect("backoffice:engagement:survey", survey.pk)
    return render(request, "backoffice/engagement/survey_form.html", {"form": form})


@staff_required
def survey(request, survey_id: int):
    found = survey_for_staff(survey_id=survey_id, person=request.user)
    questions = list(found.questions.select_related("section").prefetch_related("options"))
    context = {
        "survey": found,
        "questions": questions,
        "actions": survey_actions(request.user, found),
        "section_form": forms.SectionForm(),
        "question_form": forms.QuestionForm(survey=found),
        "issued_form": forms.IssuedForm(),
        "summary_form": forms.SummaryForm(),
        "offline_channels": [(c.value, c.label) for c in SurveyChannel if c in OFFLINE_SURVEY_CHANNELS],
        "results": results_for(found),
        "values": {},
    }
    return render(request, "backoffice/engagement/survey.html", context)


def _done(request, survey_id, run, success):
    try:
        run()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("backoffice:engagement:survey", survey_id)


@staff_required
@require_POST
def build(request, survey_id: int, part: str):
    found = survey_for_staff(survey_id=survey_id, person=request.user, action="manage")
    if part == "section":
        form = forms.SectionForm(request.POST)
        run = lambda: services.add_section(actor=request.user, survey=found, **form.cleaned_data)  # noqa: E731
    else:
        form = forms.QuestionForm(request.POST, survey=found)
        run = lambda: services.add_question(actor=request.user, survey=found, **form.cleaned_data)  # noqa: E731
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("backoffice:engagement:survey", found.pk)
    return _done(request, found.pk, run, gettext_lazy("已添加。"))


def _draft_question(request, survey_id: int, question_id: int):
    found = survey_for_staff(survey_id=survey_id, person=request.user, action="manage")
    question = found.questions.filter(pk=question_id).first()
    if question is None:
        raise Http404
    return found, question


@staff_required
def edit_question(request, survey_id: int, question_id: int):
    """Change a question of a draft questionnaire (the service refuses once the survey is open)."""
    found, question = _draft_question(request, survey_id, question_id)
    form = forms.QuestionForm(request.POST or None, survey=found, initial=forms.QuestionForm.initial_for(question))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_question(actor=request.user, question=question, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, gettext_lazy("题目已修改。"))
            return redirect("backoffice:engagement:survey", found.pk)
    return render(
        request, "backoffice/engagement/question_form.html", {"form": form, "survey": found, "question": question}
    )


def _question_step(name: str, actor, question):
    if name == "remove":
        return services.remove_question(actor=actor, question=question)
    return services.move_question(actor=actor, question=question, up=name == "up")


QUESTION_STEP_DONE = {
    "up": gettext_lazy("已上移。"),
    "down": gettext_lazy("已下移。"),
    "remove": gettext_lazy("题目已删除。"),
}


@staff_required
@require_POST
def question_step(request, survey_id: int, question_id: int, name: str):
    if name not in QUESTION_STEP_DONE:
        raise Http404
    found, question = _draft_question(request, survey_id, question_id)
    return _done(request, found.pk, lambda: _question_step(name, request.user, question), QUESTION_STEP_DONE[name])


@staff_required
@require_POST
def survey_step(request, survey_id: int, name: str):
    found = survey_for_staff(survey_id=survey_id, person=request.user, action="manage")
    if name not in ("open", "close", "publish") or name not in survey_actions(request.user, found):
        messages.error(request, gettext_lazy("当前不能执行这项操作。"))
        return redirect("backoffice:engagement:survey", found.pk)
    if name == "publish":
        form = forms.SummaryForm(request.POST)
        if not form.is_valid():
            messages.error(request, gettext_lazy("请填写结果摘要。"))
            return redirect("backoffice:engagement:survey", found.pk)
        run = lambda: services.publish_results(actor=request.user, survey=found, summary=form.cleaned_data["summary"])  # noqa: E731
    else:
        step = services.open_survey if name == "open" else services.close_survey
        run = lambda: step(actor=request.user, survey=found)  # noqa: E731
    return _done(request, found.pk, run, gettext_lazy("已完成。"))


@staff_required
@require_POST
def issued(request, survey_id: int):
    found = survey_for_staff(survey_id=survey_id, person=request.user, action="handle")
    form = forms.IssuedForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext_lazy("请选择渠道并填写派发份数。"))
        return redirect("backoffice:engagement:survey", found.pk)
    return _done(
        request,
        found.pk,
        lambda: services.set_issued(actor=request.user, survey=found, **form.cleaned_data),
        gettext_lazy("派发份数已保存。"),
    )


@staff_required
@require_POST
def paper(request, survey_id: int):
    found = survey_for_staff(survey_id=survey_id, person=request.user, action="handle")
    values = {}
    for question in found.questions.all():
        key = f"q{question.pk}"
        values[question.pk] = (
            request.POST.getlist(key) if question.kind == QuestionKind.MULTIPLE else request.POST.get(key, "")
        )
    return _done(
        request,
        found.pk,
        lambda: services.enter_paper_response(
            actor=request.user,
            survey=found,
            channel=request.POST.get("channel", ""),
            values=values,
            paper_number=request.POST.get("paper_number", ""),
        ),
        gettext_lazy("纸质问卷已录入。"),
    )


@staff_required
def export(request, survey_id: int):
    found = survey_for_staff(survey_id=survey_id, person=request.user)
    back = reverse("backoffice:engagement:survey", args=[found.pk])
    return download_job(request, export_survey_file, back=back, survey_id=found.pk)
