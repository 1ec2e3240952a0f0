"""The demo district's county catalog, written from the structure of the national 标准目录 (DOMAIN.md §3).

Each domain lists its 一级事项 (programmes) and, for each, the 二级事项 drawn from a pattern of the rows county
sites publish (政策法规文件, 办事指南, 审核信息 with its 公示期, 审批信息, 资金发放 …). The numbers are realistic
in shape, not copies of any real catalog.
"""

from dataclasses import dataclass

WEBSITE = "政府网站"
HALL = "政务服务中心"
READING = "公开查阅点"
BOARD = "社区/企事业单位/村公示栏（电子屏）"
APPS = "两微一端"
STATION = "便民服务站"
PAPER = "纸质媒体"
PUSH = "精准推送"
HOTLINE = "12345政务服务热线"
INVEST = "投资项目在线审批监管平台"
TRADING = "公共资源交易平台"


@dataclass(frozen=True)
class Row:
    name: str
    elements: str
    basis: str
    time_limit: str
    channels: tuple
    levels: tuple = ("county", "township")
    audience: str = "public"
    stage: str = "execution"
    attribute: str = "active"
    ground: str = ""
    source: str = "权责清单"


def policy(basis: str, levels=("county", "township")) -> Row:
    return Row(
        "政策法规文件",
        "相关法律法规、规章、规范性文件及政策解读",
        basis,
        "制定或获取信息之日起20个工作日内",
        (WEBSITE, READING, HALL),
        levels,
        stage="decision",
    )


def guide(subject: str, basis: str, levels=("county", "township")) -> Row:
    return Row(
        "办事指南",
        f"{subject}的办理事项、办理条件、申请材料、办理流程、办理时限、办理地点和时间、联系方式",
        basis,
        "信息形成或者变更之日起20个工作日内",
        (WEBSITE, HALL, STATION, APPS),
        levels,
        stage="service",
        source="公共服务事项清单",
    )


def review(subject: str, basis: str) -> Row:
    return Row(
        "审核信息",
        f"{subject}初审对象名单及相关信息",
        basis,
        "10个工作日内，公示7个工作日",
        (BOARD, STATION),
        ("township", "village"),
        audience="group",
        stage="management",
    )


def approval(subject: str, basis: str) -> Row:
    return Row(
        "审批信息",
        f"{subject}审批结果、对象名单、保障金额",
        basis,
        "信息形成之日起10个工作日内",
        (WEBSITE, BOARD, READING),
        ("county", "township", "village"),
        stage="result",
    )


def funds(subject: str, basis: str) -> Row:
    return Row(
        "资金发放信息",
        f"{subject}资金发放标准、发放时间、发放总额",
        basis,
        "每季度结束后20个工作日内",
        (WEBSITE, READING),
        ("county",),
        stage="result",
    )


def supervision(basis: str) -> Row:
    return Row(
        "监督检查",
        "监督检查结果、投诉举报电话、信访通讯地址",
        basis,
        "信息形成之日起20个工作日内",
        (WEBSITE, HOTLINE, READING),
        ("county", "township"),
        stage="management",
    )


def withheld(name: str, basis: str, ground: str) -> Row:
    return Row(
        name,
        f"{name}（仅供依法办理使用）",
        basis,
        "",
        (),
        ("county",),
        audience="",
        attribute="不予公开",
        ground=ground,
    )


def benefit_programme(subject: str, basis: str) -> list[Row]:
    return [
        policy(basis),
        guide(subject, basis),
        review(subject, basis),
        approval(subject, basis),
        funds(subject, basis),
    ]


SOCIAL_ASSISTANCE_BASIS = "《社会救助暂行办法》（国务院令第649号）"
ELDERLY_BASIS = "《中华人民共和国老年人权益保障法》；《养老机构管理办法》（民政部令第66号）"
EMPLOYMENT_BASIS = "《中华人民共和国就业促进法》；《就业补助资金管理办法》（财社〔2017〕164号）"
EDUCATION_BASIS = "《中华人民共和国义务教育法》第十二条"
PROJECT_BASIS = "《政府投资条例》（国务院令第712号）；《企业投资项目核准和备案管理条例》"
TRADING_BASIS = "《中华人民共和国招标投标法》；《中华人民共和国政府采购法》"
INSURANCE_BASIS = "《中华人民共和国社会保险法》"
HEALTH_BASIS = "《中华人民共和国基本医疗卫生与健康促进法》"
ENVIRONMENT_BASIS = "《中华人民共和国环境保护法》第五十四条；《环境信息依法披露管理办法》"
FOOD_BASIS = "《中华人民共和国食品安全法》；《中华人民共和国药品管理法》"


