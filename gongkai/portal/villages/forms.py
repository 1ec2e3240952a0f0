"""Public forms of the village pages. Contacts are asked only to answer the person and are never shown publicly."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.villages.models import IssueCategory


class CaptchaMixin(forms.Form):
    captcha = forms.CharField(label=_("验证码：请输入图中算式的结果"), max_length=4)


class ObjectionForm(CaptchaMixin):
    text = forms.CharField(label=_("异议内容和理由"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)
    name = forms.CharField(label=_("您的姓名"), max_length=50, help_text=_("仅用于答复，不会公开。"))
    phone = forms.CharField(
        label=_("联系电话"), max_length=30, widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"})
    )
    field_order = ["text", "name", "phone", "captcha"]


class IssueForm(CaptchaMixin):
    village = forms.ModelChoiceField(label=_("所在村（社区）"), queryset=None, empty_label=_("请选择村（社区）"))
    category = forms.ChoiceField(label=_("类别"), choices=IssueCategory.choices)
    title = forms.CharField(label=_("一句话说明问题"), max_length=100)
    description = forms.CharField(label=_("具体情况"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
    location = forms.CharField(label=_("地点"), max_length=200, required=False)
    reporter_name = forms.CharField(label=_("您的姓名"), max_length=50, help_text=_("仅用于反馈，不会公开。"))
    reporter_phone = forms.CharField(
        label=_("联系电话"), max_length=30, widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"})
    )
    field_order = [
        "village",
        "category",
        "title",
        "description",
        "location",
        "reporter_name",
        "reporter_phone",
        "captcha",
    ]

    def __init__(self, *args, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages


class TrackForm(forms.Form):
    code = forms.CharField(label=_("查询码"), max_length=12)
    phone_tail = forms.CharField(label=_("联系电话后4位"), min_length=4, max_length=4)


class RatingForm(forms.Form):
    code = forms.CharField(widget=forms.HiddenInput)
    phone_tail = forms.CharField(widget=forms.HiddenInput)
    rating = forms.TypedChoiceField(
        label=_("满意度"),
        coerce=int,
        choices=[(5, "5"), (4, "4"), (3, "3"), (2, "2"), (1, "1")],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("评价意见"), max_length=300, required=False)
