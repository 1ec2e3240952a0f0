"""A guide's elements as plain data: what versions store, what changes propose and what drift compares."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import Guide, MaterialForm

# Every element a person edits, with its label for drift and history pages.
FIELD_LABELS = {
    "code": _("事项编码"),
    "name": _("事项名称"),
    "kind": _("事项类型"),
    "life_event": _("人生事件"),
    "basis": _("设定依据"),
    "scope": _("受理范围"),
    "conditions": _("申请条件"),
    "materials": _("申请材料"),
    "fees": _("收费"),
    "statutory_days": _("法定办结时限"),
    "promised_days": _("承诺办结时限"),
    "online_url": _("网上办理地址"),
    "counter_address": _("窗口地址"),
    "counter_hours": _("办理时间"),
    "at_most_once": _("最多跑一次"),
    "fully_online": _("全程网办"),
    "steps": _("办理流程"),
    "contact_phone": _("咨询电话"),
    "complaint_phone": _("投诉电话"),
    "faqs": _("常见问题"),
    "catalog_item": _("目录事项"),
    "record": _("发布信息"),
}
FIELDS = tuple(FIELD_LABELS)
RELATIONS = ("catalog_item", "record")
# A change of these goes through review even on an in-force guide (the legal basis and the statutory limit).
REVIEWED_FIELDS = ("basis", "statutory_days")
# What an adopting town or community sets for itself: not drift from the county's guide.
LOCAL_FIELDS = (
    "code",
    "counter_address",
    "counter_hours",
    "contact_phone",
    "complaint_phone",
    "catalog_item",
    "record",
)


def snapshot(guide: Guide) -> dict:
    data = {key: getattr(guide, key) for key in FIELDS if key not in RELATIONS}
    data.update(catalog_item=guide.catalog_item_id, record=guide.record_id)
    return data


def normalized(data: dict) -> dict:
    """Relations as ids and text stripped, so equal content compares equal."""
    result = {}
    for key in FIELDS:
        value = data.get(key)
        if key in RELATIONS:
            value = getattr(value, "pk", value)
        elif isinstance(value, str):
            value = value.strip()
        result[key] = value
    return result


def changed_fields(before: dict, after: dict) -> list[str]:
    return [key for key in FIELDS if before.get(key) != after.get(key)]


def apply(guide: Guide, data: dict) -> None:
    for key in FIELDS:
        if key in RELATIONS:
            setattr(guide, f"{key}_id", data.get(key))
        else:
            setattr(guide, key, data.get(key))


@dataclass(frozen=True)
class MaterialRow:
    """A material as pages and the printed guide show it."""

    name: str
    form: str
    count: int
    source: str
    required: bool
    condition: str
    template_url: str

    @property
    def form_label(self) -> str:
        return str(MaterialForm(self.form).label) if self.form in MaterialForm.values else self.form


def material_rows(materials: list[dict]) -> list[MaterialRow]:
    return [
        MaterialRow(
            name=material.get("name", ""),
            form=material.get("form", ""),
            count=int(material.get("count") or 1),
            source=material.get("source", ""),
            required=bool(material.get("required", True)),
            condition=material.get("condition", ""),
            template_url=material.get("template_url", ""),
        )
        for material in materials
    ]
