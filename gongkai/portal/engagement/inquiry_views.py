"""Public inquiry pages: ask (the form or a named mailbox), the acknowledgement, follow-up with rating, and the
published answers and FAQs."""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from gongkai.core.audit import client_ip
from gongkai.core.errors import DomainError
from gongkai.engagement import selectors, services
from gongkai.engagement.services.common import describe, personal_data_found
from gongkai.portal.applications.ratelimit import over_limit, peek

from . import challenge
from .forms import InquiryForm, RateForm, TrackForm

ACK_SESSION_KEY = "engagement_acknowledgement"
FAILED_LOOKUPS_PER_CODE = 5
# What the citizen is warned about before submitting: their own identity and phone numbers in the text.
WARNED_KINDS = ("id_card", "mobile", "bank_card")


def index(request):
    context = {
        "mailboxes": selectors.public_mailboxes(),
        "faqs": selectors.published_inquiries(faq=True)[:10],
        "answers": selectors.published_inquiries()[:10],
    }
    return render(request, "portal/engagement/index.html", context)


def _personal_data_warning(form) -> str:
    found = [
        d
        for d in personal_data_found(form.cleaned_data["question"] + "\n" + form.cleaned_data["subject"])
        if d.kind in WARNED_KINDS
    ]
    if not found or form.cleaned_data.get("confirm_personal_data"):
        return ""
    return _(
        "您填写的内容中含有%(found)s。为保护您的隐私，建议删除后再提交（联系电话请填在“联系电话”一栏）；"
        "如确需保留，请勾选“我已知晓内容中含有个人信息，仍然提交”。"
    ) % {"found": describe(found)}


@never_cache
@require_http_methods(["GET", "POST"])
def ask(request):
    mailbox = None
    mailbox_id = request.GET.get("mailbox") or request.POST.get("mailbox")
    if mailbox_id and str(mailbox_id).isdigit():
        mailbox = get_object_or_404(selectors.public_mailboxes(), pk=mailbox_id)
    form = InquiryForm(request.POST or None, mailbox=mailbox)
    context = {"form": form, "mailbox": mailbox, "limited": False, "warning": ""}
    if request.method == "POST":
        if over_limit(request, "engagement.ask", settings.GONGKAI_PUBLIC_FORM_RATE):
            context["limited"] = True
        elif form.is_valid() and not (warning := _personal_data_warning(form)):
            if challenge.passed(
                request.session, image_answer=form.cleaned_data["captcha"], text_answer=form.cleaned_data["text_answer"]
            ):
                inquiry = _submit(request, form, mailbox)
                if inquiry is not None:
                    request.session[ACK_SESSION_KEY] = inquiry.pk
                    return redirect("portal:engagement:acknowledgement")
            else:
                form.add_error("captcha", _("验证码或文字问题的答案不正确，请按新的题目重新回答（二者答对其一即可）。"))
        elif form.is_valid():
            context["warning"] = warning
    context["text_question"] = challenge.new_challenges(request.session)
    return render(request, "portal/engagement/ask.html", context, status=429 if context["limited"] else 200)


def _submit(request, form, mailbox):
    data = {
        key: form.cleaned_data.get(key)
        for key in ("subject", "question", "asker_name", "asker_phone", "asker_email", "consents_to_publish", "domain")
    }
    try:
        return services.submit_inquiry(
            organization=form.cleaned_data.get("organization"),
            mailbox=mailbox,
            data=data,
            ip_address=client_ip(request),
        )
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return None


@never_cache
def acknowledgement(request):
    inquiry_id = request.session.get(ACK_SESSION_KEY)
    inquiry = selectors.inquiry_by_id(inquiry_id) if inquiry_id else None
    if inquiry is None:
        return redirect("portal:engagement:ask")
    return render(request, "portal/engagement/acknowledgement.html", {"inquiry": inquiry})


@never_cache
@require_http_methods(["GET", "POST"])
def track(request):
    """Follow an inquiry by its code; rate the answer. Shows no name, phone or e-mail."""
    form = TrackForm(request.POST or None)
    context = {"form": form, "inquiry": None, "limited": False, "not_found": False, "rate_form": None}
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["tracking_code"].strip().upper()
        if over_limit(request, "engagement.track", settings.GONGKAI_PUBLIC_FORM_RATE * 3) or peek(
            request, "engagement.track.code", FAILED_LOOKUPS_PER_CODE, key=code
        ):
            context["limited"] = True
            return render(request, "portal/engagement/track.html", context, status=429)
        inquiry = selectors.inquiry_for_tracking(tracking_code=code)
        if inquiry is None:
            over_limit(request, "engagement.track.code", FAILED_LOOKUPS_PER_CODE, key=code)
            context["not_found"] = True
        else:
            context["inquiry"] = inquiry
            context["rate_form"] = RateForm(initial={"tracking_code": inquiry.tracking_code})
    return render(request, "portal/engagement/track.html", context)


@never_cache
@require_http_methods(["POST"])
def rate(request):
    form = RateForm(request.POST)
    if over_limit(request, "engagement.rate", settings.GONGKAI_PUBLIC_FORM_RATE):
        return render(request, "portal/engagement/track.html", {"form": TrackForm(), "limited": True}, status=429)
    inquiry = (
        selectors.inquiry_for_tracking(tracking_code=request.POST.get("tracking_code", "")) if form.is_valid() else None
    )
    context = {"form": TrackForm(), "inquiry": inquiry, "rate_form": form, "rated": False}
    if inquiry is None:
        context["not_found"] = True
        return render(request, "portal/engagement/track.html", context, status=404)
    try:
        services.rate_inquiry(
            inquiry=inquiry,
            rating=form.cleaned_data["rating"],
            comment=form.cleaned_data["comment"],
            ip_address=client_ip(request),
        )
    except DomainError as error:
        form.add_error(None, error.message)
    else:
        context["rated"] = True
        inquiry.refresh_from_db()
    return render(request, "portal/engagement/track.html", context)


def answers(request, faq: bool = False):
    organization_id = request.GET.get("organization")
    domain_id = request.GET.get("domain")
    queryset = selectors.published_inquiries(
        organization_id=organization_id if str(organization_id).isdigit() else None,
        domain_id=domain_id if str(domain_id).isdigit() else None,
        faq=True if faq else None,
    )
    page = Paginator(queryset, 20).get_page(request.GET.get("page"))
    context = {"page": page, "faq": faq, "facets": selectors.answer_facets()}
    return render(request, "portal/engagement/answers.html", context)


def answer(request, inquiry_id: int):
    inquiry = get_object_or_404(selectors.published_inquiries(), pk=inquiry_id)
    return render(request, "portal/engagement/answer.html", {"inquiry": inquiry})
