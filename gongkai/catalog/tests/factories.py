"""Test helpers for the catalog: valid item data and items made through the services."""

from gongkai.catalog.models import Channel
from gongkai.catalog.services import create_item, ensure_catalog


def channel_ids(*names: str) -> list[int]:
    return list(Channel.objects.filter(name__in=names, organization=None).values_list("pk", flat=True))


def item_data(**overrides) -> dict:
    """Data of a valid 社会救助 item (最低生活保障 / 办事指南), as a clerk would fill it in."""
    data = {
        "name": "办事指南",
        "parent": "",
        "domain": "SHJZ",
        "elements": "办理事项、办理条件、最低生活保障标准、申请材料、办理流程、办理时间地点、联系方式",
        "basis": [{"document": "《社会救助暂行办法》（国务院令第649号）", "articles": "第十一条"}],
        "time_limit": "制定或获取信息之日起10个工作日内",
        "responsible_text": "县级民政部门、乡镇政府（街道办事处）",
        "responsible_orgs": [],
        "channels": channel_ids("政府网站", "政务服务中心"),
        "audience": "public",
        "mode": "active",
        "levels": ["county", "township"],
        "stage": "service",
        "attribute": "active",
        "withheld_ground": "",
        "source": "service_list",
        "source_note": "",
    }
    data.update(overrides)
    return data


def group_data(name: str, domain: str = "SHJZ", parent: str = "") -> dict:
    return {"name": name, "domain": domain, "parent": parent, "is_group": True}


def make_tree(catalog, actor):
    """最低生活保障 (group) → 办事指南, 审核信息 in force in `catalog`; returns (group, guide, review)."""
    group = create_item(catalog=catalog, actor=actor, data=group_data("最低生活保障"))
    guide = create_item(catalog=catalog, actor=actor, data=item_data(parent=group.code))
    review = create_item(
        catalog=catalog,
        actor=actor,
        data=item_data(
            name="审核信息",
            parent=group.code,
            elements="初审对象名单及相关信息",
            time_limit="10个工作日内，公示7个工作日",
            channels=channel_ids("社区/企事业单位/村公示栏（电子屏）"),
            levels=["township", "village"],
            stage="result",
        ),
    )
    return group, guide, review


def catalog_of(organization):
    return ensure_catalog(organization=organization)
