"""Village pages of the back office: the five columns, 公示 with objections, finance statements, printing."""

import uuid

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.backoffice.decorators import staff_required
from gongkai.backoffice.jobs import FAILED, run_job
from gongkai.core import audit
from gongkai.core.errors import AccessDenied, DomainError
from gongkai.core.workdays import ProvisionalDates
from gongkai.publishing.models import Column, Record
from gongkai.publishing.selectors import column_tree, record_for_staff
from gongkai.publishing.uploads import read_all
from gongkai.villages import boards, services
from gongkai.villages.access import objection_for_staff, publicity_for_staff, village_for_staff
from gongkai.villages.models import FinanceStatement, Publicity
from gongkai.villages.selectors import finance_period_lights, masked_entries, publicity_state
from gongkai.villages.tasks import import_statement_upload, upload_dir

from . import forms
from .views import found_or_404


def show_error(form, error: DomainError) -> None:
    if isinstance(error, AccessDenied):
        raise error
    form.add_error(error.field if error.field in form.fields else None, error.message)


@staff_required
def village(request, organization_id):
    found = found_or_404(village_for_staff, person=request.user, organization_id=organization_id)
    records = Record.objects.filter(organization=found).order_by("-updated_at")[:20]
    today = timezone.localdate()
    lights = finance_period_lights(year=today.year, today=today, organizations=[found])
    provisional = ProvisionalDates(item.due_on for item in lights)
    context = {
        "lights": [(item, provisional.mark(item.due_on, item.due_on)) for item in lights],
        "calendar_warnings": provisional.warnings(),
        "village": found,
        "columns": column_tree(found),
        "records": records,
        "publicities": Publicity.objects.filter(record__organization=found)
        .select_related("record")
        .order_by("-id")[:20],
        "statements": FinanceStatement.objects.filter(organization=found).select_related("record")[:12],
    }
    return render(request, "backoffice/villages/village.html", context)


@staff_required
def publicity_create(request, organization_id):
    found = found_or_404(village_for_staff, person=request.user, organization_id=organization_id, action="work")
    form = forms.PublicityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            publicity = services.create_publicity(
                organization=found,
                actor=request.user,
                title=data["title"],
                kind=data["kind"],
                body=f"<p>{data['body']}</p>",
                entries=form.entry_rows(),
                working_days=data["working_days"],
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, _("公示草稿已保存，请提交乡镇（街道）审核后发布。"))
            return redirect("backoffice:villages:publicity", publicity.pk)
    return render(request, "backoffice/villages/publicity_form.html", {"form": form, "village": found})


@staff_required
def publicity(request, publicity_id):
    found = found_or_404(publicity_for_staff, person=request.user, publicity_id=publicity_id)
    today = timezone.localdate()
    context = {
        "publicity": found,
        "record": found.record,
        "entries": masked_entries(found),
        "state": publicity_state(found, today),
        "objections": found.objections.select_related("answered_by"),
        "answer_form": forms.AnswerForm(),
        "result_form": forms.ResultForm(),
        "can_record_result": found.ends_on is not None and today > found.ends_on and not found.result_recorded_at,
    }
    return render(request, "backoffice/villages/publicity.html", context)


