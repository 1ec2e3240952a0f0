"""Every validation rule of an item, with its exact message; a refused item leaves nothing behind."""

import pytest

from gongkai.catalog.errors import ItemInvalid
from gongkai.catalog.models import Item
from gongkai.catalog.services import create_item
from gongkai.core.models import AuditEntry

from .factories import catalog_of, item_data


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": " "}, "name", "事项名称不能为空。"),
        ({"name": "长" * 201}, "name", "事项名称不能超过200个字。"),
        ({"domain": "NOPE"}, "domain", "领域“NOPE”不存在：请使用26个国家试点领域之一或本机构已添加的地方领域。"),
        ({"parent": "X-1"}, "parent", "上级事项“X-1”不在本目录中或已废止。"),
        ({"elements": ""}, "elements", "请填写公开内容（要素）。"),
        ({"basis": []}, "basis", "请至少填写一条公开依据。"),
        ({"responsible_text": ""}, "responsible_text", "请填写公开主体。"),
        ({"responsible_orgs": [999999]}, "responsible_orgs", "所选公开主体机构不存在或已停用。"),
        ({"channels": [999999]}, "channels", "所选公开渠道不属于本目录可用的渠道。"),
        ({"time_limit": ""}, "time_limit", "请填写公开时限。"),
        ({"channels": []}, "channels", "请至少选择一个公开渠道和载体。"),
        ({"audience": ""}, "audience", "请勾选公开对象（全社会或特定群体）。"),
        ({"mode": ""}, "mode", "请勾选公开方式（主动或依申请）。"),
        ({"mode": "on_request"}, "mode", "公开属性为“主动公开”时，公开方式应为“主动”。"),
        ({"attribute": "on_request"}, "mode", "公开属性为“依申请公开”时，公开方式应为“依申请”。"),
        ({"levels": []}, "levels", "请至少勾选一个公开层级（县级、乡级、村级）。"),
        ({"stage": "later"}, "stage", "五公开的值“later”无效。"),
        (
            {"attribute": "withheld"},
            "withheld_ground",
            "不予公开的事项必须写明不予公开依据（《条例》第十四、十五、十六条所列情形）。",
        ),
        (
            {"withheld_ground": "art15_third_party"},
            "withheld_ground",
            "只有公开属性为“不予公开”的事项才填写不予公开依据。",
        ),
    ],
)
def test_each_rule_refuses_with_its_message(department, office, overrides, field, message):
    catalog = catalog_of(department)
    entries_before = AuditEntry.objects.count()
    with pytest.raises(ItemInvalid) as error:
        create_item(catalog=catalog, actor=office, data=item_data(**overrides))
    assert [(problem.field, problem.message) for problem in error.value.problems] == [(field, message)]
    assert not Item.objects.exists()
    assert AuditEntry.objects.count() == entries_before


def test_sibling_names_are_unique(department, office):
    catalog = catalog_of(department)
    first = create_item(catalog=catalog, actor=office, data=item_data())
    with pytest.raises(ItemInvalid) as error:
        create_item(catalog=catalog, actor=office, data=item_data())
    assert error.value.message == f"同一上级事项下已有名为“办事指南”的事项（编码{first.code}），事项名称不能重复。"


def test_child_must_be_in_its_parents_domain(department, office):
    catalog = catalog_of(department)
    parent = create_item(catalog=catalog, actor=office, data={"name": "低保", "domain": "SHJZ", "is_group": True})
    with pytest.raises(ItemInvalid) as error:
        create_item(catalog=catalog, actor=office, data=item_data(parent=parent.code, domain="YLFW"))
    assert error.value.message == "上级事项“低保”属于“社会救助”领域，下级事项必须在同一领域。"


def test_a_withheld_item_needs_no_channels_or_time_limit(department, office):
    catalog = catalog_of(department)
    item = create_item(
        catalog=catalog,
        actor=office,
        data=item_data(
            name="低保对象家庭财产核查明细",
            attribute="withheld",
            withheld_ground="art15_third_party",
            mode="",
            audience="",
            channels=[],
            time_limit="",
            levels=[],
        ),
    )
    assert item.get_withheld_ground_display().startswith("第十五条")


def test_a_group_item_needs_only_a_name_and_domain(department, office):
    item = create_item(
        catalog=catalog_of(department), actor=office, data={"name": "综合业务", "domain": "SHJZ", "is_group": True}
    )
    assert item.is_group
