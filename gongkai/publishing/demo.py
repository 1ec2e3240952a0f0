"""The publishing step of `gongkai demo`: standard columns for every organization and a few hundred realistic
records of 2025–2026 in every workflow state.

Records are keyed on (organization, title), so a second run changes nothing. Drafts move through the real services;
publication uses the workflow's own publishing step with the record's historical date, so index numbers, counters
and revisions are exactly what live publication would have produced on that day.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from gongkai.orgs.demo import staff_of

from . import services
from .models import Genre, Record, RecordStatus, Stage, Validity
from .services.interpretation import has_submitted_interpretation, requires_interpretation
from .services.workflow import publish_now

S = RecordStatus
DEMO_DAY = date(2026, 11, 21)
MONTHS_2025 = range(1, 13)


@dataclass
class Spec:
    organization: object
    title: str
    genre: str
    written_on: date
    stage: str = ""
    publish_on: date | None = None  # None: stays in `state`
    state: str = S.PUBLISHED
    doc_number: str = ""
    body: str = ""
    fields: dict = field(default_factory=dict)
    interprets: str = ""  # title of the policy it interprets (same run)
    after: str = ""  # "withdraw", "repeal:YYYY-MM-DD", "expire", "emergency", "correct"


def paragraphs(*lines: str) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def today() -> date:
    """The demo's "today": fixed, so that a later second run adds nothing; earlier only on a machine set earlier."""
    return min(DEMO_DAY, timezone.localdate())


def clamp(day: date) -> date:
    return min(day, today())


def policy_specs(context, rng) -> list[Spec]:
    government = context.objects["government"]
    by_short = context.objects["department_by_short"]
    specs = []
    normative = [
        (government, "青溪区城乡居民最低生活保障实施办法", "青政规〔2025〕1号", date(2025, 2, 18), Stage.DECISION),
        (government, "青溪区老旧小区改造项目管理办法", "青政规〔2025〕2号", date(2025, 4, 8), Stage.DECISION),
        (government, "青溪区促进高校毕业生就业创业若干措施", "青政规〔2025〕3号", date(2025, 5, 20), Stage.DECISION),
        (government, "青溪区养老服务补贴管理办法", "青政规〔2025〕4号", date(2025, 7, 1), Stage.DECISION),
        (government, "青溪区农村宅基地审批管理办法", "青政规〔2025〕5号", date(2025, 9, 3), Stage.DECISION),
        (government, "青溪区重大行政决策程序规定", "青政规〔2026〕1号", date(2026, 3, 10), Stage.DECISION),
        (by_short["民政局"], "青溪区临时救助实施细则", "青民规〔2025〕1号", date(2025, 3, 12), Stage.DECISION),
        (by_short["人社局"], "青溪区就业补助资金管理办法", "青人社规〔2025〕1号", date(2025, 6, 9), Stage.DECISION),
        (by_short["住建局"], "青溪区保障性租赁住房管理办法", "青住建规〔2025〕1号", date(2025, 8, 14), Stage.DECISION),
        (
            by_short["医保局"],
            "青溪区城乡居民医疗救助实施办法",
            "青医保规〔2026〕1号",
            date(2026, 2, 26),
            Stage.DECISION,
        ),
    ]
    for organization, title, number, written, stage in normative:
        specs.append(
            Spec(
                organization,
                title,
                Genre.NORMATIVE,
                written,
                stage,
                publish_on=written + timedelta(days=rng.randint(3, 12)),
                doc_number=number,
                body=paragraphs(
                    "第一条 为规范相关工作，根据有关法律法规，结合本区实际，制定本办法。",
                    "第二条 本办法适用于本区行政区域内的相关工作。",
                    "第三条 本办法自印发之日起施行，有效期五年。",
                ),
                fields={"effective_on": written + timedelta(days=30), "subject_category": "civil_affairs"},
            )
        )
    repealed = [
        (government, "青溪区城乡居民最低生活保障暂行办法", "青政规〔2020〕2号", date(2020, 5, 6)),
        (government, "青溪区老旧小区综合整治暂行规定", "青政规〔2019〕4号", date(2019, 11, 12)),
        (by_short["民政局"], "青溪区临时救助暂行规定", "青民规〔2021〕1号", date(2021, 4, 2)),
    ]
    for organization, title, number, written in repealed:
        specs.append(
            Spec(
                organization,
                title,
                Genre.NORMATIVE,
                written,
                Stage.DECISION,
                publish_on=date(2025, 1, 3) + timedelta(days=rng.randint(0, 20)),
                doc_number=number,
                body=paragraphs("本规定自印发之日起施行。"),
                fields={"effective_on": written},
                after=f"repeal:2025-{rng.randint(3, 10):02d}-15",
            )
        )
    policies = [
        (government, "青溪区2025年民生实事项目实施方案", date(2025, 2, 25)),
        (government, "青溪区优化营商环境三年行动计划（2025—2027年）", date(2025, 3, 28)),
        (by_short["教育局"], "青溪区义务教育阶段学校招生入学工作实施意见", date(2025, 4, 16)),
        (by_short["农业农村局"], "青溪区2025年耕地地力保护补贴实施方案", date(2025, 4, 22)),
        (by_short["卫健委"], "青溪区基层医疗卫生服务能力提升行动方案", date(2025, 6, 17)),
        (by_short["退役军人局"], "青溪区退役军人就业创业扶持办法", date(2025, 10, 20)),
        (by_short["文旅局"], "青溪区公共文化服务体系建设实施方案", date(2026, 4, 9)),
        (by_short["应急管理局"], "青溪区安全生产治本攻坚三年行动方案", date(2026, 6, 3)),
    ]
    for organization, title, written in policies:
        specs.append(
            Spec(
                organization,
                title,
                Genre.POLICY,
                written,
                Stage.DECISION,
                publish_on=written + timedelta(days=rng.randint(2, 10)),
                body=paragraphs("一、总体要求", "二、主要任务", "三、保障措施"),
            )
        )
    interpreted = [spec for spec in specs if spec.genre in (Genre.NORMATIVE, Genre.POLICY) and not spec.after][:12]
    for spec in interpreted:
        specs.append(
            Spec(
                spec.organization,
                f"《{spec.title}》政策解读",
                Genre.INTERPRETATION,
                spec.written_on,
                Stage.DECISION,
                publish_on=spec.publish_on + timedelta(days=rng.randint(0, 3)),
                body=paragraphs("一、出台背景", "二、主要内容", "三、适用对象", "四、办理渠道"),
                interprets=spec.title,
            )
        )
    return specs


