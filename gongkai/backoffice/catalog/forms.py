"""Back-office forms of the catalog; they only turn input into item data, the services validate it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.itemdata import parse_basis, render_basis
from gongkai.catalog.models import Attribute, Audience, Channel, ItemSource, Mode, Stage, WithheldGround
from gongkai.catalog.timelimits import time_limit_warning
from gongkai.orgs.models import Level, Organization


def blank(choices):
    return [("", "—"), *choices]


class ItemForm(forms.Form):
    name = forms.CharField(label=_("事项名称"), max_length=200)
    parent = forms.CharField(label=_("上级事项编码"), required=False, help_text=_("一级事项留空。"))
    domain = forms.ChoiceField(label=_("领域"))
    is_group = forms.BooleanField(label=_("仅作分组（不单列公开要求）"), required=False)
    elements = forms.CharField(label=_("公开内容（要素）"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    basis = forms.CharField(
        label=_("公开依据"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("每行一条，例如：《社会救助暂行办法》第十一条"),
    )
    time_limit = forms.CharField(label=_("公开时限"), required=False, max_length=200)
    responsible_text = forms.CharField(label=_("公开主体"), required=False, max_length=300)
    responsible_orgs = forms.ModelMultipleChoiceField(
        label=_("公开主体机构"), queryset=Organization.objects.none(), required=False
    )
    channels = forms.ModelMultipleChoiceField(
        label=_("公开渠道和载体"), queryset=Channel.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    audience = forms.ChoiceField(label=_("公开对象"), choices=blank(Audience.choices), required=False)
    mode = forms.ChoiceField(label=_("公开方式"), choices=blank(Mode.choices), required=False)
    levels = forms.MultipleChoiceField(
        label=_("公开层级"), choices=Level.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    stage = forms.ChoiceField(label=_("五公开"), choices=blank(Stage.choices), required=False)
    attribute = forms.ChoiceField(label=_("公开属性"), choices=Attribute.choices, initial=Attribute.ACTIVE)
    withheld_ground = forms.ChoiceField(label=_("不予公开依据"), choices=blank(WithheldGround.choices), required=False)
    source = forms.ChoiceField(label=_("事项来源"), choices=blank(ItemSource.choices), required=False)
    source_note = forms.CharField(label=_("来源说明"), required=False, max_length=200)
    note = forms.CharField(label=_("修改说明"), required=False, max_length=300)

    def __init__(self, *args, context, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].choices = [(code, domain.name) for code, domain in context.domains_by_code.items()]
        self.fields["channels"].queryset = Channel.objects.filter(pk__in=list(context.channels_by_id))
        region = context.catalog.organization.region
        self.fields["responsible_orgs"].queryset = Organization.objects.filter(
            is_active=True, region__path__startswith=region.path
        )
        self.time_limit_warning = time_limit_warning(
            self.data.get("time_limit", "") if self.is_bound else self.initial.get("time_limit", "")
        )
        if self.time_limit_warning:  # shown above the form and read out with the field
            self.fields["time_limit"].widget.attrs["aria-describedby"] = "time-limit-warning"

    def item_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("note")
        data["basis"] = parse_basis(data["basis"])
        data["responsible_orgs"] = [org.pk for org in data["responsible_orgs"]]
        data["channels"] = [channel.pk for channel in data["channels"]]
        return data

    @staticmethod
    def initial_from(data: dict) -> dict:
        return {**data, "basis": render_basis(data.get("basis", []))}


class ImportForm(forms.Form):
    file = forms.FileField(label=_("标准目录文件（Excel）"))


class DecisionForm(forms.Form):
    note = forms.CharField(label=_("审批意见"), required=False, max_length=300)


class RetireForm(forms.Form):
    reason = forms.CharField(label=_("废止原因"), max_length=300)


class LocalDomainForm(forms.Form):
    code = forms.CharField(label=_("领域代码"), max_length=12, help_text=_("2至12位大写字母或数字，如 NCZL。"))
    name = forms.CharField(label=_("领域名称"), max_length=50)


class LocalChannelForm(forms.Form):
    name = forms.CharField(label=_("渠道名称"), max_length=60)
