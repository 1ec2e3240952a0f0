"""The portal search form: the query, the filters and the order, read from the query string."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.models import Domain, Stage
from gongkai.orgs.models import Organization
from gongkai.publishing.models import Validity
from gongkai.publishing.standard_columns import walk
from gongkai.search.documents import SORT_DATE, SORT_RELEVANCE, SearchFilters

FILE_TYPES = [("pdf", "PDF"), ("docx", "Word"), ("xlsx", "Excel"), ("jpg", _("图片（JPG）")), ("png", _("图片（PNG）"))]
KINDS = [("record", _("政府信息")), ("item", _("公开事项")), ("guide", _("办事指南"))]


def with_any(choices) -> list:
    return [("", _("不限")), *choices]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("关键词"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("类型"), required=False, choices=with_any(KINDS))
    org = forms.TypedChoiceField(label=_("发布机构"), required=False, coerce=int, empty_value=None)
    column = forms.ChoiceField(label=_("栏目"), required=False)
    domain = forms.ChoiceField(label=_("领域"), required=False)
    stage = forms.ChoiceField(label=_("五公开"), required=False, choices=with_any(Stage.choices))
    validity = forms.ChoiceField(label=_("有效性"), required=False, choices=with_any(Validity.choices))
    type = forms.ChoiceField(label=_("附件类型"), required=False, choices=with_any(FILE_TYPES))
    start = forms.DateField(label=_("发布日期自"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("至"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    sort = forms.ChoiceField(
        label=_("排序"),
        required=False,
        choices=[(SORT_RELEVANCE, _("按相关度")), (SORT_DATE, _("按日期"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organizations = Organization.objects.filter(is_active=True).order_by("region__path", "sort_order", "id")
        self.fields["org"].choices = with_any([(org.pk, org.name) for org in organizations])
        domains = Domain.objects.filter(is_active=True).order_by("-is_national", "sort_order", "code")
        self.fields["domain"].choices = with_any([(domain.code, domain.name) for domain in domains])
        self.fields["column"].choices = with_any(
            [(column.slug, column.name) for _parent, column in walk() if column.kind != "stage"]
        )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("截止日期不能早于起始日期。"))
        return data

    def filters(self) -> SearchFilters:
        data = self.cleaned_data
        return SearchFilters(
            kind=data.get("kind") or "",
            organization=str(data["org"]) if data.get("org") else "",
            column=data.get("column") or "",
            domain=data.get("domain") or "",
            stage=data.get("stage") or "",
            validity=data.get("validity") or "",
            file_type=data.get("type") or "",
            date_from=data.get("start"),
            date_to=data.get("end"),
        )