def monthly_specs(context, rng) -> list[Spec]:
    by_short = context.objects["department_by_short"]
    specs = []
    licensing = [by_short[name] for name in ("行政审批局", "市场监管局", "卫健委", "住建局", "生态环境局")]
    penalties = [by_short[name] for name in ("市场监管局", "城管局", "应急管理局", "生态环境局", "文旅局")]
    for month in MONTHS_2025:
        first = date(2025, month, 1)
        for organization in licensing[: 3 + month % 3]:
            specs.append(
                Spec(
                    organization,
                    f"{organization.display_name}2025年{month}月行政许可办理结果公示",
                    Genre.LICENSING,
                    first + timedelta(days=rng.randint(26, 30)),
                    Stage.RESULT,
                    publish_on=first + timedelta(days=rng.randint(33, 45)),
                    body=paragraphs("现将本月行政许可办理结果公示如下，详见附表。"),
                    fields={"decision_count": rng.randint(18, 160), "subject_category": "market"},
                )
            )
        for organization in penalties[: 2 + month % 2]:
            specs.append(
                Spec(
                    organization,
                    f"{organization.display_name}2025年{month}月行政处罚决定信息公开",
                    Genre.PENALTY,
                    first + timedelta(days=rng.randint(26, 30)),
                    Stage.RESULT,
                    publish_on=first + timedelta(days=rng.randint(33, 40)),
                    body=paragraphs("依据《中华人民共和国行政处罚法》，现将本月作出的行政处罚决定公开如下。"),
                    fields={"decision_count": rng.randint(1, 12), "subject_category": "market"},
                )
            )
    for quarter in range(1, 5):
        organization = by_short["市场监管局"]
        specs.append(
            Spec(
                organization,
                f"青溪区市场监督管理局2025年第{quarter}季度行政强制措施信息公开",
                Genre.COERCION,
                date(2025, quarter * 3, 25),
                Stage.RESULT,
                publish_on=date(2025, quarter * 3, 25) + timedelta(days=12),
                body=paragraphs("本季度依法实施查封、扣押等行政强制措施情况如下。"),
                fields={"decision_count": rng.randint(1, 6)},
            )
        )
    for organization, title, amount in (
        (by_short["自然资源局"], "青溪区2025年不动产登记费收费情况公示", "186.4200"),
        (by_short["住建局"], "青溪区2025年城市道路占用挖掘修复费收费情况", "42.1800"),
        (by_short["市场监管局"], "青溪区2025年特种设备检验检测收费情况", "23.5000"),
        (by_short["城管局"], "青溪区2025年城市生活垃圾处理费收费情况", "318.0600"),
        (by_short["教育局"], "青溪区2025年公办幼儿园保育教育费收费标准及收费情况", "512.7300"),
    ):
        specs.append(
            Spec(
                organization,
                title,
                Genre.FEE,
                date(2025, 12, 20),
                Stage.RESULT,
                publish_on=date(2025, 12, 29),
                body=paragraphs("根据行政事业性收费目录清单，现将收费项目、依据、标准和本年收费情况公示如下。"),
                fields={"fee_amount": Decimal(amount), "subject_category": "finance"},
            )
        )
    return specs