@staff_required
@require_POST
def objection_answer(request, objection_id):
    objection = found_or_404(objection_for_staff, person=request.user, objection_id=objection_id)
    form = forms.AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer_objection(objection=objection, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            if isinstance(error, AccessDenied):
                raise
            messages.error(request, error.message)
        else:
            messages.success(request, _("已答复异议。"))
    else:
        messages.error(request, _("请选择核查结果并填写答复。"))
    return redirect("backoffice:villages:publicity", objection.publicity_id)


@staff_required
@require_POST
def objection_contact(request, objection_id):
    objection = found_or_404(objection_for_staff, person=request.user, objection_id=objection_id)
    audit.log(
        "villages.objection.viewed_contact",
        actor=request.user,
        target=objection,
        organization=objection.publicity.record.organization,
        ip_address=audit.client_ip(request),
    )
    return render(request, "backoffice/villages/objection_contact.html", {"objection": objection})


@staff_required
@require_POST
def publicity_result(request, publicity_id):
    found = found_or_404(publicity_for_staff, person=request.user, publicity_id=publicity_id)
    try:
        services.record_publicity_result(publicity=found, actor=request.user, result=request.POST.get("result", ""))
    except DomainError as error:
        if isinstance(error, AccessDenied):
            raise
        messages.error(request, error.message)
    else:
        messages.success(request, _("公示结果已登记，将显示在公示末尾。"))
    return redirect("backoffice:villages:publicity", found.pk)


@staff_required
def statement_create(request, organization_id):
    found = found_or_404(village_for_staff, person=request.user, organization_id=organization_id, action="work")
    form = forms.StatementForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            statement = services.create_statement(
                organization=found,
                actor=request.user,
                period_kind=data["period_kind"],
                year=data["year"],
                period=data["period"],
                opening_balance=data["opening_balance"],
                lines=form.lines(),
                declared={key: data[key] for key in ("income_total", "expense_total", "closing_balance")},
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, _("收支公开表已保存为草稿，请提交乡镇（街道）审核。"))
            return redirect("backoffice:publishing:record", statement.record_id)
    return render(request, "backoffice/villages/statement_form.html", {"form": form, "village": found})


@staff_required
def statement_import(request, organization_id):
    """The workbook is checked and imported by a background job (`villages.tasks.import_statement_upload`): inline,
    the page answers with its outcome at once; on the queue, 我的后台任务 shows it."""
    found = found_or_404(village_for_staff, person=request.user, organization_id=organization_id, action="work")
    form = forms.ImportForm(request.POST or None, request.FILES or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        token = str(uuid.uuid4())
        (upload_dir() / f"{token}.bin").write_bytes(read_all(data["file"]))

        def answer(errors):
            context = {"form": form, "village": found, "errors": errors}
            return render(request, "backoffice/villages/statement_import.html", context)

        def done(outcome: dict):
            if not outcome["ok"]:
                return answer(outcome["errors"])
            messages.success(request, _("已导入 %(count)s 条收支明细，合计核对无误。") % {"count": outcome["lines"]})
            return redirect("backoffice:publishing:record", outcome["record_id"])

        return run_job(
            request,
            import_statement_upload,
            done=done,
            failed=lambda: answer([FAILED]),
            organization_id=found.pk,
            token=token,
            file_name=data["file"].name,
            period_kind=data["period_kind"],
            year=data["year"],
            period=data["period"],
        )
    return render(request, "backoffice/villages/statement_import.html", {"form": form, "village": found, "errors": []})


@staff_required
@require_POST
def record_photo(request, record_id):
    record = found_or_404(record_for_staff, person=request.user, record_id=record_id)
    form = forms.PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择或拍摄一张照片。"))
    else:
        try:
            services.add_record_photo(record=record, upload=form.cleaned_data["photo"], actor=request.user)
        except DomainError as error:
            if isinstance(error, AccessDenied):
                raise
            messages.error(request, error.message)
        else:
            messages.success(request, _("照片已作为附件上传（已缩小并去除位置信息）。"))
    return redirect("backoffice:publishing:record", record.pk)


@staff_required
def notice_pdf(request, record_id):
    """The 公示栏 print of any village record the person may see (A4 by default, ?size=A3)."""
    record = found_or_404(record_for_staff, person=request.user, record_id=record_id)
    if not Column.objects.filter(organization=record.organization, slug="village-party").exists():
        raise Http404
    size = request.GET.get("size", "A4")
    url = request.build_absolute_uri(reverse("portal:publishing:record", args=[record.pk]))
    response = HttpResponse(boards.notice_pdf(record, url=url, size=size), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="notice-{record.pk}-{size}.pdf"'
    return response


@staff_required
def notice_docx(request, record_id):
    """The same 公示栏 notice as a Word file in the national document format."""
    record = found_or_404(record_for_staff, person=request.user, record_id=record_id)
    if not Column.objects.filter(organization=record.organization, slug="village-party").exists():
        raise Http404
    url = request.build_absolute_uri(reverse("portal:publishing:record", args=[record.pk]))
    response = HttpResponse(
        boards.notice_docx(record, url=url),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="notice-{record.pk}.docx"'
    return response
