"""Back-office pages of on-request disclosure: lists by status and light, registration, the application page with
its timeline and clock, lifecycle actions, reply letters, templates and statistics."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.applications import letters, selectors, services
from gongkai.applications.models import (
    ID_DOCUMENT_EXTENSIONS,
    OPEN_STATUSES,
    ApplicantType,
    LetterTemplate,
    Outcome,
    Status,
)
from gongkai.applications.outcomes import OUTCOME_ROWS, row_label
from gongkai.applications.reporting import TOTAL_COLUMN
from gongkai.applications.rules import RULES, allowed_actions
from gongkai.core.audit import client_ip
from gongkai.core.errors import AccessDenied, DomainError
from gongkai.orgs.access import organizations_for, roles_of

from ..decorators import staff_required
from . import forms

PAGE_SIZE = 30


@dataclass(frozen=True)
class Action:
    """A button of the application page: its label, its form and the service it runs. Who may press it and from
    which states is `applications.rules`."""

    label: Any
    form: type
    run: Any


def run_fee_notice(actor, application, data):
    services.notify_fee(
        actor=actor,
        application=application,
        method=data["method"],
        quantity=data["quantity"],
        amount=data["amount"],
        on=data["on"],
    )


ACTIONS = {
    "accept": Action(
        gettext_lazy("签收"),
        forms.AcceptForm,
        lambda actor, application, data: services.accept_application(
            actor=actor, application=application, on=data["on"]
        ),
    ),
    "request_correction": Action(
        gettext_lazy("告知补正"),
        forms.CorrectionRequestForm,
        lambda actor, application, data: services.request_correction(actor=actor, application=application, **data),
    ),
    "receive_correction": Action(
        gettext_lazy("收到补正"),
        forms.DatedNoteForm,
        lambda actor, application, data: services.receive_correction(actor=actor, application=application, **data),
    ),
    "lapse_correction": Action(
        gettext_lazy("逾期未补正，不再处理"),
        forms.LapseForm,
        lambda actor, application, data: services.lapse_correction(actor=actor, application=application, on=data["on"]),
    ),
    "start_consultation": Action(
        gettext_lazy("开始征求意见"),
        forms.ConsultationStartForm,
        lambda actor, application, data: services.start_consultation(actor=actor, application=application, **data),
    ),
    "end_consultation": Action(
        gettext_lazy("征求意见结束"),
        forms.DatedNoteForm,
        lambda actor, application, data: services.end_consultation(actor=actor, application=application, **data),
    ),
    "extend": Action(
        gettext_lazy("批准延期答复"),
        forms.ExtensionForm,
        lambda actor, application, data: services.extend_deadline(actor=actor, application=application, **data),
    ),
    "notify_fee": Action(
        gettext_lazy("发出收费通知"),
        forms.FeeNoticeForm,
        run_fee_notice,
    ),
    "record_payment": Action(
        gettext_lazy("登记缴费"),
        forms.FeePaymentForm,
        lambda actor, application, data: services.record_fee_payment(actor=actor, application=application, **data),
    ),
    "lapse_fee": Action(
        gettext_lazy("逾期未缴费，不再处理"),
        forms.LapseForm,
        lambda actor, application, data: services.lapse_fee(actor=actor, application=application, on=data["on"]),
    ),
    "decide": Action(
        gettext_lazy("作出答复"),
        forms.DecisionForm,
        lambda actor, application, data: services.decide_application(actor=actor, application=application, **data),
    ),
    "deliver": Action(
        gettext_lazy("登记送达"),
        forms.DeliveryForm,
        lambda actor, application, data: services.deliver_reply(actor=actor, application=application, **data),
    ),
    "close": Action(
        gettext_lazy("办结"),
        forms.LapseForm,
        lambda actor, application, data: services.close_application(
            actor=actor, application=application, on=data["on"]
        ),
    ),
    "transfer": Action(
        gettext_lazy("转办"),
        forms.TransferForm,
        lambda actor, application, data: services.transfer_application(actor=actor, application=application, **data),
    ),
}


def available_actions(person, application) -> list[tuple[str, Action, Any]]:
    """The buttons of the page, in ACTIONS order: those `applications.rules` allows, each with its form."""
    allowed = allowed_actions(person, application)
    if application.delivered_on:
        allowed.discard("deliver")
    available = []
    for name, action in ACTIONS.items():
        if name not in allowed:
            continue
        form = action.form(prefix=name)
        if name == "decide":
            row = OUTCOME_ROWS[Outcome.DISCLOSED]
            form.initial["legal_basis"] = row.basis
        available.append((name, action, form))
    return available


@staff_required
def index(request):
    today = timezone.localdate()
    filters = forms.FilterForm(request.GET or None)
    applications = selectors.applications_for_staff(person=request.user)
    if filters.is_valid():
        if filters.cleaned_data["status"]:
            applications = applications.filter(status=filters.cleaned_data["status"])
        if filters.cleaned_data["light"]:
            applications = selectors.filter_by_light(applications, filters.cleaned_data["light"], today)
        if filters.cleaned_data["q"]:
            applications = applications.filter(tracking_code__icontains=filters.cleaned_data["q"].strip())
    if filters.is_valid() and filters.cleaned_data["sort"] == "received":
        applications = applications.order_by("-received_on", "-id")
    else:
        applications = selectors.by_urgency(applications, today)
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    urgency = selectors.urgency_for(list(page), today) if page.object_list else {}
    rows = [
        {"application": application, "light": urgency[application.pk][0], "reason": urgency[application.pk][1]}
        for application in page
    ]
    counts = selectors.status_counts(person=request.user)
    context = {
        "page": page,
        "rows": rows,
        "filters": filters,
        "counts": [(value, label, counts.get(value, 0)) for value, label in Status.choices],
        "light_labels": selectors.Light.LABELS,
        "can_register": organizations_for(request.user, selectors.HANDLER_ROLES).exists(),
    }
    return render(request, "backoffice/applications/index.html", context)


@staff_required
def register(request):
    organizations = organizations_for(request.user, selectors.HANDLER_ROLES).filter(is_active=True)
    form = forms.RegisterForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organization = data.pop("organization")
        dates = {key: data.pop(key) for key in ("submitted_on", "signed_for_on", "confirmed_on")}
        channel = data.pop("channel")
        try:
            application = services.register_application(
                actor=request.user, organization=organization, data=data, channel=channel, **dates
            )
        except AccessDenied:
            raise
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("已登记，查询码 %(code)s。") % {"code": application.tracking_code})
            return redirect("backoffice:applications:detail", application_id=application.pk)
    return render(request, "backoffice/applications/register.html", {"form": form})


@staff_required
def detail(request, application_id: int):
    application = selectors.application_for_staff(application_id=application_id, person=request.user)
    today = timezone.localdate()
    clock = services.clock_for(application)
    context = {
        "application": application,
        "timeline": selectors.timeline(application),
        "clock": clock,
        "calendar_warnings": application.calendar_warnings(),
        "light": selectors.light_of(application, today),
        "workdays_left": selectors.workdays_left(application, today),
        "light_labels": selectors.Light.LABELS,
        "actions": available_actions(request.user, application),
        "hints": selectors.hints_for(application),
        "outcome_label": row_label(application.outcome) if application.outcome else "",
        "replies": application.replies.all(),
        "fee": getattr(application, "fee", None),
        "fee_suggestions": fee_suggestions(application) if application.status in OPEN_STATUSES else None,
        "can_handle": selectors.can(request.user, application, "handle"),
    }
    return render(request, "backoffice/applications/detail.html", context)


def fee_suggestions(application) -> dict:
    from gongkai.applications.fees import per_item_fee

    prior = selectors.prior_items_in_month(application)
    return {
        "prior": prior,
        "per_item": per_item_fee(prior_items=prior, items=application.item_count),
        "items": application.item_count,
    }


@staff_required
def applicant(request, application_id: int):
    """The applicant's personal data; every view is written to the audit log."""
    application = selectors.application_for_staff(application_id=application_id, person=request.user)
    services.record_personal_data_view(actor=request.user, application=application, ip_address=client_ip(request))
    return render(request, "backoffice/applications/applicant.html", {"application": application})