def programme_rows(subjects: list[str], basis: str, builder=benefit_programme) -> dict[str, list[Row]]:
    return {subject: builder(subject, basis) for subject in subjects}


def project_rows(subject: str, basis: str) -> list[Row]:
    return [
        Row(
            "办事指南",
            "申报材料清单、批准流程、办理时限、受理机构联系方式、监督举报方式",
            basis,
            "实时公开",
            (INVEST, WEBSITE, HALL),
            ("county",),
            stage="service",
            source="公共服务事项清单",
        ),
        Row(
            "批准结果信息",
            f"{subject}批准文件名称、文号、批准时间、批准机关、项目名称、建设内容",
            basis,
            "信息形成之日起20个工作日内",
            (INVEST, WEBSITE),
            ("county",),
            stage="result",
        ),
        Row(
            "办理过程信息",
            "受理情况、办理进度、办理结果",
            basis,
            "及时公开",
            (INVEST,),
            ("county",),
            audience="group",
            stage="execution",
        ),
        Row(
            "招标投标信息",
            "招标公告、中标候选人公示、中标结果公示、合同订立及备案、违法处罚信息",
            "《中华人民共和国招标投标法实施条例》",
            "信息形成之日起20个工作日内",
            (TRADING, WEBSITE),
            ("county",),
            stage="execution",
        ),
        Row(
            "竣工验收信息",
            "竣工验收时间、验收结果、验收备案信息",
            basis,
            "信息形成之日起20个工作日内",
            (WEBSITE,),
            ("county", "township"),
            stage="result",
        ),
    ]


def trading_rows(subject: str, basis: str) -> list[Row]:
    return [
        Row(
            "审批核准信息",
            "招标内容、范围、组织形式、方式、估算金额、审核或核准部门",
            basis,
            "信息形成之日起20个工作日内",
            (TRADING, WEBSITE),
            ("county",),
            stage="decision",
        ),
        Row(
            "交易公告",
            f"{subject}交易公告、资格预审公告、变更公告",
            basis,
            "实时公开",
            (TRADING, WEBSITE),
            ("county",),
            stage="execution",
        ),
        Row(
            "成交信息",
            "中标（成交）候选人公示、中标（成交）结果公告",
            basis,
            "公示3个工作日",
            (TRADING, WEBSITE),
            ("county",),
            stage="result",
        ),
        Row(
            "合同履约信息",
            "合同订立、变更及履约验收情况",
            basis,
            "合同签订之日起2个工作日内",
            (TRADING,),
            ("county",),
            stage="result",
        ),
        Row(
            "监督管理信息",
            "投诉处理决定、行政处罚决定、不良行为记录",
            basis,
            "信息形成之日起20个工作日内",
            (TRADING, WEBSITE, "信用中国网站"),
            ("county",),
            stage="management",
        ),
    ]


def education_rows(subject: str, basis: str) -> list[Row]:
    return [
        policy(basis, ("county", "township")),
        Row(
            "招生入学信息",
            f"{subject}招生范围、招生计划、报名条件、录取办法、咨询电话",
            basis,
            "招生工作开始前及时公开",
            (WEBSITE, APPS, PAPER, PUSH),
            ("county", "township"),
            stage="service",
            source="公共服务事项清单",
        ),
        Row(
            "资助信息",
            f"{subject}资助政策、资助对象名单、资助标准",
            basis,
            "每学期开学后20个工作日内",
            (WEBSITE, BOARD),
            ("county", "township", "village"),
            audience="group",
            stage="result",
        ),
        Row(
            "办学情况",
            "学校基本信息、收费项目及标准、督导评估结果",
            basis,
            "每年9月30日前",
            (WEBSITE, READING),
            ("county",),
            stage="result",
        ),
    ]


def employment_rows(subject: str, basis: str) -> list[Row]:
    return [
        policy(basis),
        guide(subject, basis),
        Row(
            "补贴对象名单",
            f"{subject}补贴对象姓名（部分隐去）、补贴标准、补贴金额",
            basis,
            "信息形成之日起10个工作日内，公示5个工作日",
            (WEBSITE, BOARD),
            ("county", "township", "village"),
            audience="group",
            stage="result",
        ),
        Row(
            "招聘信息",
            "岗位名称、招聘人数、报名条件、报名方式",
            basis,
            "实时公开",
            (WEBSITE, APPS, PUSH, STATION),
            ("county", "township"),
            stage="service",
        ),
    ]


def simple_rows(subject: str, basis: str) -> list[Row]:
    return [policy(basis), guide(subject, basis), supervision(basis)]


@dataclass(frozen=True)
class DomainPlan:
    domain: str
    department: str  # the responsible department's short name
    programmes: dict


