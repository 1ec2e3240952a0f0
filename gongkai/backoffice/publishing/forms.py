"""Forms of the back-office publishing pages. They only parse input; the services decide."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.backoffice.pickers import ItemPickerField, column_choices
from gongkai.catalog.models import Channel
from gongkai.publishing.models import Column, Record, Stage, Validity
from gongkai.publishing.selectors import interpretable_policies

RECORD_FIELDS = [
    "title", "doc_number", "written_on", "genre", "subject_category", "keywords", "summary", "body", "attribute",
    "withheld_ground", "stage", "items", "columns", "channels", "validity", "effective_on", "expired_on",
    "repealed_on", "display_until", "decision_count", "fee_amount", "interprets", "interpretation_kind",
    "long_description", "transcript", "needs_interpretation", "event_on",
]  # fmt: skip
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RichTextarea(forms.Textarea):
    """The body field: a textarea that takes HTML or plain text; `backoffice/publishing/editor.js` turns it into
    the rich-text editor when JavaScript runs. The server cleans whatever arrives."""

    def __init__(self, attrs=None):
        defaults = {"rows": 18, "data-rich-text": "", "data-paste-failed": _("粘贴内容清理失败，请重试。")}
        super().__init__({**defaults, **(attrs or {})})


class RecordForm(forms.ModelForm):
    class Meta:
        model = Record
        fields = RECORD_FIELDS
        widgets = {
            "written_on": DATE_WIDGET,
            "effective_on": DATE_WIDGET,
            "expired_on": DATE_WIDGET,
            "repealed_on": DATE_WIDGET,
            "display_until": DATE_WIDGET,
            "event_on": DATE_WIDGET,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "long_description": forms.Textarea(attrs={"rows": 6}),
            "transcript": forms.Textarea(attrs={"rows": 8}),
            "body": RichTextarea(),
            "items": forms.SelectMultiple(attrs={"size": 8}),
            "columns": forms.SelectMultiple(attrs={"size": 8}),
            "channels": forms.CheckboxSelectMultiple,
        }

    docx = forms.FileField(
        label=_("从 Word 文档导入正文"),
        required=False,
        help_text=_("选择 .docx 文档后点“导入正文”：转换结果放入正文供核对，点“保存”后才保存。"),
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        names = [name for name in self.fields if name != "docx"]
        self.order_fields([*names[: names.index("body") + 1], "docx"])
        self.fields["body"].help_text = _(
            "可直接从 Word、WPS 粘贴，格式会自动清理；图片须填写图片说明。没有编辑器时可输入纯文本，每行一段。"
        )
        self.fields["columns"].queryset = Column.objects.filter(organization=organization, is_active=True).order_by(
            "sort_order"
        )
        self.fields["channels"].queryset = Channel.objects.filter(
            Q(organization=None) | Q(organization=organization)
        ).order_by("-is_standard", "sort_order")
        self.fields["interprets"].queryset = interpretable_policies(
            [organization.pk, *([organization.parent_id] if organization.parent_id else [])]
        )
        self.fields["stage"].help_text = _("留空时取关联公开事项的五公开环节。")
        # Forms posted before the field existed (and records that are not interpretations) stay 文字解读.
        self.fields["interpretation_kind"].required = False
        self.use_pickers(organization)

    def use_pickers(self, organization) -> None:
        """Items through the searchable picker (one entry per usable item); columns as a tree of checkboxes."""
        items = self.fields["items"]
        linked = list(self.instance.items.values_list("pk", flat=True)) if self.instance.pk else []
        self.fields["items"] = ItemPickerField(
            organization=organization,
            linked=linked,
            label=items.label,
            required=items.required,
            help_text=items.help_text,
        )
        columns = self.fields["columns"]
        columns.widget = forms.CheckboxSelectMultiple()
        columns.choices = column_choices(columns.queryset.select_related("parent"))

    def service_fields(self) -> dict:
        """The cleaned data as keyword arguments of create_record / update_record / correct_record."""
        fields = {name: self.cleaned_data[name] for name in RECORD_FIELDS if name in self.cleaned_data}
        if not fields.get("interpretation_kind"):
            fields.pop("interpretation_kind", None)
        return fields


class CreateRecordForm(RecordForm):
    organization = forms.ModelChoiceField(queryset=None, label=_("发布机构"))

    class Meta(RecordForm.Meta):
        fields = ["organization", *RECORD_FIELDS]

    def __init__(self, *args, organizations, organization, **kwargs):
        super().__init__(*args, organization=organization, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["organization"].initial = organization


class CorrectRecordForm(RecordForm):
    change_note = forms.CharField(
        label=_("更正说明"), widget=forms.Textarea(attrs={"rows": 3}), help_text=_("将在信息页面上向公众公开。")
    )


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}))


class PublishForm(forms.Form):
    at = forms.DateTimeField(
        label=_("定时发布时间"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("留空表示立即发布。"),
    )


class ValidityForm(forms.Form):
    validity = forms.ChoiceField(label=_("有效性"), choices=Validity.choices)
    on = forms.DateField(label=_("日期"), required=False, widget=DATE_WIDGET)
    note = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    replaced_by = forms.CharField(
        label=_("替代文件的索引号（可不填）"), required=False, max_length=64, help_text=_("取代本文件的新文件的索引号")
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("附件"),
        help_text=_("PDF、Word（.docx）、Excel（.xlsx）或 PNG/JPEG/GIF 图片；视频解读还可上传 MP4/WebM 视频。"),
    )


class ColumnForm(forms.ModelForm):
    class Meta:
        model = Column
        fields = ["parent", "slug", "name", "description", "sort_order"]

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Column.objects.filter(organization=organization, is_active=True)


class PatternForm(forms.Form):
    pattern = forms.CharField(label=_("索引号格式"), max_length=100)


class FilterForm(forms.Form):
    q = forms.CharField(label=_("标题或文号"), required=False)
    organization = forms.ModelChoiceField(label=_("机构"), queryset=None, required=False)
    status = forms.ChoiceField(label=_("状态"), required=False)
    stage = forms.ChoiceField(label=_("五公开"), required=False, choices=[("", _("全部")), *Stage.choices])

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        from gongkai.publishing.models import RecordStatus

        self.fields["organization"].queryset = organizations
        self.fields["status"].choices = [("", _("全部")), *RecordStatus.choices]


class InterpretationGenresForm(forms.Form):
    """The genres the office of one region marks as published only with a policy interpretation (三同步)."""

    genres = forms.MultipleChoiceField(
        label=_("本地区另行标记的体裁"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["genres"].choices = choices
        self.fields["genres"].error_messages["invalid_choice"] = _("体裁“%(value)s”不能标记，请从列表中选择。")
