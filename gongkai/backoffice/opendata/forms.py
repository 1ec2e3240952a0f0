"""Forms of the open-data pages. They parse input only (the data items one per line, a file's bytes, a live query's
parameters); `opendata.services` validates and writes."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.models import Domain
from gongkai.opendata.models import Format, Query, ResourceKind, UpdateCycle
from gongkai.opendata.services import FIELD_TYPES
from gongkai.orgs.access import MANAGERS, organizations_for
from gongkai.orgs.models import Organization

FIELD_LINES_HELP = _("每行一项：名称 | 类型 | 说明。类型为 %(types)s 之一。例如：name | string | 名称") % {
    "types": "、".join(FIELD_TYPES)
}
MAX_UPLOAD_BYTES = 50 * 1024 * 1024


def fields_as_lines(fields: list[dict]) -> str:
    return "\n".join(f"{field['name']} | {field['type']} | {field.get('description', '')}" for field in fields)


def parse_field_lines(text: str) -> list[dict]:
    """`名称 | 类型 | 说明` per line; a bad line is reported with its number."""
    fields = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) > 3 or not parts[0]:
            raise forms.ValidationError(
                _("第 %(number)s 行应为“名称 | 类型 | 说明”。") % {"number": number}, code="invalid"
            )
        name, kind, description = (*parts, "", "")[:3]
        if kind not in FIELD_TYPES:
            raise forms.ValidationError(
                _("第 %(number)s 行的类型“%(kind)s”应为 %(types)s 之一。")
                % {"number": number, "kind": kind, "types": "、".join(FIELD_TYPES)},
                code="invalid",
            )
        fields.append({"name": name, "type": kind, "description": description})
    if not fields:
        raise forms.ValidationError(_("请至少填写一个数据项。"), code="required")
    return fields


class DatasetForm(forms.Form):
    slug = forms.CharField(
        label=_("标识"),
        max_length=80,
        validators=[
            RegexValidator(r"^[a-z0-9]+(-[a-z0-9]+)*$", _("标识只能包含小写字母、数字和连字符，例如 service-sites。"))
        ],
        help_text=_("用于网址和 data.json，创建后不能修改。"),
    )
    publisher = forms.ModelChoiceField(label=_("提供机构"), queryset=Organization.objects.none())
    title = forms.CharField(label=_("名称"), max_length=200)
    domain = forms.ModelChoiceField(label=_("领域"), queryset=Domain.objects.none(), required=False)
    description = forms.CharField(label=_("数据摘要"), widget=forms.Textarea(attrs={"rows": 3}))
    keywords = forms.CharField(label=_("关键词"), max_length=200, required=False, help_text=_("以空格或顿号分隔。"))
    update_cycle = forms.ChoiceField(label=_("更新周期"), choices=UpdateCycle.choices)
    updated_on = forms.DateField(
        label=_("数据更新日期"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("请按 2026-01-31 的格式填写日期。")},
    )
    field_lines = forms.CharField(
        label=_("数据项"), widget=forms.Textarea(attrs={"rows": 8}), help_text=FIELD_LINES_HELP
    )
    licence = forms.CharField(label=_("开放协议"), max_length=200, initial="CC BY 4.0")
    contact = forms.CharField(label=_("联系方式"), max_length=200, help_text=_("数据提供科室和电话。"))

    def __init__(self, *args, person, dataset=None, **kwargs):
        if dataset is not None:
            kwargs.setdefault("initial", {}).update(
                {key: getattr(dataset, key) for key in ("title", "description", "keywords", "update_cycle")}
                | {"updated_on": dataset.updated_on, "licence": dataset.licence, "contact": dataset.contact}
                | {"domain": dataset.domain_id, "field_lines": fields_as_lines(dataset.fields)}
            )
        super().__init__(*args, **kwargs)
        self.fields["domain"].queryset = Domain.objects.filter(is_active=True)
        if dataset is not None:  # the slug and the publisher never change
            del self.fields["slug"], self.fields["publisher"]
        else:
            self.fields["publisher"].queryset = organizations_for(person, MANAGERS).filter(is_active=True)

    def clean_field_lines(self):
        return parse_field_lines(self.cleaned_data["field_lines"])

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["fields"] = data.pop("field_lines")
        data.pop("slug", None), data.pop("publisher", None)
        return data


class ResourceForm(forms.Form):
    name = forms.CharField(label=_("资源名称"), max_length=200, help_text=_("例如“服务网点（CSV）”。"))
    format = forms.ChoiceField(label=_("格式"), choices=Format.choices)
    kind = forms.ChoiceField(label=_("类型"), choices=ResourceKind.choices, widget=forms.RadioSelect)
    file = forms.FileField(label=_("文件"), required=False, help_text=_("类型为“文件”时上传，不超过 50 MB。"))
    query = forms.ChoiceField(
        label=_("实时查询"),
        choices=[("", "—"), *Query.choices],
        required=False,
        help_text=_("类型为“接口查询”时选择。"),
    )
    organization = forms.ModelChoiceField(
        label=_("查询参数：机构"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("标准目录公开事项必填；其他查询留空表示全部机构。"),
    )
    column = forms.CharField(label=_("查询参数：栏目标识"), max_length=60, required=False)
    year = forms.IntegerField(
        label=_("查询参数：年度"),
        required=False,
        min_value=2000,
        max_value=2099,
        error_messages={"invalid": _("年度应为四位数字。")},
    )
    category = forms.CharField(label=_("查询参数：服务点分类代码"), max_length=40, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(is_active=True).order_by(
            "region__path", "sort_order", "id"
        )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is not None and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("文件超过 50 MB。"), code="too_large")
        return upload

    def clean(self):
        data = super().clean()
        if data.get("kind") == ResourceKind.FILE and not data.get("file"):
            self.add_error("file", _("请选择要上传的文件。"))
        if data.get("kind") == ResourceKind.QUERY and not data.get("query"):
            self.add_error("query", _("请选择实时查询。"))
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        arguments = {"name": data["name"], "format": data["format"]}
        if data["kind"] == ResourceKind.FILE:
            arguments["data"] = data["file"].read()
            return arguments
        parameters = {key: data.get(key) for key in ("organization", "column", "year", "category")}
        if parameters["organization"] is not None:
            parameters["organization"] = parameters["organization"].pk
        arguments["query"] = data["query"]
        arguments["parameters"] = {key: value for key, value in parameters.items() if value not in (None, "")}
        return arguments


class ReplaceFileForm(forms.Form):
    file = forms.FileField(label=_("新文件"), help_text=_("上传后数据更新日期记为今天。"))


class RetireForm(forms.Form):
    reason = forms.CharField(label=_("停止开放的原因"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
