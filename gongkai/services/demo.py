"""The services step of `gongkai demo`: 60 guides of 12 departments (materials, steps, so a flowchart each), adopted
copies in two streets with their own counters, a pending change of a statutory limit, four theme packages, two
一件事, the 23-subcategory site tree and about 80 sites around the district centre, and a month of page views.

Idempotent: every object is found by its natural key (guide codes, slugs, category codes, site names) first.
"""

import random
from datetime import timedelta

from django.utils import timezone

from gongkai.catalog.models import Item, ItemStatus
from gongkai.orgs.demo import staff_of
from gongkai.orgs.models import Role

from .coordinates import wgs84_to_gcj02
from .demo_data import CATEGORIES, CITY_CENTRE, COMPOSITES, DEPARTMENTS, GUIDES, PACKAGES
from .guidedata import snapshot
from .models import CompositeService, CoordinateSystem, Guide, GuideChange, Site, SiteCategory, ThemePackage
from .services import (
    adopt_guide,
    approve_guide_change,
    import_guides,
    import_sites,
    save_category,
    save_composite,
    save_package,
    update_guide,
)
from .services.usage import add_usage

COUNTY_CODE = "320416"
HOURS = "周一至周五 上午9:00—12:00，下午13:30—17:00；周六上午9:00—12:00（法定节假日除外）"
CENTRE_ADDRESS = "青溪区府前街8号 青溪区政务服务中心"
ONLINE = "https://zwfw.qingxi.example.gov.cn/guide/"
PENDING_NOTE = "依据新修订的地方标准，法定办结时限调整"


def guide_code(prefix: str, number: int) -> str:
    return f"{COUNTY_CODE}-{prefix}-{number:03d}"


def materials(extra) -> list[dict]:
    rows = [("居民身份证", "original", "申请人自备"), *extra]
    result = []
    for name, form, source, *condition in rows:
        material = {"name": name, "form": form, "count": 1, "source": source, "required": not condition}
        if condition:
            material["condition"] = condition[0]
        if "申请表" in name or "申请书" in name:
            material["template_url"] = f"{ONLINE}templates/{name}.docx"
        result.append(material)
    return result


def steps(promised: int, window: str) -> list[dict]:
    """Accept, examine, decide, deliver: the four links 003 draws, each with its share of the promised days."""
    if promised == 0:
        return [{"name": "受理并办结", "actor": "窗口工作人员", "action": "查验材料，当场办结并出具结果", "days": 0}]
    accept = 1 if promised >= 3 else 0
    examine = (promised - accept) * 2 // 3
    decide = promised - accept - examine
    return [
        {
            "name": "受理",
            "actor": f"窗口工作人员（{window}）",
            "days": accept,
            "action": "查验材料，符合条件的当场受理；材料不全的一次性告知需要补正的全部内容",
        },
        {"name": "审查", "actor": "业务科室经办人", "action": "审查申请材料，必要时现场核查", "days": examine},
        {
            "name": "决定",
            "actor": "科室负责人",
            "action": "作出准予或者不予办理的决定，不予办理的说明理由",
            "days": decide,
        },
        {"name": "送达", "actor": "窗口工作人员", "action": "当场领取或免费邮寄送达办理结果", "days": 0},
    ]


def guide_item(by_domain: dict, department: str):
    domain = {
        "民政局": "社会救助",
        "人社局": "就业",
        "公安分局": "户籍管理",
        "卫健委": "卫生健康",
        "医保局": "社会保险",
        "教育局": "义务教育",
        "司法局": "公共法律服务",
        "文旅局": "公共文化服务",
        "住建局": "保障性住房",
    }.get(department)
    return by_domain.get(domain)


