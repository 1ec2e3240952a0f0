"""Back-office forms of the screening module."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from gongkai.screening.kinds import Kind, Severity
from gongkai.screening.models import ExpressionCategory, Finding, LexiconCategory


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("理由"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("确认无问题时必填，例如“该号码为单位公开的值班电话”。"),
    )


class LexiconForm(forms.Form):
    term = forms.CharField(label=_("词条"), max_length=100)
    category = forms.ChoiceField(label=_("类别"), choices=LexiconCategory.choices, initial=LexiconCategory.OTHER)
    severity = forms.ChoiceField(label=_("严重程度"), choices=Severity.choices, initial=Severity.WARN)
    enabled = forms.BooleanField(label=_("启用"), required=False, initial=True)
    note = forms.CharField(label=_("说明"), max_length=300, required=False)


class ExpressionForm(forms.Form):
    wrong = forms.CharField(label=_("错误表述"), max_length=100)
    right = forms.CharField(label=_("正确表述"), max_length=200)
    category = forms.ChoiceField(
        label=_("类别"), choices=ExpressionCategory.choices, initial=ExpressionCategory.OUTDATED_NAME
    )
    severity = forms.ChoiceField(label=_("严重程度"), choices=Severity.choices, initial=Severity.WARN)
    enabled = forms.BooleanField(label=_("启用"), required=False, initial=True)
    note = forms.CharField(label=_("说明"), max_length=300, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("文件"), help_text=_("CSV（UTF-8 或 GBK）或 Excel（.xlsx），第一行为表头。"))
    dry_run = forms.BooleanField(label=_("只检查，不导入"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.GONGKAI_MAX_ATTACHMENT_BYTES:
            raise forms.ValidationError(_("文件过大。"))
        return upload


class CheckForm(forms.Form):
    text = forms.CharField(label=_("文本"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    file = forms.FileField(
        label=_("或上传文件"), required=False, help_text=_("UTF-8 文本、PDF、Word（.docx）或 Excel（.xlsx）。")
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("text") and not cleaned.get("file"):
            raise forms.ValidationError(_("请粘贴文本或上传文件。"))
        upload = cleaned.get("file")
        if upload and upload.size > settings.GONGKAI_MAX_ATTACHMENT_BYTES:
            raise forms.ValidationError(_("文件过大。"))
        return cleaned


class FindingFilterForm(forms.Form):
    organization = forms.IntegerField(required=False, widget=forms.HiddenInput)
    run = forms.IntegerField(required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("类型"), required=False, choices=[("", _("全部"))] + list(Kind.choices))
    severity = forms.ChoiceField(
        label=_("严重程度"), required=False, choices=[("", _("全部"))] + list(Severity.choices)
    )
    status = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("", _("全部"))] + list(Finding.Status.choices), initial="open"
    )
