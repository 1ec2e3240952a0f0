"""Forms of the back-office engagement pages. They parse input only; the services decide."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.applications.models import ApplicantType, IdType
from gongkai.catalog.models import Domain
from gongkai.engagement.models import (
    STAFF_INQUIRY_CHANNELS,
    Adoption,
    CommentChannel,
    InquiryChannel,
    MailboxKind,
    QuestionKind,
    RedirectKind,
    Section,
    SurveyChannel,
    ValidityRule,
)
from gongkai.orgs.models import Organization


class OrganizationChoiceMixin:
    def limit_organizations(self, organizations):
        self.fields["organization"].queryset = organizations.filter(is_active=True).order_by("name")


class RegisterInquiryForm(OrganizationChoiceMixin, forms.Form):
    organization = forms.ModelChoiceField(label=_("办理机构"), queryset=Organization.objects.none())
    channel = forms.ChoiceField(
        label=_("来源渠道"), choices=[(c.value, c.label) for c in InquiryChannel if c in STAFF_INQUIRY_CHANNELS]
    )
    received_on = forms.DateField(
        label=_("收到日期"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )
    domain = forms.ModelChoiceField(label=_("领域"), queryset=Domain.objects.filter(is_active=True), required=False)
    subject = forms.CharField(label=_("标题"), max_length=200)
    question = forms.CharField(label=_("咨询内容"), widget=forms.Textarea(attrs={"rows": 5}))
    asker_name = forms.CharField(label=_("咨询人姓名"), max_length=50)
    asker_phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)
    consents_to_publish = forms.BooleanField(label=_("咨询人同意公开"), required=False)


class AssignForm(OrganizationChoiceMixin, forms.Form):
    organization = forms.ModelChoiceField(label=_("承办机构"), queryset=Organization.objects.none())
    domain = forms.ModelChoiceField(label=_("领域"), queryset=Domain.objects.filter(is_active=True), required=False)
    note = forms.CharField(label=_("分办或转办说明"), max_length=500, required=False)


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("答复内容"), widget=forms.Textarea(attrs={"rows": 8}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


class RedirectForm(forms.Form):
    kind = forms.ChoiceField(label=_("引导类别"), choices=RedirectKind.choices)
    note = forms.CharField(label=_("引导说明（告知咨询人的渠道和方式）"), widget=forms.Textarea(attrs={"rows": 3}))


class ConvertForm(forms.Form):
    applicant_type = forms.ChoiceField(label=_("申请人类型"), choices=ApplicantType.choices)
    id_type = forms.ChoiceField(label=_("身份证明类型"), choices=IdType.choices)
    id_number = forms.CharField(label=_("证件号码"), max_length=40)
    address = forms.CharField(label=_("通讯地址"), max_length=200, required=False)
    description = forms.CharField(
        label=_("所需政府信息的描述（默认为咨询内容）"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class PublishForm(forms.Form):
    as_faq = forms.BooleanField(label=_("同时列为常见问题"), required=False)
    question = forms.CharField(
        label=_("公开的咨询内容（可精简，留空则用原文并自动去除个人信息）"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    answer = forms.CharField(
        label=_("公开的答复内容（留空则用原文）"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class EmptyForm(forms.Form):
    pass


class MailboxForm(OrganizationChoiceMixin, forms.Form):
    organization = forms.ModelChoiceField(label=_("所属机构"), queryset=Organization.objects.none())
    name = forms.CharField(label=_("信箱名称"), max_length=100)
    kind = forms.ChoiceField(label=_("类别"), choices=MailboxKind.choices)
    answer_days = forms.IntegerField(label=_("答复时限（工作日）"), min_value=1, max_value=60, initial=5)
    description = forms.CharField(label=_("说明"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)


class CallForm(OrganizationChoiceMixin, forms.Form):
    organization = forms.ModelChoiceField(label=_("征集机构"), queryset=Organization.objects.none())
    title = forms.CharField(label=_("标题"), max_length=300)
    summary = forms.CharField(label=_("内容摘要"), widget=forms.Textarea(attrs={"rows": 3}))
    explanation = forms.CharField(label=_("起草说明"), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    draft_text = forms.CharField(label=_("征求意见稿正文"), widget=forms.Textarea(attrs={"rows": 8}), required=False)
    draft_record = forms.IntegerField(
        label=_("征求意见稿的政府信息编号（已发布的，可不填）"), min_value=1, required=False
    )
    starts_on = forms.DateField(label=_("开始日期"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(
        label=_("截止日期（留空则为开始后30日）"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    is_moderated = forms.BooleanField(label=_("留言先审后显"), required=False, initial=True)


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("附件名称"), max_length=200, required=False)
    file = forms.FileField(label=_("文件（PDF、Word .docx、Excel .xlsx 或图片）"))


class EnterCommentForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("渠道"), choices=[(c.value, c.label) for c in CommentChannel if c != CommentChannel.ONLINE]
    )
    received_on = forms.DateField(label=_("收到日期"), widget=forms.DateInput(attrs={"type": "date"}))
    author_name = forms.CharField(label=_("提出人（不公开）"), max_length=100, required=False)
    body = forms.CharField(label=_("意见内容"), widget=forms.Textarea(attrs={"rows": 4}))


class ReportItemForm(forms.Form):
    topic = forms.CharField(label=_("意见归类"), max_length=200, required=False)
    gist = forms.CharField(label=_("意见摘要"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    decision = forms.ChoiceField(label=_("采纳情况"), choices=[("", "—"), *Adoption.choices], required=False)
    reason = forms.CharField(label=_("理由说明"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    comment_ids = forms.CharField(label=_("涉及的意见编号（逗号分隔）"), max_length=500, required=False)

    def clean_comment_ids(self):
        raw = self.cleaned_data["comment_ids"].replace("，", ",")
        parts = [part.strip() for part in raw.split(",") if part.strip()]
        if not all(part.isdigit() for part in parts):
            raise forms.ValidationError(_("意见编号须为数字，用逗号分隔。"))
        return [int(part) for part in parts]


ReportItemFormSet = forms.formset_factory(ReportItemForm, extra=3)


class ReportForm(forms.Form):
    overview = forms.CharField(label=_("总体情况"), widget=forms.Textarea(attrs={"rows": 4}))


class PolicyForm(forms.Form):
    record_id = forms.IntegerField(label=_("正式政策文件的编号（已发布的政府信息）"), min_value=1)


class SurveyForm(OrganizationChoiceMixin, forms.Form):
    organization = forms.ModelChoiceField(label=_("组织机构"), queryset=Organization.objects.none())
    title = forms.CharField(label=_("标题"), max_length=200)
    introduction = forms.CharField(label=_("说明"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    validity_rule = forms.ChoiceField(label=_("有效问卷规则"), choices=ValidityRule.choices)
    opens_on = forms.DateField(label=_("开始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(label=_("结束日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class SectionForm(forms.Form):
    title = forms.CharField(label=_("部分标题"), max_length=200)


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("题目"), max_length=300)
    kind = forms.ChoiceField(label=_("题型"), choices=QuestionKind.choices)
    section = forms.ModelChoiceField(label=_("所属部分"), queryset=Section.objects.none(), required=False)
    is_required = forms.BooleanField(label=_("必答"), required=False, initial=True)
    measures_satisfaction = forms.BooleanField(label=_("计入满意率"), required=False)
    options = forms.CharField(
        label=_("选项（每行一个；计为满意的选项在行末加 *）"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args, survey=None, **kwargs):
        super().__init__(*args, **kwargs)
        if survey is not None:
            self.fields["section"].queryset = survey.sections.all()

    @staticmethod
    def initial_for(question) -> dict:
        """The form's values for an existing question: options one per line, satisfied ones ending with *."""
        lines = [f"{o.label} *" if o.counts_as_satisfied else o.label for o in question.options.all()]
        return {
            "text": question.text,
            "kind": question.kind,
            "section": question.section_id,
            "is_required": question.is_required,
            "measures_satisfaction": question.measures_satisfaction,
            "options": "\n".join(lines),
        }

    def clean_options(self):
        options = []
        for line in self.cleaned_data["options"].splitlines():
            label = line.strip()
            if label:
                satisfied = label.endswith("*")
                options.append((label.rstrip("*").strip(), satisfied))
        return options


class IssuedForm(forms.Form):
    channel = forms.ChoiceField(label=_("渠道"), choices=SurveyChannel.choices)
    issued = forms.IntegerField(label=_("派发份数"), min_value=0)


class SummaryForm(forms.Form):
    summary = forms.CharField(label=_("结果摘要（公开）"), widget=forms.Textarea(attrs={"rows": 4}))
