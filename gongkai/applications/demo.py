"""The applications step of `gongkai demo`: applications of 2025 and 2026 (and a few from December 2024) in every
state and outcome, across applicant types, with corrections, consultations, extensions, fees and one transfer.

Every application goes through the services, step by step, as staff would have handled it, so timelines, clocks,
letters and audit entries are real. Stable tracking codes (DEMO-…) make the step idempotent: an application that
exists is left alone. Steps dated after today are not taken, so the demo stays truthful whenever it runs.

The 2025 annual report adds up: three applications received in December 2024 are decided in January 2025 (上年结转),
three received in late December 2025 are still open at the year's end (结转下年度) and decided in January 2026.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from gongkai.core.workdays import add_workdays
from gongkai.orgs.codes import credit_code_check_char
from gongkai.orgs.demo import staff_of
from gongkai.orgs.models import Role

from . import services
from .models import ApplicantType, Application, Fee, IdType, Outcome, SubmissionChannel
from .outcomes import OUTCOME_ROWS
from .services.intake import ID_CARD_WEIGHTS

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ("伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "建华")
ORGANIZATION_APPLICANTS = {
    ApplicantType.BUSINESS: ("青溪恒达建材有限公司", "青溪绿源农业科技有限公司", "常州新程物流有限公司"),
    ApplicantType.RESEARCH: ("江南城乡发展研究院", "青溪区农业科学研究所"),
    ApplicantType.NONPROFIT: ("青溪区助老公益服务中心", "绿色江南环保志愿者协会"),
    ApplicantType.LEGAL_SERVICE: ("江苏青衡律师事务所", "青溪区东城法律服务所"),
    ApplicantType.OTHER: ("青溪区个体劳动者协会", "溪北村股份经济合作社"),
}
SUBJECTS = {
    "民政局": ("2025年度本区城乡低保资金发放汇总表", "本区养老服务设施建设补助资金分配情况", "临时救助审批程序及标准"),
    "财政局": ("2025年区级部门预算公开情况说明", "本区政府债务限额及余额情况", "乡镇财政转移支付资金分配明细"),
    "人社局": ("2025年公益性岗位补贴发放情况", "本区最低工资标准调整文件", "就业见习补贴申领审核结果"),
    "住建局": (
        "老旧小区改造项目（溪北片区）立项及资金安排",
        "城南安置房项目竣工验收备案材料",
        "物业专项维修资金使用情况",
    ),
    "自然资源局": ("溪东村集体土地征收批复文件", "国土空间总体规划（2021—2035年）批复", "2025年建设用地供应计划"),
    "生态环境局": ("青溪工业园污水处理厂排污许可证", "2025年第三季度地表水环境质量监测数据", "某化工企业环评审批文件"),
}
DEPARTMENT_CYCLE = ("民政局", "财政局", "人社局", "住建局", "自然资源局", "生态环境局")
TYPE_CYCLE = (
    ApplicantType.NATURAL_PERSON,
    ApplicantType.BUSINESS,
    ApplicantType.NATURAL_PERSON,
    ApplicantType.RESEARCH,
    ApplicantType.NONPROFIT,
    ApplicantType.NATURAL_PERSON,
    ApplicantType.LEGAL_SERVICE,
    ApplicantType.OTHER,
)
REASONS = {
    Outcome.PARTIALLY_DISCLOSED: "所申请材料中涉及第三方个人信息的部分已作去标识化处理后提供，其余部分予以公开。",
    Outcome.WITHHELD_1: "所申请信息已依法确定为国家秘密。",
    Outcome.WITHHELD_2: "所申请信息属于法律、行政法规禁止公开的信息。",
    Outcome.WITHHELD_3: "所申请信息公开后可能危及社会稳定。",
    Outcome.WITHHELD_4: "所申请信息涉及第三方商业秘密，经征求意见第三方不同意公开。",
    Outcome.WITHHELD_5: "所申请信息属于本机关人事管理等内部事务信息。",
    Outcome.WITHHELD_6: "所申请信息为本机关向上级机关的请示报告，属于过程性信息。",
    Outcome.WITHHELD_7: "所申请信息属于行政执法案卷信息。",
    Outcome.WITHHELD_8: "所申请信息属于不动产登记资料查询事项，请依照《不动产登记资料查询暂行办法》办理。",
    Outcome.UNAVAILABLE_1: "经检索，本机关未制作或获取该信息。",
    Outcome.UNAVAILABLE_2: "所申请信息需要对现有资料进行汇总、加工后另行制作。",
    Outcome.UNAVAILABLE_3: "补正后仍未能明确所需信息的名称、文号或者其他特征性描述。",
    Outcome.NOT_PROCESSED_1: "申请内容系对邻里纠纷处理的投诉，不属于政府信息公开申请。",
    Outcome.NOT_PROCESSED_2: "本机关已于此前就相同信息作出答复。",
    Outcome.NOT_PROCESSED_3: "所申请信息已编入公开出版的统计年鉴。",
    Outcome.NOT_PROCESSED_4: "申请人一个月内提出十余件申请，经要求说明理由，所说明理由不合理。",
    Outcome.NOT_PROCESSED_5: "申请人要求对已获取的文件重新出具并加盖印章。",
    Outcome.OTHER_3: "申请人于答复前书面撤回申请。",
}


@dataclass
class Plan:
    code: str
    department: str
    applicant_type: str
    received: date
    steps: list = field(default_factory=list)
    applicant: int = 0  # index of the applicant, so one applicant can file many applications


def id_card(serial: int) -> str:
    first_17 = f"32041619{70 + serial % 30:02d}{(serial % 12) + 1:02d}{(serial % 27) + 1:02d}{serial % 1000:03d}"
    total = sum(int(digit) * weight for digit, weight in zip(first_17, ID_CARD_WEIGHTS, strict=True))
    return first_17 + "10X98765432"[total % 11]


def credit_code(serial: int) -> str:
    first_17 = f"9132041{serial:03d}MA1Q{serial:05d}"[:17]
    return first_17 + credit_code_check_char(first_17)


def applicant_data(plan: Plan, subject: str) -> dict:
    serial = plan.applicant
    data = {
        "applicant_type": plan.applicant_type,
        "phone": f"139{serial:08d}",
        "address": f"青溪区人民路{serial % 200 + 1}号",
        "postal_code": "213100",
        "description": subject,
        "provision_form": "paper" if serial % 3 else "electronic",
        "provision_manner": "post" if serial % 3 else "email",
    }
    if plan.applicant_type == ApplicantType.NATURAL_PERSON:
        name = SURNAMES[serial % len(SURNAMES)] + GIVEN[serial % len(GIVEN)]
        data.update(
            applicant_name=name, id_type=IdType.ID_CARD, id_number=id_card(serial), email=f"a{serial}@example.cn"
        )
    else:
        names = ORGANIZATION_APPLICANTS[plan.applicant_type]
        data.update(
            applicant_name=names[serial % len(names)],
            id_type=IdType.CREDIT_CODE,
            id_number=credit_code(serial),
            legal_representative=SURNAMES[(serial + 3) % len(SURNAMES)] + "总",
            contact_name=SURNAMES[(serial + 5) % len(SURNAMES)] + GIVEN[(serial + 1) % len(GIVEN)],
            email=f"org{serial}@example.cn",
        )
    return data


def wd(day: date, count: int) -> date:
    return add_workdays(day, count).date


def decided_path(outcome: str, received: date, *, extension=False, consultation=False) -> list:
    steps = [("accept", received)]
    decide_on = wd(received, 12)
    if consultation:
        steps += [("consult", wd(received, 5), "第三方企业"), ("consult_end", wd(received, 14))]
        decide_on = wd(received, 22)
    if extension:
        steps.append(("extend", wd(received, 18), 10))
        decide_on = wd(received, 26)
    steps += [("decide", decide_on, outcome), ("reply",), ("deliver", wd(decide_on, 1)), ("close", wd(decide_on, 3))]
    return steps


def plans() -> list[Plan]:
    result: list[Plan] = []
    serial = 0

    def plan(code, department, applicant_type, received, steps, applicant=None):
        nonlocal serial
        serial += 1
        result.append(
            Plan(code, department, applicant_type, received, steps, serial if applicant is None else applicant)
        )

    # Received in December 2024, decided in January 2025 (上年结转 in the 2025 report).
    for index, received in enumerate((date(2024, 12, 16), date(2024, 12, 23), date(2024, 12, 27))):
        outcome = (Outcome.DISCLOSED, Outcome.UNAVAILABLE_1, Outcome.PARTIALLY_DISCLOSED)[index]
        plan(
            f"DEMO-2024-{index + 1:03d}",
            DEPARTMENT_CYCLE[index],
            TYPE_CYCLE[index],
            received,
            decided_path(outcome, received),
        )
    # 2025: every outcome at least once, across applicant types and departments.
    month_days = [date(2025, month, day) for month in range(1, 12) for day in (6, 20)]
    ordinary = [
        outcome
        for outcome in Outcome.values
        if outcome not in (Outcome.OTHER_1, Outcome.OTHER_2, Outcome.UNAVAILABLE_3)
    ]
    for index, outcome in enumerate(ordinary):
        received = month_days[index % len(month_days)]
        steps = decided_path(
            outcome,
            received,
            extension=outcome in (Outcome.DISCLOSED, Outcome.UNAVAILABLE_2),
            consultation=outcome in (Outcome.WITHHELD_4, Outcome.PARTIALLY_DISCLOSED),
        )
        plan(f"DEMO-2025-{index + 1:03d}", DEPARTMENT_CYCLE[index % 6], TYPE_CYCLE[index % 8], received, steps)
    received = date(2025, 3, 10)
    plan(
        "DEMO-2025-101",
        "住建局",
        ApplicantType.NATURAL_PERSON,
        received,
        [
            ("accept", received),
            ("correct", wd(received, 3), wd(received, 13)),
            ("lapse_correction", wd(received, 15)),
            ("reply",),
            ("deliver", wd(received, 16)),
        ],
    )
    received = date(2025, 4, 14)
    plan(
        "DEMO-2025-102",
        "自然资源局",
        ApplicantType.RESEARCH,
        received,
        [
            ("accept", received),
            ("correct", wd(received, 2), wd(received, 12)),
            ("corrected", wd(received, 8)),
            *decided_path(Outcome.UNAVAILABLE_3, wd(received, 8))[1:],
        ],
    )
    # One applicant's many applications in June 2025: the 11th is refused as mass, the 12th gets a fee notice.
    mass_applicant = 900
    for index in range(10):
        received = date(2025, 6, 2 + index)
        if received.weekday() >= 5:
            received = date(2025, 6, 16 + index % 5)
        outcome = Outcome.DISCLOSED if index % 2 else Outcome.UNAVAILABLE_1
        plan(
            f"DEMO-2025-2{index:02d}",
            "财政局",
            ApplicantType.NATURAL_PERSON,
            received,
            decided_path(outcome, received),
            mass_applicant,
        )
    received = date(2025, 6, 23)
    plan(
        "DEMO-2025-210",
        "财政局",
        ApplicantType.NATURAL_PERSON,
        received,
        decided_path(Outcome.NOT_PROCESSED_4, received),
        mass_applicant,
    )
    received = date(2025, 6, 24)
    plan(
        "DEMO-2025-211",
        "财政局",
        ApplicantType.NATURAL_PERSON,
        received,
        [
            ("accept", received),
            ("fee", wd(received, 2), Fee.Method.PER_ITEM, 3),
            ("fee_lapse", wd(received, 24)),
            ("reply",),
            ("deliver", wd(received, 25)),
        ],
        mass_applicant,
    )
    received = date(2025, 9, 8)
    plan(
        "DEMO-2025-212",
        "人社局",
        ApplicantType.LEGAL_SERVICE,
        received,
        [
            ("accept", received),
            ("fee", wd(received, 3), Fee.Method.PER_PAGE, 180),
            ("paid", wd(received, 8)),
            *decided_path(Outcome.DISCLOSED, received)[1:],
        ],
    )
    # The transfer: sent to the 民政局 by mistake, handled by the 人社局.
    received = date(2025, 10, 13)
    plan(
        "DEMO-2025-301",
        "民政局",
        ApplicantType.NATURAL_PERSON,
        received,
        [
            ("accept", received),
            ("transfer", wd(received, 2), "人社局"),
            *decided_path(Outcome.DISCLOSED, wd(received, 2)),
        ],
    )
    # Received late in December 2025, still open at the year's end (结转下年度), decided in January 2026.
    for index, received in enumerate((date(2025, 12, 15), date(2025, 12, 22), date(2025, 12, 29))):
        outcome = (Outcome.WITHHELD_6, Outcome.DISCLOSED, Outcome.NOT_PROCESSED_2)[index]
        path = decided_path(outcome, received, extension=index == 0)
        plan(f"DEMO-2025-9{index:02d}", DEPARTMENT_CYCLE[index + 3], TYPE_CYCLE[index + 4], received, path)
    # 2026: decided ones, and open ones in every state (the lights depend on the day the demo runs).
    for index, outcome in enumerate(
        (
            Outcome.DISCLOSED,
            Outcome.PARTIALLY_DISCLOSED,
            Outcome.WITHHELD_4,
            Outcome.UNAVAILABLE_1,
            Outcome.NOT_PROCESSED_1,
            Outcome.OTHER_3,
        )
    ):
        received = date(2026, 2 + index, 9)
        plan(
            f"DEMO-2026-{index + 1:03d}",
            DEPARTMENT_CYCLE[index],
            TYPE_CYCLE[(index + 2) % 8],
            received,
            decided_path(outcome, received, consultation=index == 2),
        )
    open_plans = [
        ("DEMO-2026-101", date(2026, 11, 19), []),
        ("DEMO-2026-102", date(2026, 11, 2), [("accept", date(2026, 11, 3))]),
        ("DEMO-2026-103", date(2026, 10, 19), [("accept", date(2026, 10, 19))]),
        (
            "DEMO-2026-104",
            date(2026, 11, 9),
            [("accept", date(2026, 11, 9)), ("correct", date(2026, 11, 11), date(2026, 11, 30))],
        ),
        (
            "DEMO-2026-105",
            date(2026, 10, 26),
            [("accept", date(2026, 10, 26)), ("consult", date(2026, 11, 2), "青溪区自然资源和规划局")],
        ),
        ("DEMO-2026-106", date(2026, 10, 12), [("accept", date(2026, 10, 12)), ("extend", date(2026, 11, 5), 15)]),
        (
            "DEMO-2026-107",
            date(2026, 11, 2),
            [("accept", date(2026, 11, 2)), ("fee", date(2026, 11, 6), Fee.Method.PER_PAGE, 120)],
        ),
        (
            "DEMO-2026-108",
            date(2026, 10, 20),
            [("accept", date(2026, 10, 20)), ("decide", date(2026, 11, 13), Outcome.DISCLOSED), ("reply",)],
        ),
        (
            "DEMO-2026-109",
            date(2026, 10, 21),
            [("accept", date(2026, 10, 21)), *decided_path(Outcome.WITHHELD_5, date(2026, 10, 21))[1:-1]],
        ),
        ("DEMO-2026-110", date(2026, 9, 18), [("accept", date(2026, 9, 21))]),
    ]
    for index, (code, received, steps) in enumerate(open_plans):
        plan(code, DEPARTMENT_CYCLE[index % 6], TYPE_CYCLE[index % 8], received, steps)
    return result


class Runner:
    def __init__(self, context):
        self.context = context
        self.department = context.objects["department_by_short"]
        self.today = timezone.localdate()

    def people(self, organization):
        return (
            staff_of(organization, Role.CLERK),
            staff_of(organization, Role.REVIEWER),
            staff_of(self.context.objects["government"], Role.OFFICE),
        )

    def run(self, plan: Plan) -> bool:
        if Application.objects.filter(tracking_code=plan.code).exists() or plan.received > self.today:
            return False
        organization = self.department[plan.department]
        clerk, _reviewer, _office = self.people(organization)
        subjects = SUBJECTS[plan.department]
        application = services.register_application(
            actor=clerk,
            organization=organization,
            data=applicant_data(plan, subjects[plan.applicant % len(subjects)]),
            channel=(SubmissionChannel.IN_PERSON, SubmissionChannel.POST, SubmissionChannel.EMAIL)[plan.applicant % 3],
            submitted_on=plan.received,
            signed_for_on=plan.received,
            confirmed_on=plan.received,
            tracking_code=plan.code,
        )
        for step in plan.steps:
            if len(step) > 1 and step[1] > self.today:
                break
            application = self.take(application, step) or application
            application.refresh_from_db()
        return True

    def take(self, application, step):  # noqa: C901 - the demo's step dispatcher, one branch per lifecycle step
        clerk, reviewer, office = self.people(application.organization)
        kind, *arguments = step
        if kind == "accept":
            return services.accept_application(actor=clerk, application=application, on=arguments[0])
        if kind == "correct":
            return services.request_correction(
                actor=clerk,
                application=application,
                items="请写明所需信息的文件名称、文号或者形成时间。",
                correction_due_on=arguments[1],
                on=arguments[0],
            )
        if kind == "corrected":
            return services.receive_correction(actor=clerk, application=application, on=arguments[0], note="申请人补正")
        if kind == "lapse_correction":
            return services.lapse_correction(actor=clerk, application=application, on=arguments[0])
        if kind == "consult":
            return services.start_consultation(
                actor=clerk, application=application, party=arguments[1], on=arguments[0]
            )
        if kind == "consult_end":
            return services.end_consultation(
                actor=clerk, application=application, on=arguments[0], note="已收到书面意见"
            )
        if kind == "extend":
            return services.extend_deadline(
                actor=office,
                application=application,
                days=arguments[1],
                reason="需调取档案并会商相关单位",
                on=arguments[0],
            )
        if kind == "fee":
            services.notify_fee(
                actor=clerk, application=application, method=arguments[1], quantity=arguments[2], on=arguments[0]
            )
            return None
        if kind == "paid":
            services.record_fee_payment(
                actor=clerk, application=application, on=arguments[0], receipt_number="QX2025-0913"
            )
            return None
        if kind == "fee_lapse":
            return services.lapse_fee(actor=clerk, application=application, on=arguments[0])
        if kind == "decide":
            outcome = arguments[1]
            return services.decide_application(
                actor=reviewer,
                application=application,
                outcome=outcome,
                legal_basis=OUTCOME_ROWS[outcome].basis or "—",
                reasons=REASONS.get(outcome, ""),
                on=arguments[0],
            )
        if kind == "reply":
            services.generate_reply(actor=clerk, application=application)
            return None
        if kind == "deliver":
            method = "post" if application.provision_manner == "post" else "electronic"
            return services.deliver_reply(
                actor=clerk,
                application=application,
                method=method,
                on=arguments[0],
                reference=f"EMS{application.pk:010d}" if method == "post" else "",
            )
        if kind == "close":
            return services.close_application(actor=clerk, application=application, on=arguments[0])
        if kind == "transfer":
            return services.transfer_application(
                actor=clerk,
                application=application,
                to_organization=self.department[arguments[1]],
                reason="所申请信息由人社局制作和保存",
                on=arguments[0],
            )
        raise ValueError(kind)


def build(context) -> None:
    runner = Runner(context)
    created = sum(runner.run(plan) for plan in plans())
    context.say(f"  依申请公开：新建 {created} 件申请（已存在的保持不变）。")
