"""Forms of the village back office: short, with choices instead of typing wherever possible (used on phones)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.villages.models import (
    IssueCategory,
    IssueChannel,
    LineDirection,
    ObjectionOutcome,
    PeriodKind,
    PublicityKind,
)

STAFF_CHANNELS = [choice for choice in IssueChannel.choices if choice[0] != IssueChannel.PORTAL]


class IssueForm(forms.Form):
    village = forms.ModelChoiceField(label=_("所在村（社区）"), queryset=None, empty_label=_("请选择村（社区）"))
    channel = forms.ChoiceField(label=_("来源"), choices=STAFF_CHANNELS, initial=IssueChannel.GRID)
    category = forms.ChoiceField(label=_("类别"), choices=IssueCategory.choices)
    title = forms.CharField(label=_("诉求标题"), max_length=100)
    description = forms.CharField(label=_("诉求内容"), widget=forms.Textarea(attrs={"rows": 4}))
    location = forms.CharField(label=_("地点"), max_length=200, required=False)
    reporter_name = forms.CharField(label=_("反映人"), max_length=50)
    reporter_phone = forms.CharField(
        label=_("联系电话"), max_length=30, widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"})
    )
    photo = forms.FileField(
        label=_("现场照片"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
        help_text=_("可直接用手机拍照；照片会自动缩小并去除位置信息。"),
    )

    def __init__(self, *args, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages
        if villages.count() == 1:
            self.fields["village"].initial = villages.first()


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label=_("现场照片"), widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"})
    )


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("承办单位"), queryset=None, empty_label=_("请选择承办单位"))
    note = forms.CharField(label=_("分派说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, assignees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignees


class PublicityForm(forms.Form):
    title = forms.CharField(label=_("公示标题"), max_length=200)
    kind = forms.ChoiceField(label=_("公示类型"), choices=PublicityKind.choices)
    working_days = forms.IntegerField(label=_("公示期（工作日）"), min_value=1, max_value=60, initial=7)
    body = forms.CharField(label=_("公示说明"), widget=forms.Textarea(attrs={"rows": 4}))
    entries = forms.CharField(
        label=_("公示名单"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("每行一人：姓名，身份证号，住址，公示内容（用逗号分隔，后三项可空）。公开时自动脱敏。"),
    )

    def entry_rows(self) -> list[dict]:
        rows = []
        for line in self.cleaned_data["entries"].splitlines():
            parts = [part.strip() for part in line.replace("，", ",").split(",")]
            if not any(parts):
                continue
            parts += [""] * (4 - len(parts))
            rows.append({"name": parts[0], "id_number": parts[1], "address": parts[2], "detail": ",".join(parts[3:])})
        return rows


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(label=_("核查结果"), choices=ObjectionOutcome.choices)
    answer = forms.CharField(label=_("答复"), widget=forms.Textarea(attrs={"rows": 3}))


class ResultForm(forms.Form):
    result = forms.CharField(
        label=_("公示结果"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("无异议时可留空，系统显示“公示期满，无异议。”"),
    )


class StatementForm(forms.Form):
    period_kind = forms.ChoiceField(label=_("公开周期"), choices=PeriodKind.choices, initial=PeriodKind.QUARTER)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    period = forms.IntegerField(label=_("月份或季度"), min_value=1, max_value=12)
    opening_balance = forms.DecimalField(label=_("期初余额（元）"), max_digits=14, decimal_places=2)
    income_total = forms.DecimalField(label=_("收入合计（元）"), max_digits=14, decimal_places=2)
    expense_total = forms.DecimalField(label=_("支出合计（元）"), max_digits=14, decimal_places=2)
    closing_balance = forms.DecimalField(label=_("期末余额（元）"), max_digits=14, decimal_places=2)

    LINE_COUNT = 8

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number in range(1, self.LINE_COUNT + 1):
            self.fields[f"direction_{number}"] = forms.ChoiceField(
                label=_("收支"), choices=[("", "—"), *LineDirection.choices], required=False
            )
            self.fields[f"subject_{number}"] = forms.CharField(label=_("科目"), max_length=100, required=False)
            self.fields[f"amount_{number}"] = forms.DecimalField(
                label=_("金额"), max_digits=14, decimal_places=2, required=False
            )

    def line_rows(self) -> list[tuple]:
        return [
            (self[f"direction_{n}"], self[f"subject_{n}"], self[f"amount_{n}"]) for n in range(1, self.LINE_COUNT + 1)
        ]

    def lines(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {"direction": data[f"direction_{n}"], "subject": data[f"subject_{n}"], "amount": data[f"amount_{n}"]}
            for n in range(1, self.LINE_COUNT + 1)
            if data.get(f"direction_{n}") or data.get(f"subject_{n}") or data.get(f"amount_{n}") is not None
        ]


class ImportForm(forms.Form):
    period_kind = forms.ChoiceField(label=_("公开周期"), choices=PeriodKind.choices, initial=PeriodKind.QUARTER)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    period = forms.IntegerField(label=_("月份或季度"), min_value=1, max_value=12)
    file = forms.FileField(label=_("财务软件导出的 .xlsx"), help_text=_("第1行表头：收支、科目、金额、摘要。"))
