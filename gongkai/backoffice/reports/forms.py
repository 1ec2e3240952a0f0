"""Forms of the back-office report pages. They only parse input; the services validate and write."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.core.errors import DomainError
from gongkai.reports.models import CaseKind, CaseResult, ReviewCase


def show_error(form: forms.Form, error: DomainError) -> None:
    """Put a service's error on the field it names, or on the whole form."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


class ReportCreateForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("报告机关"), queryset=None)
    year = forms.IntegerField(label=_("年度"), min_value=2008, max_value=2100)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["year"].initial = timezone.localdate().year - 1


class NarrativeForm(forms.Form):
    overview = forms.CharField(label=_("一、总体情况"), widget=forms.Textarea(attrs={"rows": 14}), required=False)
    problems = forms.CharField(
        label=_("五、存在的主要问题及改进情况"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    other_matters = forms.CharField(
        label=_("六、其他需要报告的事项"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("包括信息处理费的收取情况。段落之间空一行。"),
    )


class OverrideForm(forms.Form):
    value = forms.CharField(label=_("填报值"), max_length=30, help_text=_("件数填整数；收费金额单位为万元。"))
    reason = forms.CharField(
        label=_("调整理由"), widget=forms.Textarea(attrs={"rows": 3}), help_text=_("将随报告一并显示。")
    )


class CaseForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("登记机关"), queryset=None)
    kind = forms.ChoiceField(label=_("类型"), choices=CaseKind.choices)
    case_number = forms.CharField(label=_("案号"), max_length=100)
    subject = forms.CharField(label=_("案由"), max_length=300, required=False)
    filed_on = forms.DateField(label=_("受理（立案）日期"), widget=forms.DateInput(attrs={"type": "date"}))
    result = forms.ChoiceField(label=_("结果"), choices=CaseResult.choices)
    concluded_on = forms.DateField(label=_("审结日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    as_review_body = forms.BooleanField(
        label=_("本机关作为复议机关为共同被告"),
        required=False,
        help_text=_("复议机关作共同被告的案件只由原行政机关统计，本机关登记但不计入年报。"),
    )
    note = forms.CharField(label=_("备注"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, organizations, case: ReviewCase | None = None, **kwargs):
        if case is not None:
            kwargs.setdefault(
                "initial",
                {
                    name: getattr(case, name)
                    for name in (
                        "kind",
                        "case_number",
                        "subject",
                        "filed_on",
                        "result",
                        "concluded_on",
                        "as_review_body",
                        "note",
                    )
                }  # fmt: skip
                | {"organization": case.organization},
            )
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        if case is not None:
            self.fields["organization"].disabled = True


class RetireForm(forms.Form):
    reason = forms.CharField(label=_("作废理由"), max_length=300)