def guide_rows(context, existing: set) -> list[tuple]:
    by_short = context.objects["department_by_short"]
    catalog = context.objects.get("catalog")
    by_domain: dict[str, int] = {}
    if catalog is not None:
        for item in Item.objects.filter(catalog=catalog, name="办事指南", status=ItemStatus.IN_FORCE).select_related(
            "domain"
        ):
            by_domain.setdefault(item.domain.name, item.pk)
    rows = []
    for department, entries in GUIDES.items():
        organization = by_short[department]
        prefix, window = DEPARTMENTS[department]
        for number, name, kind, event, statutory, promised, basis, extra, fee in entries:
            code = guide_code(prefix, number)
            if (organization.pk, code) in existing:
                continue
            rows.append(
                (
                    organization,
                    guide_fields(
                        organization,
                        code,
                        name,
                        kind,
                        event,
                        statutory,
                        promised,
                        basis,
                        extra,
                        fee,
                        window,
                        guide_item(by_domain, department),
                    ),
                )
            )
    return rows


def guide_fields(organization, code, name, kind, event, statutory, promised, basis, extra, fee, window, item):
    fully_online = kind == "public_service" and promised <= 1
    return {
        "code": code,
        "name": name,
        "kind": kind,
        "life_event": event,
        "basis": basis,
        "scope": "在本区范围内申请办理的自然人、法人和其他组织",
        "conditions": f"符合{basis.split('》')[0]}》规定条件的申请人。"
        if "》" in basis
        else "符合有关规定条件的申请人。",
        "materials": materials(extra),
        "fees": [{"name": fee[0], "standard": fee[1], "basis": fee[2]}] if fee else [],
        "statutory_days": statutory,
        "promised_days": promised,
        "online_url": f"{ONLINE}{code}",
        "counter_address": f"{CENTRE_ADDRESS}{window}",
        "counter_hours": HOURS,
        "at_most_once": True,
        "fully_online": fully_online,
        "steps": steps(promised, window),
        "contact_phone": organization.phone or "0519-88100000",
        "complaint_phone": "0519-12345",
        "faqs": [
            {"question": "可以委托他人代办吗？", "answer": "可以，代办人须携带本人居民身份证和申请人签字的委托书。"},
            {"question": "办理进度在哪里查询？", "answer": "在青溪区政务服务网“我的办件”或拨打咨询电话查询。"},
        ],
        "catalog_item": item,
        "record": None,
    }


def build_guides(context, office) -> dict:
    existing = set(Guide.objects.values_list("organization_id", "code"))
    rows = guide_rows(context, existing)
    if rows:
        import_guides(rows=rows, actor=office)
    context.say(f"  办事指南：新增 {len(rows)} 项，共 {Guide.objects.filter(source_guide__isnull=True).count()} 项")
    by_short = context.objects["department_by_short"]
    return {
        (department, number): Guide.objects.get(
            organization=by_short[department], code=guide_code(DEPARTMENTS[department][0], number)
        )
        for department, entries in GUIDES.items()
        for number, *_rest in entries
    }


def build_adoptions(context, guides: dict) -> None:
    """The first two streets adopt three 民政局 guides with their own counters; a later county change drifts."""
    for township in context.objects["townships"][:2]:
        office = staff_of(township, Role.REVIEWER)
        for number in (1, 2, 3):
            source = guides[("民政局", number)]
            if Guide.objects.filter(organization=township, source_guide=source).exists():
                continue
            local = {
                "counter_address": f"{township.region.name}便民服务中心 社会救助窗口",
                "counter_hours": HOURS,
                "contact_phone": township.phone or "0519-88200000",
            }
            adopt_guide(source=source, organization=township, actor=office, local=local)
    source = guides[("民政局", 3)]
    if source.version == 1:
        clerk, reviewer = staff_of(source.organization, Role.CLERK), staff_of(source.organization, Role.REVIEWER)
        data = {**snapshot(source), "basis": source.basis + "；《江苏省临时救助实施办法》第八条"}
        change = update_guide(guide=source, data=data, actor=clerk, note="补充地方依据")
        if isinstance(change, GuideChange):  # a change of the legal basis waits for review
            approve_guide_change(change=change, actor=reviewer)


