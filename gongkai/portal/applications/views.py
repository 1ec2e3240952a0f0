"""Public portal pages of the applications module: apply online, the acknowledgement, and progress tracking."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from gongkai.applications import paper_form, selectors, services
from gongkai.applications.models import Application
from gongkai.applications.outcomes import row_label
from gongkai.core.audit import client_ip
from gongkai.core.errors import DomainError

from ..engagement import challenge
from . import captcha
from .forms import ApplyForm, TrackForm
from .ratelimit import over_limit, peek

ACK_SESSION_KEY = "applications_acknowledgement"
NOT_APPLICANT_DATA = {"organization", "captcha", "text_answer", "id_document"}
FAILED_LOOKUPS_PER_CODE = 5


def tracking_rate() -> int:
    return getattr(settings, "GONGKAI_TRACKING_RATE", settings.GONGKAI_PUBLIC_FORM_RATE * 3)


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request):
    form = ApplyForm(request.POST or None, request.FILES or None)
    limited = False
    if request.method == "POST":
        if over_limit(request, "applications.apply", settings.GONGKAI_PUBLIC_FORM_RATE):
            limited = True
        elif not challenge.passed(
            request.session,
            image_answer=request.POST.get("captcha", ""),
            text_answer=request.POST.get("text_answer", ""),
        ):
            form.is_valid()
            form.add_error("captcha", _("验证码不正确：请按新的图片算式或文字问题重新回答，二者答对其一即可。"))
        elif form.is_valid():
            data = {key: value for key, value in form.cleaned_data.items() if key not in NOT_APPLICANT_DATA}
            try:
                application = services.submit_online_application(
                    organization=form.cleaned_data["organization"],
                    data=data,
                    ip_address=client_ip(request),
                    id_document=form.cleaned_data.get("id_document"),
                )
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                request.session[ACK_SESSION_KEY] = application.pk
                return redirect("portal:applications:acknowledgement")
    if form.is_bound:
        # The challenge is new on every page: the old answer is of no use, so the field comes back empty.
        form.data = form.data.copy()
        form.data["captcha"] = ""
        form.data["text_answer"] = ""
    text_question = challenge.new_challenges(request.session)
    status = 429 if limited else 200
    context = {"form": form, "limited": limited, "text_question": text_question}
    return render(request, "portal/applications/apply.html", context, status=status)


@never_cache
def captcha_image(request):
    """The current sum as an image; `?new=1` (the 换一题 button) draws a new sum without reloading the form."""
    if request.GET.get("new") == "1":
        captcha.new_challenge(request.session)
    expression = captcha.current_expression(request.session)
    return HttpResponse(captcha.render_svg(expression), content_type="image/svg+xml")


@never_cache
def acknowledgement(request):
    application_id = request.session.get(ACK_SESSION_KEY)
    application = (
        Application.objects.select_related("organization").filter(pk=application_id).first() if application_id else None
    )
    if application is None:
        return redirect("portal:applications:apply")
    return render(
        request,
        "portal/applications/acknowledgement.html",
        {"application": application, "calendar_warnings": application.calendar_warnings()},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def track(request):
    form = TrackForm(request.POST or None)
    context = {"form": form, "application": None, "limited": False, "not_found": False}
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["tracking_code"].strip().upper()
        if over_limit(request, "applications.track", tracking_rate()) or peek(
            request, "applications.track.code", FAILED_LOOKUPS_PER_CODE, key=code
        ):
            context["limited"] = True
            return render(request, "portal/applications/track.html", context, status=429)
        application = selectors.application_for_tracking(
            tracking_code=code, phone_last4=form.cleaned_data["phone_last4"]
        )
        if application is None:
            over_limit(request, "applications.track.code", FAILED_LOOKUPS_PER_CODE, key=code)
            context["not_found"] = True
        else:
            context.update(public_view(application))
    return render(request, "portal/applications/track.html", context)


def public_view(application: Application) -> dict:
    """Only what the applicant may see in public: no names, numbers or contact details."""
    transferred_to = getattr(application, "transferred_to", None)
    return {
        "application": application,
        "outcome_label": row_label(application.outcome) if application.outcome else "",
        "reply": selectors.published_reply(application),
        "transferred_to": transferred_to,
        "today": timezone.localdate(),
        # The clock's steps carry dates and rules only, never who was consulted or why: safe to show the applicant.
        "clock": services.clock_for(application) if application.is_open else None,
        "calendar_warnings": application.calendar_warnings(),
    }


def guide(request):
    """申请须知: what may be asked, how, the time limits, fees and how to follow progress."""
    return render(request, "portal/applications/guide.html")


def paper(request):
    """The paper application form as a printable page; `?format=docx` downloads it as a Word file."""
    if request.GET.get("format") == "docx":
        response = HttpResponse(
            paper_form.render_docx(),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        response["Content-Disposition"] = 'attachment; filename="application-form.docx"'
        return response
    return render(
        request, "portal/applications/paper_form.html", {"title": paper_form.title(), "rows": paper_form.rows()}
    )
