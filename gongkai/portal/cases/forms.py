"""The public case lookup form: a case number and its verification code, nothing else."""

from django import forms
from django.utils.translation import gettext_lazy as _


class CaseLookupForm(forms.Form):
    number = forms.CharField(label=_("办件编号"), max_length=64, help_text=_("见受理通知书或办件回执。"))
    verification_code = forms.CharField(
        label=_("查询码"),
        max_length=32,
        help_text=_("与办件编号印在一起的查询码。"),
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
    )
