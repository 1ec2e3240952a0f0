"""Forms of the back-office application pages: registration and one small form per lifecycle step."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.applications.models import (
    ApplicantType,
    DeliveryMethod,
    Fee,
    IdType,
    Outcome,
    ProvisionForm,
    ProvisionManner,
    Status,
    SubmissionChannel,
)
from gongkai.applications.outcomes import LAPSE_OUTCOMES, row_label
from gongkai.orgs.models import Organization

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def date_field(label, required=True, initial_today=True):
    return forms.DateField(
        label=label, widget=DATE, required=required, initial=timezone.localdate if initial_today else None
    )


class RegisterForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("办理机关"), queryset=Organization.objects.none())
    channel = forms.ChoiceField(
        label=_("申请渠道"), choices=[c for c in SubmissionChannel.choices if c[0] != SubmissionChannel.ONLINE]
    )
    submitted_on = date_field(_("提交或到达日期（当面提交之日、信件寄出或到达之日）"), required=False)
    signed_for_on = date_field(_("签收日期（挂号信、特快专递）"), required=False, initial_today=False)
    confirmed_on = date_field(_("双方确认日期（平常信函、传真、电子邮件）"), required=False, initial_today=False)
    applicant_type = forms.ChoiceField(label=_("申请人类型"), choices=ApplicantType.choices)
    applicant_name = forms.CharField(label=_("姓名或名称"), max_length=150)
    id_type = forms.ChoiceField(label=_("证件类型"), choices=IdType.choices)
    id_number = forms.CharField(label=_("证件号码或统一社会信用代码"), max_length=40)
    legal_representative = forms.CharField(label=_("法定代表人或负责人"), max_length=50, required=False)
    contact_name = forms.CharField(label=_("联系人"), max_length=50, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    address = forms.CharField(label=_("通讯地址"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("邮政编码"), max_length=10, required=False)
    description = forms.CharField(label=_("所需政府信息的内容描述"), widget=forms.Textarea(attrs={"rows": 4}))
    document_number = forms.CharField(label=_("文件名称、文号或其他特征性描述"), max_length=300, required=False)
    provision_form = forms.ChoiceField(label=_("信息的提供形式"), choices=ProvisionForm.choices)
    provision_manner = forms.ChoiceField(label=_("获取信息的方式"), choices=ProvisionManner.choices)
    item_count = forms.IntegerField(label=_("件数（一事一申请）"), min_value=1, max_value=500, initial=1)

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = (
            organizations if organizations is not None else Organization.objects.none()
        )


class AcceptForm(forms.Form):
    on = date_field(_("签收日期"))


class CorrectionRequestForm(forms.Form):
    items = forms.CharField(label=_("需要补正的事项（一次性告知）"), widget=forms.Textarea(attrs={"rows": 3}))
    correction_due_on = date_field(_("补正期限"), initial_today=False)
    on = date_field(_("告知日期"))


class DatedNoteForm(forms.Form):
    on = date_field(_("日期"))
    note = forms.CharField(label=_("说明"), required=False, max_length=500)


class ConsultationStartForm(forms.Form):
    party = forms.CharField(label=_("征求意见对象（第三方或机关）"), max_length=200)
    on = date_field(_("发出征求意见书日期"))


class ExtensionForm(forms.Form):
    days = forms.IntegerField(label=_("延长工作日数"), min_value=1, max_value=20)
    reason = forms.CharField(label=_("延期理由"), widget=forms.Textarea(attrs={"rows": 2}))
    on = date_field(_("批准日期"))


class FeeNoticeForm(forms.Form):
    method = forms.ChoiceField(label=_("计费方式（不得同时按两种方式计收）"), choices=Fee.Method.choices)
    quantity = forms.IntegerField(label=_("件数或页数"), min_value=1)
    amount = forms.DecimalField(
        label=_("收费金额（元，留空按系统测算）"), required=False, min_value=0, decimal_places=2, max_digits=10
    )
    on = date_field(_("收费通知日期"))


class FeePaymentForm(forms.Form):
    on = date_field(_("缴费日期"))
    receipt_number = forms.CharField(label=_("票据号"), max_length=50, required=False)


class LapseForm(forms.Form):
    on = date_field(_("处理日期"))


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("办理结果（年度报告口径）"))
    legal_basis = forms.CharField(label=_("法律依据"), widget=forms.Textarea(attrs={"rows": 2}))
    reasons = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    on = date_field(_("答复日期"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [
            (value, row_label(value)) for value in Outcome.values if value not in LAPSE_OUTCOMES
        ]


class DeliveryForm(forms.Form):
    method = forms.ChoiceField(label=_("送达方式"), choices=DeliveryMethod.choices)
    on = date_field(_("送达日期（邮寄送达为交邮之日）"))
    reference = forms.CharField(label=_("送达凭证（邮件号等）"), max_length=100, required=False)


class TransferForm(forms.Form):
    to_organization = forms.ModelChoiceField(label=_("转办至"), queryset=Organization.objects.filter(is_active=True))
    reason = forms.CharField(label=_("转办理由"), max_length=300)
    on = date_field(_("转办日期"))


class TemplateForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=100)
    body = forms.CharField(label=_("正文（HTML）"), widget=forms.Textarea(attrs={"rows": 18}))


class FilterForm(forms.Form):
    status = forms.ChoiceField(label=_("状态"), required=False, choices=[("", _("全部")), *Status.choices])
    light = forms.ChoiceField(
        label=_("预警"),
        required=False,
        choices=[("", _("全部")), ("red", _("已超期")), ("yellow", _("临近期限")), ("green", _("正常"))],
    )
    q = forms.CharField(label=_("查询码"), required=False, max_length=40)
    sort = forms.ChoiceField(
        label=_("排序"),
        required=False,
        choices=[("", _("按紧急程度（超期、临近在前）")), ("received", _("按收到日期（新的在前）"))],
    )
