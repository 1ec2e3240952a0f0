"""Forms of the public application pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.applications.models import ApplicantType, IdType, ProvisionForm, ProvisionManner
from gongkai.orgs.models import Organization


class ApplyForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("向哪个机关申请"),
        queryset=Organization.objects.none(),
        empty_label=_("请选择机关"),
    )
    applicant_type = forms.ChoiceField(label=_("申请人类型"), choices=ApplicantType.choices)
    applicant_name = forms.CharField(label=_("姓名或名称"), max_length=150)
    id_type = forms.ChoiceField(label=_("身份证明类型"), choices=IdType.choices)
    id_number = forms.CharField(label=_("证件号码或统一社会信用代码"), max_length=40)
    legal_representative = forms.CharField(
        label=_("法定代表人或负责人（法人或其他组织填写）"), max_length=50, required=False
    )
    contact_name = forms.CharField(label=_("联系人（法人或其他组织填写）"), max_length=50, required=False)
    phone = forms.RegexField(
        label=_("联系电话"),
        regex=r"^[0-9+\- ]{7,20}$",
        max_length=20,
        error_messages={"invalid": _("请填写有效的电话号码，查询办理进度时需要其后四位。")},
    )
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    address = forms.CharField(label=_("通讯地址"), max_length=200)
    postal_code = forms.RegexField(label=_("邮政编码"), regex=r"^\d{6}$", required=False)
    description = forms.CharField(
        label=_("所需政府信息的内容描述"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        help_text=_("请尽量写明信息的名称、时间范围、制作机关等，便于准确检索。"),
    )
    document_number = forms.CharField(label=_("文件名称、文号或其他特征性描述"), max_length=300, required=False)
    provision_form = forms.ChoiceField(label=_("信息的提供形式"), choices=ProvisionForm.choices)
    provision_manner = forms.ChoiceField(label=_("获取信息的方式"), choices=ProvisionManner.choices)
    id_document = forms.FileField(
        label=_("身份证明扫描件（可选）"),
        required=False,
        help_text=_("JPG、PNG 图片或 PDF 文件，不超过 5 MB；仅供办理机关核对身份，不会公开。"),
        widget=forms.ClearableFileInput(attrs={"accept": ".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"}),
    )
    captcha = forms.CharField(label=_("图片验证码：请输入图中算式的结果"), max_length=4, required=False)
    text_answer = forms.CharField(label=_("文字验证问题的答案"), max_length=10, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(is_active=True).exclude(
            kind=Organization.Kind.COMMITTEE
        )


class TrackForm(forms.Form):
    tracking_code = forms.CharField(label=_("查询码"), max_length=40)
    phone_last4 = forms.RegexField(
        label=_("申请时所留联系电话的后四位"),
        regex=r"^\d{4}$",
        error_messages={"invalid": _("请填写4位数字。")},
    )