NOTICE_TOPICS = (
    ("关于开展{year}年度城乡居民医疗保险集中参保工作的通知", Genre.NOTICE, Stage.EXECUTION),
    ("{name}{year}年部门预算公开", Genre.BUDGET, Stage.MANAGEMENT),
    ("{name}{last}年部门决算公开", Genre.BUDGET, Stage.RESULT),
    ("关于{year}年夏季防汛工作安排的通知", Genre.EMERGENCY, Stage.EXECUTION),
    ("{name}{year}年政府信息公开工作要点", Genre.PLAN, Stage.DECISION),
    ("{name}{year}年上半年重点工作完成情况", Genre.STATISTICS, Stage.RESULT),
    ("关于{year}年度低保对象动态调整情况的公示", Genre.NOTICE, Stage.RESULT),
    ("{name}{year}年公开招聘编外工作人员公告", Genre.RECRUITMENT, Stage.SERVICE),
    ("{name}{year}年政府采购意向公开", Genre.PROCUREMENT, Stage.EXECUTION),
)


# Topics only some units publish: the 低保 list by civil affairs and the towns, enrolment by the health insurance
# bureau and the towns.
TOPIC_OWNERS = {"低保": ("民政局",), "医疗保险": ("医保局",)}


def publishes(organization, pattern: str, townships) -> bool:
    for word, owners in TOPIC_OWNERS.items():
        if word in pattern:
            return organization.short_name in owners or organization in townships
    return True