PLANS = [
    DomainPlan(
        "社会救助",
        "民政局",
        {
            "综合业务": [policy(SOCIAL_ASSISTANCE_BASIS), supervision(SOCIAL_ASSISTANCE_BASIS)],
            **programme_rows(
                [
                    "最低生活保障",
                    "特困人员救助供养",
                    "临时救助",
                    "医疗救助",
                    "教育救助",
                    "住房救助",
                    "就业救助",
                    "受灾人员救助",
                    "流浪乞讨人员救助",
                ],
                SOCIAL_ASSISTANCE_BASIS,
            ),
            "负面清单": [withheld("低保家庭收入和财产核对明细", SOCIAL_ASSISTANCE_BASIS, "个人隐私")],
        },
    ),
    DomainPlan(
        "养老服务",
        "民政局",
        {
            **programme_rows(
                [
                    "高龄津贴",
                    "经济困难老年人养老服务补贴",
                    "居家养老服务",
                    "养老机构运营补贴",
                    "农村留守老年人关爱服务",
                    "老年人助餐服务",
                ],
                ELDERLY_BASIS,
            ),
            "养老机构监管": [policy(ELDERLY_BASIS), supervision(ELDERLY_BASIS)],
        },
    ),
    DomainPlan(
        "就业",
        "人社局",
        programme_rows(
            [
                "就业创业政策",
                "职业技能培训补贴",
                "创业担保贷款",
                "一次性创业补贴",
                "公益性岗位",
                "社会保险补贴",
                "就业见习补贴",
                "高校毕业生就业服务",
                "农村劳动力转移就业",
                "就业困难人员援助",
            ],
            EMPLOYMENT_BASIS,
            employment_rows,
        ),
    ),
    DomainPlan(
        "义务教育",
        "教育局",
        programme_rows(
            [
                "小学入学",
                "初中入学",
                "随迁子女入学",
                "家庭经济困难学生资助",
                "营养改善计划",
                "课后服务",
                "特殊教育",
                "校车安全管理",
            ],
            EDUCATION_BASIS,
            education_rows,
        ),
    ),
    DomainPlan(
        "重大建设项目",
        "发改局",
        programme_rows(
            [
                "审批核准备案",
                "政府投资项目",
                "交通基础设施项目",
                "水利项目",
                "保障性安居工程项目",
                "城市更新项目",
                "教育卫生设施项目",
            ],
            PROJECT_BASIS,
            project_rows,
        ),
    ),
    DomainPlan(
        "公共资源交易",
        "财政局",
        programme_rows(
            [
                "工程建设项目招标投标",
                "政府采购",
                "国有土地使用权出让",
                "矿业权出让",
                "国有产权交易",
                "农村集体产权交易",
            ],
            TRADING_BASIS,
            trading_rows,
        ),
    ),
    DomainPlan(
        "社会保险",
        "人社局",
        programme_rows(
            ["城乡居民基本养老保险", "机关事业单位养老保险", "城乡居民基本医疗保险", "失业保险", "工伤保险"],
            INSURANCE_BASIS,
            simple_rows,
        ),
    ),
    DomainPlan(
        "卫生健康",
        "卫健委",
        programme_rows(
            ["基本公共卫生服务", "家庭医生签约服务", "计划生育奖励扶助", "医疗机构执业登记", "传染病防控"],
            HEALTH_BASIS,
            simple_rows,
        ),
    ),
    DomainPlan(
        "生态环境",
        "生态环境局",
        programme_rows(
            ["环境质量信息", "建设项目环境影响评价", "排污许可", "环境执法", "突发环境事件应急"],
            ENVIRONMENT_BASIS,
            simple_rows,
        ),
    ),
    DomainPlan(
        "食品药品监管",
        "市场监管局",
        programme_rows(["食品生产经营许可", "食品安全抽检", "药品零售许可", "餐饮服务监督"], FOOD_BASIS, simple_rows),
    ),
]

# Items created and then retired by the demo (kept outside the workbook so a second run does not recreate them).
RETIRED = [
    ("社会救助", "综合业务", "农村五保供养", "并入特困人员救助供养（国发〔2016〕14号）"),
    ("养老服务", "高龄津贴", "百岁老人长寿补贴（旧）", "已并入高龄津贴"),
    ("就业", "就业创业政策", "下岗失业人员再就业优惠证", "证件已停止核发"),
]

# The change a 民政局 clerk has proposed and the office has not yet approved.
PENDING_CHANGE = ("社会救助", ("最低生活保障", "审核信息"), "10个工作日内，公示7个工作日；公示期满无异议后报区民政局")