def build_pending_change(guides: dict) -> None:
    guide = guides[("民政局", 4)]
    if GuideChange.objects.filter(guide=guide, note=PENDING_NOTE).exists():
        return
    clerk = staff_of(guide.organization, Role.CLERK)
    update_guide(guide=guide, data={**snapshot(guide), "statutory_days": 15}, actor=clerk, note=PENDING_NOTE)


def build_packages(context, office, guides: dict) -> None:
    government = context.objects["government"]
    catalog = context.objects.get("catalog")
    for slug, title, kind, audience, event, introduction, members, domains in PACKAGES:
        if ThemePackage.objects.filter(slug=slug).exists():
            continue
        entries = [{"guide": guides[key]} for key in members]
        if catalog is not None:
            entries += [
                {"catalog_item": item, "note": "相关公开事项"}
                for item in Item.objects.filter(
                    catalog=catalog, domain__name__in=domains, name="政策法规文件", status=ItemStatus.IN_FORCE
                )[:2]
            ]
        fields = {
            "slug": slug,
            "title": title,
            "kind": kind,
            "audience": audience,
            "life_event": event,
            "introduction": introduction,
            "is_published": True,
        }
        save_package(organization=government, fields=fields, entries=entries, actor=office)
    for slug, name, lead, event, introduction, parts in COMPOSITES:
        if CompositeService.objects.filter(slug=slug).exists():
            continue
        fields = {"slug": slug, "name": name, "introduction": introduction, "life_event": event, "is_published": True}
        save_composite(
            organization=context.objects["department_by_short"][lead],
            fields=fields,
            guides=[guides[key] for key in parts],
            actor=office,
        )
    context.say(f"  主题服务包 {ThemePackage.objects.count()} 个，一件事 {CompositeService.objects.count()} 个")


def build_categories(context, office) -> dict:
    government = context.objects["government"]
    found = {category.code: category for category in SiteCategory.objects.all()}
    for position, (code, name, children) in enumerate(CATEGORIES, start=1):
        if code not in found:
            found[code] = save_category(
                fields={"code": code, "name": name, "sort_order": position},
                parent=None,
                actor=office,
                organization=government,
            )
        for child_position, (child_code, child_name) in enumerate(children, start=1):
            if child_code not in found:
                found[child_code] = save_category(
                    fields={"code": child_code, "name": child_name, "sort_order": child_position},
                    parent=found[code],
                    actor=office,
                    organization=government,
                )
    return found


