"""The form for a new API token. It parses input only; `api.tokens.create_token` validates and writes."""

from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.api.models import TokenScope
from gongkai.orgs.selectors import organizations_managed_by


class TokenForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=100, help_text=_("调用系统的名称，例如“区政务服务网办件系统”。"))
    organization = forms.ModelChoiceField(label=_("机构"), queryset=None)
    scopes = forms.MultipleChoiceField(
        label=_("权限范围"), choices=TokenScope.choices, widget=forms.CheckboxSelectMultiple
    )
    expires_on = forms.DateField(
        label=_("到期日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("到期日当天结束后令牌失效；留空表示不设到期日（不建议）。"),
    )
    rate_per_minute = forms.IntegerField(label=_("每分钟调用上限"), min_value=1, max_value=6000, initial=120)

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations_managed_by(person, include_inactive=False)

    def expires_at(self):
        day = self.cleaned_data.get("expires_on")
        if day is None:
            return None
        return timezone.make_aware(datetime.combine(day, time.max))
