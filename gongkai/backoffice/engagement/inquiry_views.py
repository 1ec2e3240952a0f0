"""Back-office pages of inquiries: the list with lights and veto risks, registration, the inquiry page with its
timeline and the actions the person may take, the asker's contact details (logged) and the mailboxes."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.core.audit import client_ip
from gongkai.core.errors import DomainError
from gongkai.core.workdays import mark_provisional
from gongkai.engagement import selectors, services
from gongkai.engagement.access import inquiry_actions, inquiry_for_staff, mailbox_for_staff, organizations_where
from gongkai.engagement.models import InquiryStatus, Mailbox

from ..decorators import staff_required
from . import forms

PAGE_SIZE = 30


@dataclass(frozen=True)
class Action:
    label: Any
    form: type
    run: Any


ACTIONS = {
    "assign": Action(
        gettext_lazy("分办 / 转办"),
        forms.AssignForm,
        lambda actor, inquiry, data: services.assign_inquiry(
            actor=actor, inquiry=inquiry, organization=data["organization"], note=data["note"], domain=data["domain"]
        ),
    ),
    "answer": Action(
        gettext_lazy("提交答复"),
        forms.AnswerForm,
        lambda actor, inquiry, data: services.submit_answer(actor=actor, inquiry=inquiry, answer=data["answer"]),
    ),
    "return": Action(
        gettext_lazy("退回修改"),
        forms.ReasonForm,
        lambda actor, inquiry, data: services.return_answer(actor=actor, inquiry=inquiry, reason=data["reason"]),
    ),
    "approve": Action(
        gettext_lazy("审核通过并答复"),
        forms.EmptyForm,
        lambda actor, inquiry, data: services.approve_answer(actor=actor, inquiry=inquiry),
    ),
    "redirect": Action(
        gettext_lazy("引导至其他渠道"),
        forms.RedirectForm,
        lambda actor, inquiry, data: services.redirect_inquiry(actor=actor, inquiry=inquiry, **data),
    ),
    "convert": Action(
        gettext_lazy("转为政府信息公开申请"),
        forms.ConvertForm,
        lambda actor, inquiry, data: services.convert_to_application(actor=actor, inquiry=inquiry, data=data),
    ),
    "invalidate": Action(
        gettext_lazy("认定为无效留言"),
        forms.ReasonForm,
        lambda actor, inquiry, data: services.invalidate_inquiry(actor=actor, inquiry=inquiry, reason=data["reason"]),
    ),
    "publish": Action(
        gettext_lazy("公开（去除个人信息）"),
        forms.PublishForm,
        lambda actor, inquiry, data: services.publish_inquiry(actor=actor, inquiry=inquiry, **data),
    ),
    "unpublish": Action(
        gettext_lazy("取消公开"),
        forms.ReasonForm,
        lambda actor, inquiry, data: services.unpublish_inquiry(actor=actor, inquiry=inquiry, reason=data["reason"]),
    ),
}


def _form(name, person, data=None):
    form = ACTIONS[name].form(data, prefix=name)
    if hasattr(form, "limit_organizations"):
        form.limit_organizations(organizations_where(person, "view"))
    return form


def _filtered(request, queryset, today):
    status = request.GET.get("status", "")
    if status in InquiryStatus.values:
        queryset = queryset.filter(status=status)
    view = request.GET.get("view", "")
    if view == "overdue":
        queryset = selectors.overdue(queryset, today)
    elif view == "veto":
        queryset = selectors.veto_risks(queryset, today)
    return queryset


@staff_required
def index(request):
    today = timezone.localdate()
    visible = selectors.inquiries_for_staff(person=request.user)
    page = Paginator(selectors.by_urgency(_filtered(request, visible, today)), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = selectors.annotate_lights(page.object_list, today)
    counts = selectors.status_counts(visible)
    context = {
        "page": page,
        "rows": rows,
        "calendar_warnings": mark_provisional(rows, lambda row: row.received_on, lambda row: row.due_on),
        "counts": [(value, label, counts.get(value, 0)) for value, label in InquiryStatus.choices],
        "overdue_count": selectors.overdue(visible, today).count(),
        "veto_count": selectors.veto_risks(visible, today).count(),
    }
    return render(request, "backoffice/engagement/inquiries.html", context)


@staff_required
def register(request):
    form = forms.RegisterInquiryForm(request.POST or None)
    form.limit_organizations(organizations_where(request.user, "handle"))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organization, channel, received_on = data.pop("organization"), data.pop("channel"), data.pop("received_on")
        try:
            inquiry = services.register_inquiry(
                actor=request.user, organization=organization, channel=channel, received_on=received_on, data=data
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, gettext_lazy("已登记，查询码 %(code)s。") % {"code": inquiry.tracking_code})
            return redirect("backoffice:engagement:inquiry", inquiry.pk)
    return render(request, "backoffice/engagement/register.html", {"form": form})


@staff_required
def detail(request, inquiry_id: int):
    inquiry = inquiry_for_staff(inquiry_id=inquiry_id, person=request.user)
    selectors.annotate_lights([inquiry], timezone.localdate())
    allowed = inquiry_actions(request.user, inquiry)
    context = {
        "inquiry": inquiry,
        "events": inquiry.events.select_related("actor", "from_organization", "to_organization"),
        "actions": [(name, ACTIONS[name].label, _form(name, request.user)) for name in allowed],
    }
    return render(request, "backoffice/engagement/inquiry.html", context)


@staff_required
def asker(request, inquiry_id: int):
    inquiry = inquiry_for_staff(inquiry_id=inquiry_id, person=request.user)
    services.record_personal_data_view(actor=request.user, inquiry=inquiry, ip_address=client_ip(request))
    return render(request, "backoffice/engagement/asker.html", {"inquiry": inquiry})


@staff_required
@require_POST
def act(request, inquiry_id: int, name: str):
    inquiry = inquiry_for_staff(inquiry_id=inquiry_id, person=request.user)
    if name not in ACTIONS or name not in inquiry_actions(request.user, inquiry):
        messages.error(request, gettext_lazy("当前不能执行这项操作。"))
        return redirect("backoffice:engagement:inquiry", inquiry.pk)
    form = _form(name, request.user, request.POST)
    if form.is_valid():
        try:
            ACTIONS[name].run(request.user, inquiry, form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, gettext_lazy("已完成：%(action)s。") % {"action": ACTIONS[name].label})
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("backoffice:engagement:inquiry", inquiry.pk)


@staff_required
def mailboxes(request):
    visible = Mailbox.objects.filter(organization__in=organizations_where(request.user, "view")).select_related(
        "organization"
    )
    return render(request, "backoffice/engagement/mailboxes.html", {"mailboxes": visible})


@staff_required
def edit_mailbox(request, mailbox_id: int | None = None):
    mailbox = mailbox_for_staff(mailbox_id=mailbox_id, person=request.user, action="manage") if mailbox_id else None
    initial = (
        {
            "organization": mailbox.organization,
            "name": mailbox.name,
            "kind": mailbox.kind,
            "answer_days": mailbox.answer_days,
            "description": mailbox.description,
            "is_active": mailbox.is_active,
        }
        if mailbox
        else None
    )
    form = forms.MailboxForm(request.POST or None, initial=initial)
    form.limit_organizations(organizations_where(request.user, "manage"))
    if request.method == "POST" and form.is_valid():
        try:
            services.save_mailbox(actor=request.user, mailbox=mailbox, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, gettext_lazy("信箱已保存。"))
            return redirect("backoffice:engagement:mailboxes")
    return render(request, "backoffice/engagement/mailbox_form.html", {"form": form, "mailbox": mailbox})