# (subcategory, responsible department or "" for the township, names: one site each, "{t}" = township name)
DEPARTMENT_SITES = [
    ("library", "文旅局", ["青溪区图书馆", "青溪区少儿图书馆"]),
    ("cultural-centre", "文旅局", ["青溪区文化馆", "{t}综合文化站"]),
    ("museum", "文旅局", ["青溪区博物馆"]),
    ("sports", "文旅局", ["青溪区全民健身中心", "{t}体育公园"]),
    ("civilization", "", ["{t}新时代文明实践所", "{t}文明实践站", "{t}文明实践广场"]),
    ("legal-service", "司法局", ["青溪区公共法律服务中心", "{t}公共法律服务站", "{t}司法所"]),
    ("mediation", "司法局", ["{t}人民调解委员会", "{t}医患纠纷调解室", "{t}物业纠纷调解室"]),
    ("legal-aid", "司法局", ["青溪区法律援助中心"]),
    ("correction", "司法局", ["青溪区社区矫正中心"]),
    ("household", "公安分局", ["{t}派出所户籍窗口", "{t}派出所户籍窗口", "{t}派出所户籍窗口"]),
    ("community-health", "卫健委", ["{t}社区卫生服务中心"] * 5),
    ("hospital", "卫健委", ["青溪区人民医院", "青溪区中医医院"]),
    ("vaccination", "卫健委", ["{t}预防接种门诊"] * 3),
    ("nursing-home", "民政局", ["青溪区社会福利中心", "{t}敬老院", "{t}颐养院"]),
    ("day-care", "民政局", ["{t}日间照料中心"] * 4),
    ("meal-point", "民政局", ["{t}老年助餐点"] * 5),
    ("kindergarten", "教育局", ["{t}中心幼儿园"] * 3),
    ("primary", "教育局", ["{t}中心小学"] * 3),
    ("secondary", "教育局", ["青溪区实验中学", "{t}初级中学"]),
    ("community-education", "教育局", ["青溪区社区教育中心"]),
]
SITE_SERVICES = {
    "library": "图书借阅\n电子阅览\n读者证办理",
    "cultural-centre": "免费培训\n文艺演出\n场地预约",
    "museum": "免费参观\n讲解服务",
    "sports": "全民健身\n体质监测",
    "civilization": "志愿服务\n理论宣讲",
    "legal-service": "法律咨询\n法律援助申请\n公证咨询",
    "mediation": "矛盾纠纷调解",
    "legal-aid": "法律援助申请受理",
    "correction": "社区矫正报到",
    "household": "户口登记\n居民身份证办理\n居住证签发",
    "community-health": "基本医疗\n预防接种\n老年人体检",
    "hospital": "门诊\n急诊\n住院",
    "vaccination": "预防接种",
    "nursing-home": "集中供养\n护理服务",
    "day-care": "日间照料\n助浴\n文娱活动",
    "meal-point": "老年助餐\n送餐上门",
    "kindergarten": "学前教育",
    "primary": "义务教育",
    "secondary": "义务教育",
    "community-education": "老年大学\n技能培训",
    "government-service": "各部门事项综合受理\n企业开办专区\n政府信息公开查阅",
    "convenience": "社会救助\n社保医保\n户籍代办",
    "disclosure-point": "政府信息公开查阅\n村（居）务公开",
}
ACCESSIBLE = ["ramp", "toilet", "priority"]


def place(rng: random.Random, anchor: tuple, spread: float) -> tuple[float, float]:
    return anchor[0] + rng.uniform(-spread, spread), anchor[1] + rng.uniform(-spread * 1.15, spread * 1.15)


def site_row(name, category, organization, point, *, subcategory, phone, disclosure=False, from_gcj=False, area=""):
    address = site_address(name, organization, area)
    latitude, longitude = point
    system = CoordinateSystem.CGCS2000
    if from_gcj:  # the office copied these from a 高德 map: entered as GCJ-02, stored converted back
        latitude, longitude = wgs84_to_gcj02(latitude, longitude)
        system = CoordinateSystem.GCJ02
    return {
        "organization": organization,
        "category": category,
        "name": name,
        "address": address,
        "latitude": f"{latitude:.6f}",
        "longitude": f"{longitude:.6f}",
        "coordinate_system": system,
        "hours": HOURS,
        "contact_person": "值班人员",
        "phone": phone,
        "services": SITE_SERVICES.get(subcategory, ""),
        "accessibility": ACCESSIBLE
        if disclosure or subcategory in ("government-service", "convenience", "hospital", "nursing-home")
        else ["ramp"],
        "is_disclosure_point": disclosure,
    }


STREETS = ("人民路", "文昌路", "青溪大道", "滨河路", "府前街", "建设路", "解放路", "和平路", "东环路", "学府路")


def site_address(name: str, organization, area: str = "") -> str:
    """A plausible street address in the organization's region, or in `area` (stable: derived from the name)."""
    region = organization.region
    area = area or ("" if region.level == "county" else region.name)
    if region.level == "village":
        area = f"{region.parent.name}{region.name}"
    seed = sum(ord(char) for char in name)
    return f"青溪区{area}{STREETS[seed % len(STREETS)]}{seed % 300 + 1}号"


