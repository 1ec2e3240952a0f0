"""The orgs step of `gongkai demo`: the fictional district 青溪区 with its government, departments, towns, streets,
villages, communities and demo staff for every role.

Everything is keyed on stable natural keys (division codes, credit codes, usernames) and created through the
services, so a second run finds every object and changes nothing. All demo accounts share DEMO_PASSWORD.

Usernames follow one pattern: `<unit>-<role>`, where <unit> is the pinyin initials of the department or township
(see DEPARTMENTS and TOWNSHIPS) and <role> is `clerk`, `reviewer` or `secrecy` (confidentiality officer); village
committees have `<unit>-clerk`. The government has `admin` and `office`.
"""

from dataclasses import dataclass
from functools import cache

from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext as _

from .codes import credit_code_check_char
from .models import Membership, Organization, Person, Region, Role
from .services import (
    create_organization,
    create_person,
    create_region,
    grant_role,
    update_organization,
    update_site_settings,
)

DEMO_PASSWORD = "gongkai-demo-2026"  # noqa: S105 - documented demo password, printed by `gongkai demo`

DISTRICT_NAME = "青溪区"
DISTRICT_CODE = "320416000000"  # a code not used by any real county of 常州市 (3204)
COUNTY_CODE = DISTRICT_CODE[:6]
OFFICE_HOURS = "周一至周五 上午8:30—12:00，下午14:00—17:30（法定节假日除外）"

ROLE_SUFFIX = {
    Role.CLERK: "clerk",
    Role.REVIEWER: "reviewer",
    Role.CONFIDENTIALITY_OFFICER: "secrecy",
}
UNIT_ROLES = (Role.CLERK, Role.REVIEWER, Role.CONFIDENTIALITY_OFFICER)

# (short name used in code and on screen, full name after "青溪区", username prefix)
DEPARTMENTS = (
    ("政府办", "人民政府办公室", "zfb"),
    ("发改局", "发展和改革局", "fgj"),
    ("教育局", "教育局", "jyj"),
    ("科技局", "科学技术局", "kjj"),
    ("工信局", "工业和信息化局", "gxj"),
    ("民宗局", "民族宗教事务局", "mzzj"),
    ("公安分局", "公安分局", "gafj"),
    ("民政局", "民政局", "mzj"),
    ("司法局", "司法局", "sfj"),
    ("财政局", "财政局", "czj"),
    ("人社局", "人力资源和社会保障局", "rsj"),
    ("自然资源局", "自然资源和规划局", "zrzyj"),
    ("生态环境局", "生态环境局", "sthjj"),
    ("住建局", "住房和城乡建设局", "zjj"),
    ("交通运输局", "交通运输局", "jtysj"),
    ("水利局", "水利局", "slj"),
    ("农业农村局", "农业农村局", "nyncj"),
    ("商务局", "商务局", "swj"),
    ("文旅局", "文化广电和旅游局", "wlj"),
    ("卫健委", "卫生健康委员会", "wjw"),
    ("退役军人局", "退役军人事务局", "tyjrj"),
    ("应急管理局", "应急管理局", "yjglj"),
    ("审计局", "审计局", "sjj"),
    ("市场监管局", "市场监督管理局", "scjgj"),
    ("统计局", "统计局", "tjj"),
    ("医保局", "医疗保障局", "ybj"),
    ("城管局", "城市管理局", "cgj"),
    ("信访局", "信访局", "xfj"),
    ("数据局", "数据局", "sjgl"),
    ("行政审批局", "行政审批局", "xzspj"),
    ("体育局", "体育局", "tyj"),
    ("机关事务局", "机关事务管理局", "jgswj"),
    ("人防办", "人民防空办公室", "rfb"),
    ("投促局", "投资促进局", "tcj"),
    ("粮储局", "粮食和物资储备局", "lcj"),
)

