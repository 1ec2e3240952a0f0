"""Back-office pages of case progress (办件公开) pushed by business systems: the list of cases in the person's scope
(filter by stage, service, organization, year of acceptance, late) and one case with its steps and the history of
pushes. Read-only: cases change only through the API. Scope: `cases.selectors.case_for_staff` (404 outside it)."""

from django import forms
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from gongkai.backoffice.decorators import staff_required
from gongkai.cases.models import STAGE_ORDER, CaseStage
from gongkai.cases.selectors import CaseFilters, case_for_staff, cases_for_staff
from gongkai.core.audit import action_label
from gongkai.core.errors import AccessDenied
from gongkai.core.models import AuditEntry
from gongkai.orgs.access import organizations_for
from gongkai.orgs.models import Organization

PAGE_SIZE = 50


class CaseFilterForm(forms.Form):
    service = forms.CharField(label=_("服务事项"), max_length=100, required=False)
    stage = forms.ChoiceField(label=_("当前环节"), choices=[("", _("全部")), *CaseStage.choices], required=False)
    organization = forms.ModelChoiceField(
        label=_("办理机构"), queryset=Organization.objects.none(), required=False, empty_label=_("全部")
    )
    year = forms.IntegerField(label=_("受理年度"), min_value=2000, max_value=2099, required=False)
    late = forms.BooleanField(label=_("只看超过承诺时限办结的"), required=False)

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = (
            organizations_for(person).filter(cases__isnull=False).distinct().order_by("region__path", "sort_order")
        )

    def filters(self) -> CaseFilters:
        if not self.is_valid():
            return CaseFilters()
        data = self.cleaned_data
        return CaseFilters(
            stage=data["stage"],
            service_name=data["service"].strip(),
            organization_id=data["organization"].pk if data["organization"] else None,
            year=data["year"],
            late=data["late"],
        )


@staff_required
def index(request):
    form = CaseFilterForm(request.GET or None, person=request.user)
    page = Paginator(cases_for_staff(request.user, form.filters()), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "backoffice/cases/index.html", {"form": form, "page": page})


@staff_required
def detail(request, case_id: int):
    try:
        case = case_for_staff(person=request.user, case_id=case_id)
    except AccessDenied as error:
        raise Http404 from error
    recorded = {step.stage: step for step in case.steps.all()}
    steps = [{"label": CaseStage(stage).label, "step": recorded.get(stage)} for stage in STAGE_ORDER]
    history = list(AuditEntry.objects.filter(target_type="cases.case", target_id=str(case.pk)).order_by("-at", "-id"))
    for entry in history:
        entry.action_label = action_label(entry.action)
        pushed = entry.data.get("steps") or {}  # jsonb on PostgreSQL does not keep the key order
        entry.steps_text = "，".join(
            f"{CaseStage(stage).label} {pushed[stage]}" for stage in STAGE_ORDER if stage in pushed
        )
    return render(request, "backoffice/cases/detail.html", {"case": case, "steps": steps, "history": history})
