"""Back-office pages of the register of administrative review and litigation cases (表四)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.backoffice.decorators import staff_required
from gongkai.reports.errors import ReportError
from gongkai.reports.selectors import PREPARE_ROLES, case_for_staff, cases_for_staff, organizations_for_reports
from gongkai.reports.services import register_case, retire_case, update_case

from .forms import CaseForm, RetireForm, show_error


@staff_required(roles=PREPARE_ROLES)
def cases(request):
    year = request.GET.get("year", "")
    found = cases_for_staff(person=request.user, year=int(year) if year.isdigit() else None)
    return render(request, "backoffice/reports/cases.html", {"cases": found[:500], "year": year})


@staff_required(roles=PREPARE_ROLES)
def case_create(request):
    form = CaseForm(request.POST or None, organizations=organizations_for_reports(request.user))
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        organization = fields.pop("organization")
        try:
            register_case(organization=organization, actor=request.user, **fields)
        except ReportError as error:
            show_error(form, error)
        else:
            messages.success(request, _("案件已登记。"))
            return redirect("backoffice:reports:cases")
    status = 400 if request.method == "POST" else 200
    return render(request, "backoffice/reports/case_form.html", {"form": form, "case": None}, status=status)


@staff_required(roles=PREPARE_ROLES)
def case_edit(request, case_id: int):
    case = case_for_staff(case_id=case_id, person=request.user)
    form = CaseForm(request.POST or None, organizations=organizations_for_reports(request.user), case=case)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        fields.pop("organization", None)
        try:
            update_case(case=case, actor=request.user, **fields)
        except ReportError as error:
            show_error(form, error)
        else:
            messages.success(request, _("案件信息已保存。"))
            return redirect("backoffice:reports:cases")
    context = {"form": form, "case": case, "retire_form": RetireForm()}
    return render(request, "backoffice/reports/case_form.html", context, status=400 if form.errors else 200)


@require_POST
@staff_required(roles=PREPARE_ROLES)
def case_retire(request, case_id: int):
    case = case_for_staff(case_id=case_id, person=request.user)
    form = RetireForm(request.POST)
    try:
        retire_case(case=case, actor=request.user, reason=form.data.get("reason", ""))
    except ReportError as error:
        messages.error(request, error.message)
        return redirect("backoffice:reports:case_edit", case_id=case.pk)
    messages.success(request, _("案件登记已作废，不再计入年报。"))
    return redirect("backoffice:reports:cases")
