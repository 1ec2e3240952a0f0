"""Back-office forms of the search module: a policy term with its synonyms."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _


def split_words(text: str) -> list[str]:
    return [word for word in re.split(r"[\s,，、;；]+", text or "") if word]


class TermForm(forms.Form):
    word = forms.CharField(label=_("词语"), max_length=30, help_text=_("分词时保持完整的政策用语，如：老旧小区改造。"))
    synonyms = forms.CharField(
        label=_("同义词"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("多个同义词用顿号、逗号或空格分隔，如：低保、最低生活保障。"),
    )
    note = forms.CharField(label=_("说明"), max_length=200, required=False)
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)

    def synonym_list(self) -> list[str]:
        return split_words(self.cleaned_data.get("synonyms", ""))