@staff_required
def id_document(request, application_id: int):
    """The applicant's identity-document scan, as a download never cached; every download is written to the audit
    log as a view of personal data."""
    application = selectors.application_for_staff(application_id=application_id, person=request.user)
    if not application.id_document:
        raise Http404
    services.record_personal_data_view(actor=request.user, application=application, ip_address=client_ip(request))
    extension = ID_DOCUMENT_EXTENSIONS.get(application.id_document_type, "")
    response = FileResponse(
        application.id_document.open("rb"),
        as_attachment=True,
        filename=f"{application.tracking_code}-id{extension}",
        content_type=application.id_document_type,
    )
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_required
def acknowledgement(request, application_id: int):
    """A printable acknowledgement (回执) for applications registered by staff; it names the applicant."""
    application = selectors.application_for_staff(application_id=application_id, person=request.user)
    services.record_personal_data_view(actor=request.user, application=application, ip_address=client_ip(request))
    return render(
        request,
        "backoffice/applications/acknowledgement.html",
        {"application": application, "calendar_warnings": application.calendar_warnings()},
    )


@require_POST
@staff_required
def act(request, application_id: int, name: str):
    action = ACTIONS.get(name)
    if action is None:
        raise Http404
    application = selectors.application_for_staff(
        application_id=application_id, person=request.user, action=RULES[name].permission
    )
    form = action.form(request.POST, prefix=name)
    if not form.is_valid():
        errors = "；".join(
            f"{form.fields[field].label}：{' '.join(errs)}" if field in form.fields else " ".join(errs)
            for field, errs in form.errors.items()
        )
        messages.error(request, _("%(action)s未完成：%(errors)s") % {"action": action.label, "errors": errors})
        return redirect("backoffice:applications:detail", application_id=application.pk)
    try:
        result = action.run(request.user, application, form.cleaned_data)
    except AccessDenied:
        raise
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("backoffice:applications:detail", application_id=application.pk)
    messages.success(request, _("已完成：%(action)s。") % {"action": action.label})
    if name == "transfer":
        return redirect("backoffice:applications:detail", application_id=result.pk)
    return redirect("backoffice:applications:detail", application_id=application.pk)