def site_rows(context, categories: dict, guides: dict) -> list[dict]:
    rng = random.Random(2026)  # noqa: S311 - plausible demo coordinates, not security
    government, by_short = context.objects["government"], context.objects["department_by_short"]
    townships, villages = context.objects["townships"], context.objects["villages"]
    anchors = {t.pk: place(rng, CITY_CENTRE, 0.06) for t in townships}
    rows = [
        site_row(
            "青溪区政务服务中心",
            categories["government-service"],
            government,
            CITY_CENTRE,
            subcategory="government-service",
            phone="0519-88100000",
            disclosure=True,
        )
    ]
    rows[0]["guides"] = list(guides.values())
    for township in townships:
        row = site_row(
            f"{township.region.name}便民服务中心",
            categories["convenience"],
            township,
            place(rng, anchors[township.pk], 0.004),
            subcategory="convenience",
            phone=township.phone or "0519-88200000",
            disclosure=True,
        )
        row["guides"] = [guides[("民政局", n)] for n in (1, 2, 3)]
        rows.append(row)
    for village in villages:
        anchor = anchors.get(village.parent_id, CITY_CENTRE)
        rows.append(
            site_row(
                f"{village.region.name}党群服务中心（政府信息公开查阅点）",
                categories["disclosure-point"],
                village,
                place(rng, anchor, 0.015),
                subcategory="disclosure-point",
                phone=village.phone or "0519-88300000",
                disclosure=True,
            )
        )
    for index, (subcategory, department, names) in enumerate(DEPARTMENT_SITES):
        for number, pattern in enumerate(names):
            township = townships[(index + number) % len(townships)]
            name = pattern.format(t=township.region.name)
            organization = township if not department else by_short[department]
            anchor = CITY_CENTRE if "青溪区" in name else anchors[township.pk]
            rows.append(
                site_row(
                    name,
                    categories[subcategory],
                    organization,
                    place(rng, anchor, 0.008),
                    subcategory=subcategory,
                    phone=f"0519-8{8400000 + index * 10 + number}",
                    from_gcj=subcategory in ("community-health", "vaccination"),
                    area="" if "青溪区" in name else township.region.name,
                )
            )
    seen, unique = set(), []
    for row in rows:  # two sites of one kind in one township get a number
        base, count = row["name"], 2
        while row["name"] in seen:
            row["name"] = f"{base.replace('（', f'{count}（', 1) if '（' in base else f'{base}{count}'}"
            count += 1
        seen.add(row["name"])
        unique.append(row)
    return unique


def build_sites(context, office, guides: dict) -> None:
    categories = build_categories(context, office)
    existing = set(Site.objects.values_list("name", flat=True))
    rows = [row for row in site_rows(context, categories, guides) if row["name"] not in existing]
    if rows:
        import_sites(rows=rows, actor=office)
    context.say(f"  便民服务点：分类 {len(categories)} 个，服务点 {Site.objects.count()} 个")


def build_usage(guides: dict) -> None:
    """A month of page views: services residents need most (婚姻登记, 社保卡, 不动产) are viewed most."""
    rng = random.Random(15)  # noqa: S311 - demo statistics
    today = timezone.localdate()
    popular = {("民政局", 5): 9, ("人社局", 3): 8, ("自然资源局", 2): 7, ("公安分局", 2): 7, ("医保局", 2): 6}
    counts = {}
    for key, guide in guides.items():
        weight = popular.get(key, 1 + (guide.pk % 4))
        for back in range(30):
            counts[(guide.pk, today - timedelta(days=back))] = rng.randint(2, 12) * weight
    add_usage(counts=counts)


def build(context) -> None:
    office = staff_of(context.objects["government"], Role.OFFICE)
    guides = build_guides(context, office)
    build_adoptions(context, guides)
    build_pending_change(guides)
    build_packages(context, office, guides)
    build_sites(context, office, guides)
    build_usage(guides)
    context.objects["service_guides"] = guides