def unit_specs(context, rng) -> list[Spec]:
    townships = context.objects["townships"]
    by_short = context.objects["department_by_short"]
    units = [
        context.objects["government"],
        *context.objects["departments"][:18],
        *[by_short[name] for name in ("民政局", "医保局") if by_short[name] not in context.objects["departments"][:18]],
        *townships,
    ]
    specs = []
    for index, organization in enumerate(units):
        for year in (2025, 2026):
            for topic_index, (pattern, genre, stage) in enumerate(NOTICE_TOPICS):
                if (index + topic_index + year) % 3:
                    continue
                if not publishes(organization, pattern, townships):
                    continue
                written = date(year, 1 + (topic_index * 2 + index) % 10, 1 + (index * 3) % 26)
                if written > today() - timedelta(days=30):
                    continue
                title = pattern.format(name=organization.display_name, year=year, last=year - 1)
                if "{name}" not in pattern:
                    title = f"{organization.display_name}{title}"
                display_until = written + timedelta(days=40) if "公示" in title else None
                specs.append(
                    Spec(
                        organization,
                        title,
                        genre,
                        written,
                        stage,
                        publish_on=clamp(written + timedelta(days=rng.randint(1, 35))),
                        body=paragraphs("现将有关事项公告如下。", "特此公告。"),
                        fields={"display_until": display_until} if display_until else {},
                    )
                )
        specs.append(
            Spec(
                organization,
                f"{organization.name}政府信息公开指南",
                Genre.GUIDE,
                date(2025, 1, 6),
                Stage.SERVICE,
                publish_on=date(2025, 1, 10),
                body=paragraphs(
                    "一、主动公开：本机关主动公开的政府信息通过政府网站“政府信息公开”专栏发布。",
                    "二、依申请公开：公民、法人或者其他组织可以通过在线申请、信函、当面提交等方式提出申请。",
                    "三、工作机构：详见本站“政府信息公开工作机构”。",
                ),
            )
        )
        specs.append(
            Spec(
                organization,
                f"{organization.name}2024年政府信息公开工作年度报告",
                Genre.ANNUAL_REPORT,
                date(2025, 1, 20),
                Stage.RESULT,
                publish_on=date(2025, 1, 24),
                body=paragraphs("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"),
            )
        )
    return specs


def workflow_specs(context) -> list[Spec]:
    """Records still in the workflow, some overdue, plus the withdrawn, corrected and emergency examples."""
    by_short = context.objects["department_by_short"]
    townships = context.objects["townships"]
    specs = []
    open_states = [S.DRAFT, S.SUBMITTED, S.REVIEWED, S.CLEARED, S.SCHEDULED]
    topics = ["冬季取暖补贴发放", "农村危房改造对象", "高龄津贴发放", "公益性岗位招聘", "道路维修施工", "义务植树活动"]
    for number, organization in enumerate([by_short["民政局"], by_short["住建局"], *townships[:4]]):
        for offset, state in enumerate(open_states):
            topic = topics[(number + offset) % len(topics)]
            # Every third one was written long ago: it is overdue (red) on the workbench.
            written = today() - timedelta(days=60 if (number + offset) % 3 == 0 else 2 + offset)
            specs.append(
                Spec(
                    organization,
                    f"关于{topic}有关事项的通知（{organization.display_name}）",
                    Genre.NOTICE,
                    written,
                    Stage.EXECUTION,
                    state=state,
                    body=paragraphs("现将有关事项通知如下。"),
                )
            )
    specs.append(
        Spec(
            by_short["卫健委"],
            "关于暂停部分社区卫生服务中心夜间门诊的通知",
            Genre.NOTICE,
            date(2025, 11, 3),
            Stage.SERVICE,
            publish_on=date(2025, 11, 5),
            body=paragraphs("因设备检修，暂停夜间门诊。"),
            after="withdraw",
        )
    )
    specs.append(
        Spec(
            by_short["应急管理局"],
            "青溪区气象灾害（暴雨）红色预警及应急响应启动公告",
            Genre.EMERGENCY,
            today() - timedelta(days=1),
            Stage.EXECUTION,
            body=paragraphs("区防汛抗旱指挥部决定启动防汛一级应急响应，请各单位立即落实各项防御措施。"),
            after="emergency",
        )
    )
    specs.append(
        Spec(
            by_short["人社局"],
            "青溪区2026年城乡居民基础养老金调整方案",
            Genre.POLICY,
            date(2026, 5, 12),
            Stage.DECISION,
            publish_on=date(2026, 5, 18),
            body=paragraphs("一、调整范围", "二、调整标准：每人每月增加20元。"),
            after="correct",
        )
    )
    return specs


SCREENING_SAMPLE_TITLES = {
    "personal_data": "青溪镇2025年第四季度临时救助对象公示（待预审）",
    "secret_marking": "关于做好防汛物资储备工作的通知（待预审）",
    "expressions": "区政协开展专题视察情况通报（待预审）",
    "sensitive": "关于防范网络赌博和非法集资的提示（待预审）",
}


