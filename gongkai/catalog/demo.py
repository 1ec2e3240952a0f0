"""The catalog step of `gongkai demo`: the district's standard catalog (ten domains, several hundred items),
adopted by every town and street and by one village or community in each, a few retired items and a change
waiting for the office's approval.

Idempotent: the catalog is written as a national-template workbook and imported (re-importing matches items by
their 事项 path and finds nothing to change); retirements, adoptions and the pending change are made only when
missing.
"""

import io

from openpyxl import Workbook

from gongkai.orgs.demo import staff_of

from .demo_data import PENDING_CHANGE, PLANS, RETIRED, Row
from .importing import import_catalog
from .itemdata import snapshot
from .models import ChangeSet, Item, ItemStatus
from .selectors import adoptable_items
from .services import adopt_items, create_item, ensure_catalog, retire_item, update_item
from .template import COLUMNS, NOT_SELECTED, SELECTED, TICK
from .validation import CatalogContext

STANDARD_CHANNELS = [
    "政府网站",
    "政府公报",
    "两微一端",
    "发布会/听证会",
    "广播电视",
    "纸质媒体",
    "公开查阅点",
    "政务服务中心",
    "便民服务站",
    "入户/现场",
    "社区/企事业单位/村公示栏（电子屏）",
    "精准推送",
    "其他",
]
PENDING_NOTE = "审核信息公示后增加报送环节"


def responsible_text(row: Row, department) -> str:
    if "township" in row.levels or "village" in row.levels:
        return f"{department.name}、各镇人民政府（街道办事处）"
    return department.name


def channel_text(channels: tuple) -> str:
    marks = [f"{SELECTED if name in channels else NOT_SELECTED}{name}" for name in STANDARD_CHANNELS]
    return " ".join(marks + [f"{SELECTED}{name}" for name in channels if name not in STANDARD_CHANNELS])


def sheet_row(number: int, programme: str, row: Row, department) -> list:
    tick = lambda condition: TICK if condition else ""  # noqa: E731
    values = {
        "seq": number,
        "level1": programme,
        "level2": row.name,
        "elements": row.elements,
        "basis": row.basis.replace("；", "\n"),
        "time_limit": row.time_limit,
        "responsible": responsible_text(row, department),
        "channels": channel_text(row.channels),
        "audience_public": tick(row.audience == "public"),
        "audience_group": tick(row.audience == "group"),
        "mode_active": tick(row.attribute == "active"),
        "level_county": tick("county" in row.levels),
        "level_township": tick("township" in row.levels),
        "level_village": tick("village" in row.levels),
        "stage": {"decision": "决策", "execution": "执行", "management": "管理", "service": "服务", "result": "结果"}[
            row.stage
        ],
        "attribute": {"active": "主动公开", "不予公开": "不予公开"}[row.attribute],
        "withheld_ground": row.ground,
        "source": row.source,
    }
    return [values.get(column.key, "") for column in COLUMNS]


def county_workbook(department_by_short) -> bytes:
    workbook = Workbook(write_only=True)
    for plan in PLANS:
        sheet = workbook.create_sheet(plan.domain)
        sheet.append([column.top for column in COLUMNS])
        sheet.append([column.sub or column.top for column in COLUMNS])
        number = 0
        for programme, rows in plan.programmes.items():
            for row in rows:
                number += 1
                sheet.append(sheet_row(number, programme, row, department_by_short[plan.department]))
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def build(context) -> None:
    government = context.objects["government"]
    office = staff_of(government, "office")
    catalog = ensure_catalog(organization=government, actor=office)
    content = county_workbook(context.objects["department_by_short"])
    result = import_catalog(catalog=catalog, content=content, actor=office, dry_run=True, file_name="演示")
    # Import for real only when the workbook would change something, so a second run writes nothing at all.
    if result.ok and (result.created or result.updated or result.groups_created):
        result = import_catalog(catalog=catalog, content=content, actor=office, file_name="演示")
    if not result.ok:
        raise RuntimeError("\n".join(str(problem) for problem in result.problems))
    context.say(f"  区级目录：新增 {result.created} 项，未变 {result.unchanged} 项，分组 {result.groups_created} 项")
    retire_old_items(catalog, office)
    adopt_down(context, office)
    propose_pending_change(catalog, context)
    context.objects["catalog"] = catalog


def find(catalog, domain_name: str, names: tuple, statuses=(ItemStatus.IN_FORCE,)) -> Item | None:
    parent = None
    for name in names:
        parent = Item.objects.filter(
            catalog=catalog, domain__name=domain_name, parent=parent, name=name, status__in=statuses
        ).first()
        if parent is None:
            return None
    return parent


def retire_old_items(catalog, office) -> None:
    context = CatalogContext(catalog)
    for domain_name, programme, name, reason in RETIRED:
        group = find(catalog, domain_name, (programme,))
        if Item.objects.filter(catalog=catalog, parent=group, name=name).exists():
            continue
        template = group.children.filter(status=ItemStatus.IN_FORCE, is_group=False).first()
        data = {**snapshot(template), "name": name}
        old = create_item(catalog=catalog, actor=office, data=data, note="历史事项")
        retire_item(item=old, actor=office, reason=reason)
    del context


def adopt_down(context, office) -> None:
    villages = context.objects["villages"]
    adopted = 0
    for township in context.objects["townships"]:
        adopted += adopt_all(ensure_catalog(organization=township, actor=office), office)
        village = next((v for v in villages if v.region.parent_id == township.region_id), None)
        if village is not None:
            adopted += adopt_all(ensure_catalog(organization=village, actor=office), office)
    context.say(f"  镇（街道）和村（社区）目录新采用 {adopted} 项")


def adopt_all(catalog, office) -> int:
    candidates = list(adoptable_items(catalog).filter(is_group=False))
    return len(adopt_items(catalog=catalog, source_items=candidates, actor=office)) if candidates else 0


def propose_pending_change(catalog, context) -> None:
    clerk = staff_of(context.objects["department_by_short"]["民政局"], "clerk")
    if ChangeSet.objects.filter(catalog=catalog, proposed_by=clerk, note=PENDING_NOTE).exists():
        return
    domain_name, names, time_limit = PENDING_CHANGE
    item = find(catalog, domain_name, names)
    update_item(item=item, actor=clerk, data={**snapshot(item), "time_limit": time_limit}, note=PENDING_NOTE)
