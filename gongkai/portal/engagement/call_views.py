"""Public pages of comment solicitation: the list of calls, a call with its draft, explanation, attachments,
shown comments (masked, never who wrote them), the comment form while open and the adoption report."""

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from gongkai.core.audit import client_ip
from gongkai.core.errors import DomainError
from gongkai.engagement import printing, selectors, services
from gongkai.engagement.models import CallAttachment, CallStatus
from gongkai.portal.applications.ratelimit import over_limit

from . import challenge
from .forms import CommentForm


def calls(request):
    today = timezone.localdate()
    context = {
        "open_calls": selectors.public_calls(open_on=today),
        "calls": selectors.public_calls()[:50],
        "today": today,
    }
    return render(request, "portal/engagement/calls.html", context)


def _is_open(call, today) -> bool:
    return call.status == CallStatus.OPEN and call.starts_on <= today <= call.ends_on


@never_cache
@require_http_methods(["GET", "POST"])
def call(request, call_id: int):
    found = selectors.public_call(call_id)
    if found is None:
        raise Http404
    today = timezone.localdate()
    form = CommentForm(request.POST or None) if _is_open(found, today) else None
    context = {"call": found, "form": form, "limited": False, "submitted": request.GET.get("submitted") == "1"}
    if request.method == "POST" and form is not None:
        if over_limit(request, "engagement.comment", settings.GONGKAI_PUBLIC_FORM_RATE):
            context["limited"] = True
        elif form.is_valid():
            if challenge.passed(
                request.session, image_answer=form.cleaned_data["captcha"], text_answer=form.cleaned_data["text_answer"]
            ):
                try:
                    services.submit_comment(
                        call=found,
                        body=form.cleaned_data["body"],
                        author_name=form.cleaned_data["author_name"],
                        author_contact=form.cleaned_data["author_contact"],
                        ip_address=client_ip(request),
                    )
                except DomainError as error:
                    form.add_error(None, error.message)
                else:
                    return redirect(f"{request.path}?submitted=1")
            else:
                form.add_error("captcha", _("验证码或文字问题的答案不正确，请按新的题目重新回答（二者答对其一即可）。"))
    context.update(
        comments=selectors.shown_comments(found),
        report=selectors.published_report(found),
        attachments=found.attachments.filter(is_active=True),
        text_question=challenge.new_challenges(request.session) if form is not None else "",
    )
    return render(request, "portal/engagement/call.html", context, status=429 if context["limited"] else 200)


def call_attachment(request, call_id: int, public_id):
    if selectors.public_call(call_id) is None:
        raise Http404
    attachment = get_object_or_404(CallAttachment, call_id=call_id, public_id=public_id, is_active=True)
    return FileResponse(attachment.file.open("rb"), content_type=attachment.content_type, filename=attachment.title)


def adoption_report_pdf(request, call_id: int):
    """The published adoption report in the national document format, for printing and filing."""
    found = selectors.public_call(call_id)
    report = selectors.published_report(found) if found is not None else None
    if report is None:
        raise Http404
    response = HttpResponse(printing.adoption_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="adoption-report-{found.pk}.pdf"'
    return response