def screening_draft_specs(context) -> list[Spec]:
    """Drafts whose pre-publication check shows each screening detector (texts from the screening step)."""
    samples = context.objects.get("screening_samples", {})
    organization = context.objects["department_by_short"]["民政局"]
    return [
        Spec(
            organization,
            title,
            Genre.NOTICE,
            today() - timedelta(days=1),
            Stage.EXECUTION,
            state=S.DRAFT,
            body=paragraphs(*samples[key].splitlines()),
            after="check",
        )
        for key, title in SCREENING_SAMPLE_TITLES.items()
        if key in samples
    ]


def at(day: date, rng) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9 + rng.randint(0, 7), rng.randint(0, 59))))


def advance(record: Record, state: str, people: dict, when: datetime) -> Record:
    """Move a draft through the real services up to `state` (publication excluded)."""
    clerk, reviewer, officer = people["clerk"], people["reviewer"], people["confidentiality_officer"]
    order = [S.SUBMITTED, S.REVIEWED, S.CLEARED, S.SCHEDULED, S.PUBLISHED]
    steps = order[: order.index(state) + 1] if state in order else []
    if S.SUBMITTED in steps and record.status == S.DRAFT:
        record = services.submit_record(record=record, actor=clerk)
    if S.REVIEWED in steps and record.status == S.SUBMITTED:
        record = services.approve_record(record=record, actor=reviewer, comment="同意发布。")
    if S.CLEARED in steps and record.status == S.REVIEWED:
        record = services.clear_record(record=record, actor=officer, comment="不涉密。")
    if state == S.SCHEDULED:
        record = services.publish_record(record=record, actor=reviewer, at=timezone.now() + timedelta(days=3))
    return record


FALLBACK_ROLES = {"clerk": "office", "reviewer": "admin", "confidentiality_officer": "admin"}


def people_of(organization, cache: dict) -> dict:
    """The organization's clerk, reviewer and confidentiality officer. The district government itself has only the
    office and the administrator: its documents are drafted by the office and approved by the administrator."""
    if organization.pk not in cache:
        people = {}
        for role, fallback in FALLBACK_ROLES.items():
            try:
                people[role] = staff_of(organization, role)
            except LookupError:
                people[role] = staff_of(organization, fallback)
        cache[organization.pk] = people
    return cache[organization.pk]


def item_for(spec: Spec, cache: dict):
    """A catalog item the organization is responsible for, of the record's stage, with a working-day time limit
    (the catalog step's items; none when the catalog demo has not run)."""
    from gongkai.catalog.models import Item, ItemStatus, TimeLimitKind

    key = (spec.organization.pk, spec.stage)
    if key not in cache:
        cache[key] = (
            Item.objects.filter(
                responsible_orgs=spec.organization,
                status=ItemStatus.IN_FORCE,
                is_group=False,
                stage=spec.stage,
                time_limit_kind=TimeLimitKind.WORKING_DAYS,
            )
            .order_by("code")
            .first()
        )
    return cache[key]


def website_channels(cache: dict) -> list:
    """The government website channel (政府网站) from the catalog's checklist, when it is there."""
    from gongkai.catalog.models import Channel

    if "channels" not in cache:
        cache["channels"] = list(Channel.objects.filter(organization=None, name="政府网站"))
    return cache["channels"]


def create_from(spec: Spec, people: dict, made: dict, items: dict) -> Record:
    fields = dict(spec.fields)
    item = item_for(spec, items) if spec.genre not in (Genre.GUIDE, Genre.ANNUAL_REPORT) else None
    if item is not None:
        fields["items"] = [item]
    fields["channels"] = website_channels(items)
    if spec.interprets and spec.interprets in made:
        fields["interprets"] = made[spec.interprets]
    record = services.create_record(
        organization=spec.organization,
        actor=people["clerk"],
        title=spec.title,
        genre=spec.genre,
        written_on=spec.written_on,
        stage=spec.stage,
        doc_number=spec.doc_number,
        body=spec.body,
        keywords="、".join(spec.title.replace("青溪区", "")[:12].split()),
        **fields,
    )
    return record


