"""Forms of the public engagement pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.models import Domain
from gongkai.engagement.models import Rating
from gongkai.orgs.models import Organization


class HumanCheckMixin(forms.Form):
    captcha = forms.CharField(label=_("图片验证码：请输入图中算式的结果"), max_length=4, required=False)
    text_answer = forms.CharField(label=_("文字验证问题的答案"), max_length=10, required=False)


class InquiryForm(HumanCheckMixin):
    organization = forms.ModelChoiceField(
        label=_("咨询哪个机构"), queryset=Organization.objects.none(), required=False, empty_label=_("请选择机构")
    )
    domain = forms.ModelChoiceField(
        label=_("所属领域（可不选）"), queryset=Domain.objects.none(), required=False, empty_label=_("不确定")
    )
    subject = forms.CharField(label=_("标题"), max_length=200)
    question = forms.CharField(label=_("咨询内容"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000)
    asker_name = forms.CharField(label=_("姓名"), max_length=50)
    asker_phone = forms.RegexField(
        label=_("联系电话"),
        regex=r"^[0-9+\- ]{7,20}$",
        max_length=20,
        required=False,
        error_messages={"invalid": _("请填写有效的电话号码。")},
    )
    asker_email = forms.EmailField(label=_("电子邮箱（答复后通知您）"), required=False)
    consents_to_publish = forms.BooleanField(
        label=_("同意在去除姓名、电话等个人信息后公开我的咨询和答复"), required=False
    )
    confirm_personal_data = forms.BooleanField(label=_("我已知晓内容中含有个人信息，仍然提交"), required=False)

    def __init__(self, *args, mailbox=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.mailbox = mailbox
        self.fields["organization"].queryset = Organization.objects.filter(is_active=True).order_by("name")
        self.fields["domain"].queryset = Domain.objects.filter(is_active=True).order_by("sort_order", "code")
        if mailbox is not None:
            del self.fields["organization"]

    def clean(self):
        data = super().clean()
        if self.mailbox is None and not data.get("organization"):
            self.add_error("organization", _("请选择咨询的机构。"))
        return data


class TrackForm(forms.Form):
    tracking_code = forms.CharField(label=_("查询码"), max_length=20)


class RateForm(forms.Form):
    tracking_code = forms.CharField(widget=forms.HiddenInput, max_length=20)
    rating = forms.ChoiceField(label=_("您对答复是否满意"), choices=Rating.choices, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("意见建议（可不填）"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CommentForm(HumanCheckMixin):
    body = forms.CharField(label=_("您的意见"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000)
    author_name = forms.CharField(label=_("姓名或单位（不公开，可不填）"), max_length=100, required=False)
    author_contact = forms.CharField(label=_("联系方式（不公开，可不填）"), max_length=100, required=False)


TEXT_MAX = 2000