@require_POST
@staff_required
def generate_reply(request, application_id: int):
    application = selectors.application_for_staff(application_id=application_id, person=request.user, action="handle")
    try:
        reply = services.generate_reply(actor=request.user, application=application)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已生成告知书 %(reference)s。") % {"reference": reply.reference})
    return redirect("backoffice:applications:detail", application_id=application.pk)


@staff_required
def reply_file(request, application_id: int, reply_id: int, kind: str):
    application = selectors.application_for_staff(application_id=application_id, person=request.user)
    reply = get_object_or_404(application.replies, pk=reply_id)
    services.record_personal_data_view(actor=request.user, application=application, ip_address=client_ip(request))
    arguments = {
        "title": reply.title,
        "reference": reply.reference,
        "body": reply.body,
        "organization": application.organization,
    }
    if kind == "docx":
        content = letters.render_docx(**arguments)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    elif kind == "pdf":
        content, content_type = letters.render_pdf(**arguments), "application/pdf"
    else:
        raise Http404
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="reply-{application.tracking_code}-{reply.pk}.{kind}"'
    return response


@staff_required
def templates(request):
    rows = [(template, row_label(template.outcome)) for template in LetterTemplate.objects.order_by("id")]
    can_edit = services.can_edit_templates(request.user)
    return render(request, "backoffice/applications/templates.html", {"rows": rows, "can_edit": can_edit})


@staff_required(roles=selectors.TEMPLATE_ROLES)
def edit_template(request, template_id: int):
    template = get_object_or_404(LetterTemplate, pk=template_id)
    form = forms.TemplateForm(request.POST or None, initial={"title": template.title, "body": template.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.save_letter_template(actor=request.user, template=template, **form.cleaned_data)
        except AccessDenied:
            raise
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("模板已保存。"))
            return redirect("backoffice:applications:templates")
    context = {
        "form": form,
        "template": template,
        "fields": letters.FIELDS,
        "outcome_label": row_label(template.outcome),
    }
    return render(request, "backoffice/applications/template_edit.html", context)


@staff_required
def statistics(request):
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    if not 2008 <= year <= today.year + 1:  # the Regulations took effect in 2008; anything else names no statistics
        year = today.year
    data = selectors.statistics(person=request.user, year=year)
    table = data["table"]
    columns = [(value, label) for value, label in ApplicantType.choices] + [(TOTAL_COLUMN, _("总计"))]
    rows = [
        {"label": row_label(outcome), "cells": [table[outcome][column] for column, _label in columns]}
        for outcome in Outcome.values
    ]
    summary = [
        {"label": label, "cells": [table[key][column] for column, _label in columns]}
        for key, label in (
            ("new", _("一、本年新收政府信息公开申请数量")),
            ("carried_in", _("二、上年结转政府信息公开申请数量")),
            ("total", _("三、本年度办理结果总计")),
            ("carried_out", _("四、结转下年度继续办理")),
        )
    ]
    chart = {
        "outcomes": [row_label(outcome) for outcome in Outcome.values],
        "counts": [table[outcome][TOTAL_COLUMN] for outcome in Outcome.values],
        "types": [str(label) for _value, label in ApplicantType.choices],
        "type_counts": [table["new"][value] + table["carried_in"][value] for value in ApplicantType.values],
    }
    context = {
        "year": year,
        "years": list(range(today.year, today.year - 6, -1)),
        "columns": columns,
        "rows": rows,
        "summary": summary,
        "chart": chart,
        "by_status": [(label, data["by_status"].get(value, 0)) for value, label in Status.choices],
        "roles": roles_of(request.user),
    }
    return render(request, "backoffice/applications/statistics.html", context)