def with_interpretation(record: Record, people: dict, made: dict, items: dict, companions: dict) -> Record:
    """三同步: before a policy that needs an interpretation is published, its interpretation is drafted and submitted
    (the run's own interpretation spec); older documents without one carry the office's written exemption."""
    if not requires_interpretation(record) or has_submitted_interpretation(record):
        return record
    companion = companions.get(record.title)
    if companion is None:
        office = staff_of(record.organization.parent or record.organization, "office")
        return services.exempt_from_interpretation(
            record=record, actor=office, reason="本文件印发于三同步制度实施之前，经政务公开办公室书面同意免于配套解读。"
        )
    made[record.title] = record
    interpretation = create_from(companion, people, made, items)
    made[companion.title] = advance(interpretation, S.SUBMITTED, people, timezone.now())
    return record


def build_record(spec: Spec, people: dict, made: dict, rng, items: dict, companions: dict) -> Record:
    record = made.get(spec.title) if spec.interprets else None  # drafted early with the policy it interprets
    if record is None:
        record = create_from(spec, people, made, items)
    if spec.after == "emergency":
        office = staff_of(spec.organization.parent or spec.organization, "office")
        return services.emergency_publish_record(record=record, actor=office, reason="暴雨红色预警，须立即向社会发布。")
    target = S.CLEARED if spec.publish_on else spec.state
    record = advance(record, target, people, at(spec.publish_on or spec.written_on, rng))
    if spec.publish_on:
        record = with_interpretation(record, people, made, items, companions)
        record = publish_now(record, people["reviewer"], at(spec.publish_on, rng))
    return record


def finish(spec: Spec, record: Record, people: dict) -> None:
    reviewer = people["reviewer"]
    if spec.after == "withdraw":
        services.withdraw_record(record=record, actor=reviewer, reason="门诊已恢复正常，本通知不再适用。")
    elif spec.after.startswith("repeal:"):
        on = date.fromisoformat(spec.after.split(":", 1)[1])
        services.change_validity(
            record=record, actor=reviewer, validity=Validity.REPEALED, on=on, note="已被新办法替代。"
        )
    elif spec.after == "check":
        services.check_record(record=record, actor=people["clerk"])
    elif spec.after == "correct":
        services.correct_record(
            record=record,
            actor=reviewer,
            change_note="更正第二部分调整标准的表述。",
            body=paragraphs("一、调整范围", "二、调整标准：每人每月增加20元，自2026年7月1日起执行。"),
        )


def build(context) -> None:
    rng = random.Random(20251231)  # noqa: S311 - fixed seed: the demo must be the same every time
    organizations = [context.objects["government"], *context.objects["departments"], *context.objects["townships"]]
    seeded = sum(services.seed_columns(organization=organization) for organization in organizations)
    specs = (
        policy_specs(context, rng)
        + monthly_specs(context, rng)
        + unit_specs(context, rng)
        + workflow_specs(context)
        + screening_draft_specs(context)
    )
    existing = set(Record.objects.values_list("organization_id", "title"))
    made = {record.title: record for record in Record.objects.filter(genre__in=[Genre.POLICY, Genre.NORMATIVE])}
    # Publish in date order, so serials of each organization's index numbers follow the publication dates.
    # An interpretation comes after the policy it interprets, also on the same day.
    specs.sort(key=lambda spec: (spec.publish_on or today(), bool(spec.interprets), spec.title))
    cache: dict = {}
    items: dict = {}
    companions = {spec.interprets: spec for spec in specs if spec.interprets}
    created = 0
    for number, spec in enumerate(specs, start=1):
        if (spec.organization.pk, spec.title) in existing or spec.written_on > today():
            continue
        people = people_of(spec.organization, cache)
        record = build_record(spec, people, made, rng, items, companions)
        finish(spec, record, people)
        made[spec.title] = record
        created += 1
        if number % 50 == 0:
            context.say(f"  … {number}/{len(specs)}")
    expired = services.publish_due(now=timezone.now())["expired"]
    context.say(
        f"  {seeded} 个栏目，{created} 条政府信息（共 {Record.objects.count()} 条），公示期满下线 {len(expired)} 条"
    )