# (region name, division code suffix, kind, username prefix, villages: (name, code suffix))
# Streets have codes 001–099 and towns 100–199; communities 001–199 and villages 200–399 (GB/T 10114 practice).
TOWNSHIPS = (
    (
        "青溪街道",
        "001",
        Organization.Kind.STREET_OFFICE,
        "qxjd",
        (("滨河社区", "001"), ("青溪社区", "002"), ("书院社区", "003"), ("花园社区", "004")),
    ),
    (
        "文昌街道",
        "002",
        Organization.Kind.STREET_OFFICE,
        "wcjd",
        (("文昌社区", "001"), ("状元社区", "002"), ("学府社区", "003")),
    ),
    (
        "临江街道",
        "003",
        Organization.Kind.STREET_OFFICE,
        "ljjd",
        (("临江社区", "001"), ("码头社区", "002"), ("望江社区", "003"), ("江景社区", "004")),
    ),
    (
        "白沙镇",
        "101",
        Organization.Kind.GOVERNMENT,
        "bsz",
        (("白沙社区", "001"), ("白沙村", "201"), ("柳湾村", "202"), ("东塘村", "203")),
    ),
    ("桃源镇", "102", Organization.Kind.GOVERNMENT, "tyz", (("桃源村", "201"), ("杏花村", "202"), ("新桥村", "203"))),
    (
        "石门镇",
        "103",
        Organization.Kind.GOVERNMENT,
        "smz",
        (("石门社区", "001"), ("石门村", "201"), ("上坝村", "202"), ("南岭村", "203")),
    ),
    ("龙泉镇", "104", Organization.Kind.GOVERNMENT, "lqz", (("龙泉村", "201"), ("清水村", "202"), ("大田村", "203"))),
)

STREETS = ("人民路", "文昌路", "青溪大道", "滨河路", "府前街", "建设路", "解放路", "和平路", "东环路", "学府路")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN_NAMES = (
    "建国",
    "秀英",
    "志强",
    "丽娟",
    "海燕",
    "国庆",
    "晓明",
    "文静",
    "俊杰",
    "红梅",
    "伟",
    "敏",
    "静",
    "磊",
    "洋",
    "艳",
    "勇",
    "军",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "霞",
    "平",
    "刚",
    "桂英",
    "晨",
    "欣怡",
    "子涵",
)


@dataclass(frozen=True)
class Unit:
    """A department, township or committee together with the prefix of its demo usernames."""

    organization: Organization
    prefix: str


def organization_code(serial: int) -> str:
    """A GB 11714 organization code (8 body characters and the check character) for a demo serial number."""
    body = f"0{serial:07d}"
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    check = 11 - sum(int(digit) * weight for digit, weight in zip(body, weights, strict=True)) % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def demo_credit_code(serial: int, *, registrar: str = "11") -> str:
    """A GB 32100 credit code registered in the district: "11" for organs (机构编制·机关), "54" for committees."""
    first_17 = f"{registrar}{COUNTY_CODE}{organization_code(serial)}"
    return first_17 + credit_code_check_char(first_17)


