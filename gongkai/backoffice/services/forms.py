"""Forms of the back-office services pages. They only parse input; the services validate and write."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.models import Item, ItemStatus
from gongkai.core.errors import DomainError
from gongkai.services.models import (
    Accessibility,
    CoordinateSystem,
    LifeEvent,
    PackageKind,
    ServiceKind,
    SiteCategory,
)

from . import lines

TEXTAREA = forms.Textarea(attrs={"rows": 4})
LINES = forms.Textarea(attrs={"rows": 6, "class": "lines"})


def show_error(form: forms.Form, error: DomainError) -> None:
    """Put a service's error on the field it names, or on the whole form; every problem when there are several."""
    problems = getattr(error, "problems", None) or [error]
    for problem in problems:
        field = getattr(problem, "field", None)
        form.add_error(field if field in form.fields else None, problem.message)


class GuideForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("实施机构"), queryset=None)
    code = forms.CharField(label=_("事项编码"), max_length=48)
    name = forms.CharField(label=_("事项名称"), max_length=200)
    kind = forms.ChoiceField(label=_("事项类型"), choices=ServiceKind.choices)
    life_event = forms.ChoiceField(label=_("人生事件"), choices=[("", "—"), *LifeEvent.choices], required=False)
    basis = forms.CharField(label=_("设定依据"), widget=TEXTAREA, required=False)
    scope = forms.CharField(label=_("受理范围"), widget=TEXTAREA, required=False)
    conditions = forms.CharField(label=_("申请条件"), widget=TEXTAREA, required=False)
    materials = forms.CharField(
        label=_("申请材料"),
        widget=LINES,
        required=False,
        help_text=_(
            "每行一项：名称 | 原件/复印件/原件和复印件/电子材料 | 份数 | 来源 | "
            "必要（或需要提交的情形） | 样表链接（可空）"
        ),
    )
    fees = forms.CharField(
        label=_("收费"), widget=LINES, required=False, help_text=_("每行一项：项目 | 标准 | 依据。不收费请留空。")
    )
    statutory_days = forms.IntegerField(label=_("法定办结时限（工作日）"), min_value=1, required=False)
    promised_days = forms.IntegerField(label=_("承诺办结时限（工作日）"), min_value=0, required=False)
    online_url = forms.URLField(label=_("网上办理地址"), required=False, assume_scheme="https")
    counter_address = forms.CharField(label=_("窗口地址"), max_length=300, required=False)
    counter_hours = forms.CharField(label=_("办理时间"), max_length=200, required=False)
    at_most_once = forms.BooleanField(label=_("最多跑一次"), required=False)
    fully_online = forms.BooleanField(label=_("全程网办"), required=False)
    steps = forms.CharField(
        label=_("办理流程"),
        widget=LINES,
        required=False,
        help_text=_("每行一个环节：环节 | 办理人员或机构 | 办理内容 | 时限（工作日，0为即时办结）"),
    )
    contact_phone = forms.CharField(label=_("咨询电话"), max_length=50, required=False)
    complaint_phone = forms.CharField(label=_("投诉电话"), max_length=50, required=False)
    faqs = forms.CharField(label=_("常见问题"), widget=LINES, required=False, help_text=_("每行一问：问题 | 解答"))
    catalog_item = forms.ModelChoiceField(label=_("目录事项（办事指南）"), queryset=None, required=False)
    record = forms.IntegerField(
        label=_("发布信息编号"),
        min_value=1,
        required=False,
        help_text=_("公开本指南的政府信息在信息发布中的编号（可空）。"),
    )
    note = forms.CharField(label=_("修改说明"), max_length=300, required=False)

    def __init__(self, *args, organizations, guide=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        if guide is not None:
            self.fields["organization"].disabled = True
            self.initial.update(initial_for(guide))
        catalogs = Q(catalog__organization__in=organizations) | Q(catalog__organization__children__in=organizations)
        items = Item.objects.filter(catalogs, status=ItemStatus.IN_FORCE, name__contains="办事指南").distinct()
        self.fields["catalog_item"].queryset = items.select_related("parent", "domain")
        self.fields["catalog_item"].label_from_instance = lambda item: f"{item.code} {item.parent or ''} {item.name}"

    def clean_materials(self):
        return lines.parse_materials(self.cleaned_data["materials"])

    def clean_fees(self):
        return lines.parse_fees(self.cleaned_data["fees"])

    def clean_steps(self):
        return lines.parse_steps(self.cleaned_data["steps"])

    def clean_faqs(self):
        return lines.parse_faqs(self.cleaned_data["faqs"])

    def guide_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("organization", None)
        data.pop("note", None)
        return data


def initial_for(guide) -> dict:
    initial = {
        key: getattr(guide, key)
        for key in (
            "code",
            "name",
            "kind",
            "life_event",
            "basis",
            "scope",
            "conditions",
            "statutory_days",
            "promised_days",
            "online_url",
            "counter_address",
            "counter_hours",
            "at_most_once",
            "fully_online",
            "contact_phone",
            "complaint_phone",
        )
    }
    initial.update(
        organization=guide.organization_id,
        materials=lines.format_materials(guide.materials),
        fees=lines.format_fees(guide.fees),
        steps=lines.format_steps(guide.steps),
        faqs=lines.format_faqs(guide.faqs),
        catalog_item=guide.catalog_item_id,
        record=guide.record_id,
    )
    return initial


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}))


class AdoptForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("采用机构"), queryset=None)
    counter_address = forms.CharField(label=_("本地窗口地址"), max_length=300)
    counter_hours = forms.CharField(label=_("本地办理时间"), max_length=200)
    contact_phone = forms.CharField(label=_("本地咨询电话"), max_length=50)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class PackageForm(forms.Form):
    slug = forms.SlugField(label=_("网址标识"), max_length=60, help_text=_("英文字母、数字和连字符，如 elderly。"))
    title = forms.CharField(label=_("名称"), max_length=100)
    kind = forms.ChoiceField(label=_("分类方式"), choices=PackageKind.choices)
    audience = forms.CharField(label=_("服务人群"), max_length=50, required=False)
    life_event = forms.ChoiceField(label=_("人生事件"), choices=[("", "—"), *LifeEvent.choices], required=False)
    introduction = forms.CharField(label=_("导语"), widget=TEXTAREA)
    sort_order = forms.IntegerField(label=_("排序"), min_value=0, initial=0)
    is_published = forms.BooleanField(label=_("在门户发布"), required=False)
    entries = forms.CharField(
        label=_("条目"),
        widget=LINES,
        help_text=_(
            "每行一项，按顺序：办事指南写“指南 事项编码”，政策文件写“文件 信息编号”，"
            "目录事项写“事项 统一编码”；可在后面加“| 说明”。"
        ),
    )


class CompositeForm(forms.Form):
    slug = forms.SlugField(label=_("网址标识"), max_length=60)
    name = forms.CharField(label=_("名称"), max_length=100)
    life_event = forms.ChoiceField(label=_("人生事件"), choices=[("", "—"), *LifeEvent.choices], required=False)
    introduction = forms.CharField(label=_("导语"), widget=TEXTAREA)
    is_published = forms.BooleanField(label=_("在门户发布"), required=False)
    guides = forms.CharField(label=_("办事指南"), widget=LINES, help_text=_("每行一个事项编码，按办理顺序。"))


class CategoryForm(forms.Form):
    code = forms.SlugField(label=_("代码"), max_length=40)
    name = forms.CharField(label=_("名称"), max_length=50)
    parent = forms.ModelChoiceField(
        label=_("上级分类"), queryset=None, required=False, help_text=_("留空为大类；选择大类则为其下的小类。")
    )
    sort_order = forms.IntegerField(label=_("排序"), min_value=0, initial=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = SiteCategory.objects.filter(parent__isnull=True)


class SiteForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("管理机构"), queryset=None)
    category = forms.ModelChoiceField(label=_("分类（小类）"), queryset=None)
    name = forms.CharField(label=_("名称"), max_length=150)
    address = forms.CharField(label=_("地址"), max_length=300)
    coordinate_system = forms.ChoiceField(
        label=_("坐标来源"),
        choices=CoordinateSystem.choices,
        help_text=_("从高德、腾讯地图复制的坐标请选 GCJ-02，系统会换算为 CGCS2000 保存。"),
    )
    latitude = forms.DecimalField(label=_("纬度"), max_digits=20, decimal_places=15)
    longitude = forms.DecimalField(label=_("经度"), max_digits=20, decimal_places=15)
    hours = forms.CharField(label=_("开放时间"), max_length=200, required=False)
    contact_person = forms.CharField(label=_("联系人"), max_length=50, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=50, required=False)
    services = forms.CharField(label=_("服务内容"), widget=TEXTAREA, required=False, help_text=_("每行一项。"))
    accessibility = forms.MultipleChoiceField(
        label=_("无障碍设施"), choices=Accessibility.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    is_disclosure_point = forms.BooleanField(label=_("政府信息公开查阅点"), required=False)
    is_active = forms.BooleanField(label=_("有效"), required=False, initial=True)

    def __init__(self, *args, organizations, site=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["category"].queryset = SiteCategory.objects.filter(parent__isnull=False).select_related("parent")
        self.fields["category"].label_from_instance = lambda category: f"{category.parent.name} › {category.name}"
        if site is not None:
            self.fields["organization"].disabled = True
            self.initial.update(
                {
                    key: getattr(site, key)
                    for key in (
                        "name",
                        "address",
                        "latitude",
                        "longitude",
                        "hours",
                        "contact_person",
                        "phone",
                        "services",
                        "accessibility",
                        "is_disclosure_point",
                        "is_active",
                    )
                }
            )
            self.initial.update(
                organization=site.organization_id,
                category=site.category_id,
                coordinate_system=CoordinateSystem.CGCS2000,
            )


class PhotoForm(forms.Form):
    image = forms.FileField(label=_("照片（PNG 或 JPEG）"))
    description = forms.CharField(label=_("图片说明"), max_length=150)
