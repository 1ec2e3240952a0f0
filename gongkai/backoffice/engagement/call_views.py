"""Back-office pages of comment solicitation: the calls, a new call, and the call page with its life-cycle steps,
attachments, comments (moderation, entering offline ones), the adoption report and the link to the final policy."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.core.errors import DomainError
from gongkai.engagement import printing, selectors, services
from gongkai.engagement.access import call_actions, call_for_staff, organizations_where
from gongkai.engagement.models import Comment
from gongkai.publishing.models import Record
from gongkai.publishing.selectors import published_records

from ..decorators import staff_required
from . import forms

STEPS = {
    "submit": (gettext_lazy("提交审批"), services.submit_call),
    "approve": (gettext_lazy("审批通过"), services.approve_call),
    "publish": (gettext_lazy("公开征集"), services.publish_call),
    "close": (gettext_lazy("结束征集，开始评议"), services.close_call),
    "publish_feedback": (gettext_lazy("审核并公开采纳情况反馈"), services.publish_feedback),
    "archive": (gettext_lazy("资料归档"), services.archive_call),
}


def _error(request, error: DomainError) -> None:
    messages.error(request, error.message)


@staff_required
def calls(request):
    return render(
        request, "backoffice/engagement/calls.html", {"calls": selectors.calls_for_staff(person=request.user)}
    )


@staff_required
def new_call(request):
    form = forms.CallForm(request.POST or None)
    form.limit_organizations(organizations_where(request.user, "handle"))
    if request.method == "POST" and form.is_valid():
        organization = form.cleaned_data["organization"]
        data = _call_data(form)
        call = (
            None
            if form.errors
            else _saved(form, services.create_call, actor=request.user, organization=organization, data=data)
        )
        if call is not None:
            return redirect("backoffice:engagement:call", call.pk)
    return render(request, "backoffice/engagement/call_form.html", {"form": form})


@staff_required
def edit_call(request, call_id: int):
    """Only a draft (收集提交) can be edited; the form is the one used to create it."""
    found = call_for_staff(call_id=call_id, person=request.user, action="handle")
    initial = {
        "organization": found.organization,
        "title": found.title,
        "summary": found.summary,
        "explanation": found.explanation,
        "draft_text": found.draft_text,
        "starts_on": found.starts_on,
        "ends_on": found.ends_on,
        "is_moderated": found.is_moderated,
        "draft_record": found.draft_record_id,
    }
    form = forms.CallForm(request.POST or None, initial=initial)
    form.limit_organizations(found.organization.__class__.objects.filter(pk=found.organization_id))
    if request.method == "POST" and form.is_valid():
        data = _call_data(form)
        if not form.errors and _saved(form, services.update_call, actor=request.user, call=found, data=data):
            return redirect("backoffice:engagement:call", found.pk)
    return render(request, "backoffice/engagement/call_form.html", {"form": form, "call": found})


def _saved(form, service, **arguments):
    """Run the service; a refusal becomes a form error (and None) instead of a page error."""
    try:
        return service(**arguments)
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return None


def _call_data(form) -> dict:
    """The form's values for the service, with the draft record's number turned into the record (or None)."""
    data = dict(form.cleaned_data)
    data.pop("organization")
    number = data.pop("draft_record")
    data["draft_record"] = Record.objects.filter(pk=number).first() if number else None
    if number and data["draft_record"] is None:
        form.add_error("draft_record", gettext_lazy("找不到这条已发布的政府信息，请核对编号。"))
    return data


def _report_initial(call):
    report = getattr(call, "adoption_report", None)
    if report is None:
        return {}, []
    items = [
        {
            "topic": item.topic,
            "gist": item.gist,
            "decision": item.decision,
            "reason": item.reason,
            "comment_ids": ",".join(str(pk) for pk in item.comments.values_list("pk", flat=True)),
        }
        for item in report.items.filter(is_current=True)
    ]
    return {"overview": report.overview}, items


@staff_required
def call(request, call_id: int):
    found = call_for_staff(call_id=call_id, person=request.user)
    overview, items = _report_initial(found)
    context = {
        "call": found,
        "steps": [(name, STEPS[name][0]) for name in call_actions(request.user, found)],
        "comments": found.comments.select_related("entered_by"),
        "attachments": found.attachments.filter(is_active=True),
        "attachment_form": forms.AttachmentForm(),
        "comment_form": forms.EnterCommentForm(),
        "report": getattr(found, "adoption_report", None),
        "report_form": forms.ReportForm(initial=overview),
        "item_formset": forms.ReportItemFormSet(initial=items, prefix="items"),
        "policy_form": forms.PolicyForm(),
    }
    return render(request, "backoffice/engagement/call.html", context)


@staff_required
@require_POST
def call_step(request, call_id: int, name: str):
    found = call_for_staff(call_id=call_id, person=request.user)
    if name not in STEPS or name not in call_actions(request.user, found):
        messages.error(request, gettext_lazy("当前不能执行这项操作。"))
    else:
        try:
            STEPS[name][1](actor=request.user, call=found)
        except DomainError as error:
            _error(request, error)
        else:
            messages.success(request, gettext_lazy("已完成：%(step)s。") % {"step": STEPS[name][0]})
    return redirect("backoffice:engagement:call", found.pk)


@staff_required
@require_POST
def call_attachment(request, call_id: int):
    found = call_for_staff(call_id=call_id, person=request.user, action="handle")
    form = forms.AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_call_attachment(
                actor=request.user, call=found, upload=form.cleaned_data["file"], title=form.cleaned_data["title"]
            )
        except DomainError as error:
            _error(request, error)
    else:
        messages.error(request, gettext_lazy("请选择要上传的文件。"))
    return redirect("backoffice:engagement:call", found.pk)


@staff_required
@require_POST
def enter_comment(request, call_id: int):
    found = call_for_staff(call_id=call_id, person=request.user, action="handle")
    form = forms.EnterCommentForm(request.POST)
    if form.is_valid():
        try:
            services.enter_comment(actor=request.user, call=found, **form.cleaned_data)
        except DomainError as error:
            _error(request, error)
        else:
            messages.success(request, gettext_lazy("意见已录入。"))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("backoffice:engagement:call", found.pk)


@staff_required
@require_POST
def moderate(request, call_id: int, comment_id: int):
    found = call_for_staff(call_id=call_id, person=request.user, action="handle")
    comment = Comment.objects.filter(call=found, pk=comment_id).first()
    if comment is not None:
        try:
            services.moderate_comment(actor=request.user, comment=comment, show=request.POST.get("show") == "1")
        except DomainError as error:
            _error(request, error)
    return redirect("backoffice:engagement:call", found.pk)


@staff_required
@require_POST
def save_report(request, call_id: int):
    found = call_for_staff(call_id=call_id, person=request.user, action="handle")
    form = forms.ReportForm(request.POST)
    formset = forms.ReportItemFormSet(request.POST, prefix="items")
    if form.is_valid() and formset.is_valid():
        items = [item for item in formset.cleaned_data if item and (item.get("topic") or item.get("gist"))]
        try:
            services.save_adoption_report(
                actor=request.user, call=found, overview=form.cleaned_data["overview"], items=items
            )
            if request.POST.get("submit_for_review"):
                services.submit_adoption_report(actor=request.user, call=found)
        except DomainError as error:
            _error(request, error)
        else:
            messages.success(request, gettext_lazy("采纳情况反馈已保存。"))
    else:
        messages.error(request, gettext_lazy("采纳情况反馈填写有误，请检查总体情况和各条目。"))
    return redirect("backoffice:engagement:call", found.pk)


@staff_required
@require_POST
def link_policy(request, call_id: int):
    found = call_for_staff(call_id=call_id, person=request.user, action="handle")
    form = forms.PolicyForm(request.POST)
    record = published_records().filter(pk=form.cleaned_data["record_id"]).first() if form.is_valid() else None
    if record is None:
        messages.error(request, gettext_lazy("找不到这条已发布的政府信息，请核对编号。"))
    else:
        try:
            services.link_final_policy(actor=request.user, call=found, record=record)
        except DomainError as error:
            _error(request, error)
    return redirect("backoffice:engagement:call", found.pk)


DOCUMENT_FORMATS = {
    "pdf": (printing.adoption_pdf, "application/pdf"),
    "docx": (printing.adoption_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}


@staff_required
def report_document(request, call_id: int, file_format: str):
    """The adoption report (draft or published) in the national document format, as PDF or Word."""
    found = call_for_staff(call_id=call_id, person=request.user)
    report = getattr(found, "adoption_report", None)
    if report is None or file_format not in DOCUMENT_FORMATS:
        raise Http404
    render_document, content_type = DOCUMENT_FORMATS[file_format]
    response = HttpResponse(render_document(report), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="adoption-report-{found.pk}.{file_format}"'
    return response