def person_name(serial: int) -> str:
    surname = SURNAMES[(serial * 7) % len(SURNAMES)]
    return surname + GIVEN_NAMES[(serial * 11 + serial // len(SURNAMES)) % len(GIVEN_NAMES)]


def phone(serial: int) -> str:
    return f"0519-8{serial % 10}{(serial * 37) % 1000000:06d}"


def ensure_region(*, name: str, division_code: str, parent: Region | None) -> Region:
    region = Region.objects.filter(division_code=division_code).first()
    return region or create_region(name=name, division_code=division_code, parent=parent)


def ensure_organization(*, serial: int, region: Region, registrar: str = "11", **fields) -> Organization:
    credit_code = demo_credit_code(serial, registrar=registrar)
    organization = Organization.objects.filter(credit_code=credit_code).first()
    if organization:
        return organization
    street = STREETS[serial % len(STREETS)]
    defaults = {
        "address": f"{DISTRICT_NAME}{street}{(serial * 13) % 300 + 1}号",
        "office_hours": OFFICE_HOURS,
        "phone": phone(serial),
        "sort_order": serial,
    }
    return create_organization(region=region, credit_code=credit_code, **(defaults | fields))


def ensure_person(*, username: str, serial: int, context) -> Person:
    person = Person.objects.filter(username=username).first()
    if person is None:
        person = create_person(
            username=username,
            full_name=person_name(serial),
            email=f"{username}@qingxi.example.gov.cn",
            phone=f"139{(serial * 7919) % 100000000:08d}",
        )
        # Every demo account has the same published password: hash it once, not 150 times (Argon2 and the
        # password validators took most of `gongkai demo`'s first step; docs/demo.md).
        person.password = demo_password_hash()
        person.save(update_fields=["password"])
    return person


@cache
def demo_password_hash() -> str:
    return make_password(DEMO_PASSWORD)


def ensure_role(person: Person, organization: Organization, role: str) -> None:
    if not Membership.objects.filter(person=person, organization=organization, role=role, is_active=True).exists():
        grant_role(person=person, organization=organization, role=role)


def build_structure(context) -> tuple[Region, Organization, list[Unit], list[Unit], list[Unit]]:
    district = ensure_region(name=DISTRICT_NAME, division_code=DISTRICT_CODE, parent=None)
    government = ensure_organization(
        serial=1,
        region=district,
        kind=Organization.Kind.GOVERNMENT,
        name=f"{DISTRICT_NAME}人民政府",
        short_name="区政府",
        address=f"{DISTRICT_NAME}府前街1号",
        phone="0519-86001234",
        email="gongkai@qingxi.example.gov.cn",
    )
    departments = [
        Unit(
            ensure_organization(
                serial=100 + index,
                region=district,
                kind=Organization.Kind.DEPARTMENT,
                parent=government,
                name=f"{DISTRICT_NAME}{full}",
                short_name=short,
            ),
            prefix,
        )
        for index, (short, full, prefix) in enumerate(DEPARTMENTS, start=1)
    ]
    context.say(
        _("  %(district)s（%(code)s）：区政府和 %(count)s 个部门")
        % {"district": DISTRICT_NAME, "code": DISTRICT_CODE, "count": len(departments)}
    )
    townships, villages = [], []
    for index, (name, suffix, kind, prefix, village_rows) in enumerate(TOWNSHIPS, start=1):
        region = ensure_region(name=name, division_code=f"{COUNTY_CODE}{suffix}000", parent=district)
        full_name = (
            f"{DISTRICT_NAME}{name}办事处"
            if kind == Organization.Kind.STREET_OFFICE
            else f"{DISTRICT_NAME}{name}人民政府"
        )
        township = ensure_organization(
            serial=200 + index, region=region, kind=kind, parent=government, name=full_name, short_name=name
        )
        townships.append(Unit(township, prefix))
        for number, (village_name, village_suffix) in enumerate(village_rows, start=1):
            village = ensure_region(
                name=village_name, division_code=f"{COUNTY_CODE}{suffix}{village_suffix}", parent=region
            )
            committee_name = (
                f"{village_name}居民委员会" if village_name.endswith("社区") else f"{village_name}村民委员会"
            )
            committee = ensure_organization(
                serial=1000 + index * 10 + number,
                registrar="54",
                region=village,
                kind=Organization.Kind.COMMITTEE,
                parent=township,
                name=committee_name,
                short_name=village_name,
                address=f"{name}{village_name}村（居）务服务中心",
            )
            villages.append(Unit(committee, f"{prefix}{number}"))
    context.say(
        _("  %(townships)s 个镇（街道）和 %(villages)s 个村（社区）")
        % {"townships": len(townships), "villages": len(villages)}
    )
    return district, government, departments, townships, villages


def build_staff(context, government: Organization, departments, townships, villages) -> None:
    ensure_role(ensure_person(username="admin", serial=1, context=context), government, Role.ADMIN)
    ensure_role(ensure_person(username="office", serial=2, context=context), government, Role.OFFICE)
    serial = 10
    for unit in [*departments, *townships]:
        for role in UNIT_ROLES:
            serial += 1
            person = ensure_person(username=f"{unit.prefix}-{ROLE_SUFFIX[role]}", serial=serial, context=context)
            ensure_role(person, unit.organization, role)
    for unit in villages:
        serial += 1
        ensure_role(
            ensure_person(username=f"{unit.prefix}-clerk", serial=serial, context=context),
            unit.organization,
            Role.CLERK,
        )
    # A street's clerk who also publishes for the first community (a common arrangement in small streets).
    ensure_role(Person.objects.get(username=f"{townships[0].prefix}-clerk"), villages[0].organization, Role.CLERK)


PROFILE_FUNCTIONS = (
    "贯彻执行国家、省、市有关方针政策和法律法规，拟订本领域发展规划和政策措施并组织实施。",
    "负责本领域行政许可、行政检查等事项，依法履行监督管理职责。",
    "负责本机构政府信息公开、政务服务和政民互动工作。",
    "完成区委、区政府交办的其他任务。",
)
PROFILE_UNITS = ("办公室：负责文电、会务、机要、档案、信息公开等日常运转工作", "政策法规科", "业务管理科", "行政审批科")


def build_profiles(government: Organization, departments, townships) -> None:
    """机构概况 for the portal's directory: leaders, internal units and functions of each government body. Through the
    audited service, only where still empty, so a second run changes nothing."""
    units = [government, *(unit.organization for unit in departments), *(unit.organization for unit in townships)]
    for serial, organization in enumerate(units, start=40):
        if organization.leaders:
            continue
        head = "区长" if organization == government else ("局长" if organization.kind == "department" else "主任")
        update_organization(
            organization=organization,
            leaders="\n".join(
                [
                    f"{person_name(serial)} {head} 主持全面工作",
                    f"{person_name(serial + 100)} 副{head} 分管政策法规、信息公开工作",
                    f"{person_name(serial + 200)} 副{head} 分管业务管理、行政审批工作",
                ]
            ),
            internal_units="\n".join(PROFILE_UNITS),
            functions="\n".join(PROFILE_FUNCTIONS),
        )


def build_site_settings(district: Region, government: Organization) -> None:
    update_site_settings(
        region=district,
        sponsor=f"{DISTRICT_NAME}人民政府办公室",
        site_code="3204160001",
        icp_number="苏ICP备05000000号-1",
        police_number="苏公网安备 32041602000001号",
        contact_phone=government.phone,
        contact_email=government.email,
        contact_address=government.address,
    )


def build(context) -> None:
    district, government, departments, townships, villages = build_structure(context)
    build_staff(context, government, departments, townships, villages)
    build_profiles(government, departments, townships)
    build_site_settings(district, government)
    department_by_short = {unit.organization.short_name: unit.organization for unit in departments}
    context.objects.update(
        {
            "district": district,
            "government": government,
            "departments": [unit.organization for unit in departments],
            "department_by_short": department_by_short,
            "townships": [unit.organization for unit in townships],
            "villages": [unit.organization for unit in villages],
        }
    )
    people = Person.objects.filter(memberships__is_active=True).distinct().count()
    context.say(
        _("  %(people)s 名演示工作人员，密码均为 %(password)s；用户名规则：<单位拼音首字母>-clerk/reviewer/secrecy")
        % {"people": people, "password": DEMO_PASSWORD}
    )
    township = townships[0]
    context.logins.extend(
        [
            ("admin", DEMO_PASSWORD, "系统管理员（青溪区人民政府）"),
            ("office", DEMO_PASSWORD, "政务公开办公室（青溪区人民政府，管理全区）"),
            ("mzj-clerk", DEMO_PASSWORD, "信息员（青溪区民政局）"),
            ("mzj-reviewer", DEMO_PASSWORD, "审核人（青溪区民政局）"),
            ("mzj-secrecy", DEMO_PASSWORD, "保密审查员（青溪区民政局）"),
            (f"{township.prefix}-clerk", DEMO_PASSWORD, f"信息员（{township.organization.name}，兼滨河社区）"),
            (f"{township.prefix}-reviewer", DEMO_PASSWORD, f"审核人（{township.organization.name}）"),
            (f"{township.prefix}-secrecy", DEMO_PASSWORD, f"保密审查员（{township.organization.name}）"),
            (
                "czj-clerk",
                DEMO_PASSWORD,
                "其余单位同理：<单位拼音首字母>-clerk/reviewer/secrecy，如财政局 czj-、白沙镇 bsz-",
            ),
        ]
    )


def staff_of(organization: Organization, role: str) -> Person:
    """A demo person who holds `role` in `organization` (the first by username)."""
    person = (
        Person.objects.filter(
            memberships__organization=organization, memberships__role=role, memberships__is_active=True, is_active=True
        )
        .order_by("username")
        .first()
    )
    if person is None:
        raise LookupError(f"No demo person holds {role} in {organization}.")
    return person
