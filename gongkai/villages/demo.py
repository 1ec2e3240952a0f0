"""The villages step of `gongkai demo`: every demo village and community gets its five columns, a grid worker,
a dozen published records (one 低保 publicity with an objection answered and its result, one finance statement per
quarter, 党务/政务/村务/服务 notices) and, across the district, about forty residents' issues in every state.

Records go through the real workflow (the village clerk drafts, the township's reviewer and confidentiality officer
review, publication with the record's historical date). Issues go through the real services too; afterwards the demo
moves some of them back in time (their dates only), so that the lists show green, yellow and red lights and some
late steps — what a live district would look like after a few weeks. Keyed on titles: a second run adds nothing.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from gongkai.orgs.demo import DEMO_PASSWORD, ensure_person, ensure_role, staff_of
from gongkai.orgs.models import Person, Role
from gongkai.publishing import services as publishing
from gongkai.publishing.models import Record
from gongkai.publishing.services.workflow import publish_now
from gongkai.screening.identifiers import id_check_char

from . import services
from .models import FinanceStatement, IssueStatus, IssueStep, Publicity, ResidentIssue

DEMO_DAY = date(2026, 11, 21)
S = IssueStatus


def today() -> date:
    return min(DEMO_DAY, timezone.localdate())


def demo_id(first_17: str) -> str:
    """A well-formed (checksum-valid) ID number for a fictional person of the demo district."""
    return first_17 + id_check_char(first_17)


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def people_of(village) -> dict:
    township = village.parent
    return {
        "clerk": staff_of(village, Role.CLERK),
        "grid": staff_of(village, Role.GRID_WORKER),
        "reviewer": staff_of(township, Role.REVIEWER),
        "secrecy": staff_of(township, Role.CONFIDENTIALITY_OFFICER),
    }


def publish(record, people, day: date):
    """Through the real workflow: submitted by the village clerk, reviewed and cleared by the township."""
    record = publishing.submit_record(record=record, actor=people["clerk"])
    record = publishing.approve_record(record=record, actor=people["reviewer"], comment="同意公开。")
    record = publishing.clear_record(record=record, actor=people["secrecy"], comment="不涉密。")
    return publish_now(record, people["clerk"], at(day))


def column(village, slug):
    return list(village.columns.filter(slug=slug))


def notice_specs(village) -> list[tuple]:
    name = village.display_name
    return [
        (
            "village-party-members",
            f"{name}党支部2026年发展党员公示",
            ["经支部大会讨论，拟接收以下同志为预备党员，现予公示。"],
            date(2026, 6, 20),
        ),
        (
            "village-party-activities",
            f"{name}党支部2026年第三季度主题党日活动情况",
            ["9月，支部组织党员开展环境整治志愿服务。"],
            date(2026, 10, 9),
        ),
        (
            "village-government-policies",
            f"{name}2026年城乡居民医保缴费通知",
            ["2027年度城乡居民医保个人缴费标准为每人每年400元，请于12月31日前缴纳。"],
            date(2026, 9, 15),
        ),
        (
            "village-government-subsidies",
            f"{name}2026年耕地地力保护补贴发放情况",
            ["本年度补贴标准为每亩105元，已通过惠民惠农财政补贴资金“一卡通”发放。"],
            date(2026, 7, 8),
        ),
        (
            "village-affairs-decisions",
            f"{name}关于村（居）内道路硬化工程的决议公开",
            ["经村（居）民代表会议表决通过，实施主干道硬化工程，预算38万元。"],
            date(2026, 5, 18),
        ),
        (
            "village-services-guides",
            f"{name}便民服务事项指南",
            ["可在村（居）务服务中心办理：社保卡申领、老年证、生育登记、低保申请受理。"],
            date(2026, 3, 2),
        ),
        (
            "village-services-contacts",
            f"{name}网格员及服务联系人公开",
            ["本村（社区）划分为3个网格，网格员每周走访，群众可通过网格员反映诉求。"],
            date(2026, 3, 2),
        ),
    ]


def build_notices(village, people, existing) -> int:
    created = 0
    for slug, title, lines, day in notice_specs(village):
        if title in existing or day > today():
            continue
        record = publishing.create_record(
            organization=village,
            actor=people["clerk"],
            title=title,
            genre="notice",
            written_on=day,
            body="".join(f"<p>{line}</p>" for line in lines),
            columns=column(village, slug),
        )
        publish(record, people, day)
        created += 1
    return created


def build_subsistence_publicity(village, people, existing) -> int:
    title = f"{village.display_name}2026年第四批城乡低保对象审核公示"
    if title in existing:
        return 0
    day = date(2026, 10, 19)
    publicity = services.create_publicity(
        organization=village,
        actor=people["clerk"],
        title=title,
        kind="subsistence",
        written_on=day,
        body="<p>经本人申请、入户调查、民主评议，拟将以下家庭纳入城乡低保，现予公示。公示期内如有异议，请向村（居）委会或街道（乡镇）反映。</p>",
        entries=[
            {
                "name": "刘秀英",
                "id_number": demo_id("32041619560312002"),
                "address": f"{village.parent.display_name}{village.display_name}一组18号",
                "detail": "保障2人，月保障金1,640元",
            },
            {
                "name": "陈国庆",
                "id_number": demo_id("32041619681001001"),
                "address": f"{village.parent.display_name}{village.display_name}三组6号",
                "detail": "保障1人，月保障金820元",
            },
            {
                "name": "黄志强",
                "id_number": "",
                "address": f"{village.parent.display_name}{village.display_name}五组22号",
                "detail": "保障3人，月保障金2,460元",
            },
        ],
    )
    publish(publicity.record, people, day)
    publicity = services.start_publicity(record_id=publicity.record_id)
    objection = services.submit_objection(
        publicity=publicity,
        text="陈国庆家有一辆小货车跑运输，收入不低，是否符合低保条件？",
        name="匿名村民",
        phone="13905190000",
        on=publicity.starts_on + timedelta(days=1),
    )
    services.answer_objection(
        objection=objection,
        actor=people["reviewer"],
        answer="经街道会同村（居）委会入户核查，该车辆已于2025年8月转让，家庭收入符合低保标准，异议不成立。",
        outcome="rejected",
    )
    services.record_publicity_result(
        publicity=publicity,
        actor=people["clerk"],
        result="公示期满，收到异议1件，经核查异议不成立，以上3户按程序报街道（乡镇）审批。",
        on=max(publicity.ends_on + timedelta(days=1), today()),
    )
    return 1


QUARTERS = (
    (2025, 4, date(2026, 1, 12)),
    (2026, 1, date(2026, 4, 13)),
    (2026, 2, date(2026, 7, 10)),
    (2026, 3, date(2026, 10, 13)),
)


def build_finance(village, people, index: int) -> int:
    created = 0
    opening = 200000 + index * 7300
    for year, quarter, day in QUARTERS:
        income = [
            ("上级转移支付收入", 60000 + index * 500),
            ("集体资产租赁收入", 18000 + quarter * 1200),
            ("其他收入", 1500),
        ]
        expense = [("干部报酬", 36000), ("公益事业支出", 21000 + quarter * 900), ("办公及运转支出", 6200 + index * 30)]
        if FinanceStatement.objects.filter(
            organization=village, period_kind="quarter", year=year, period=quarter
        ).exists():
            opening += sum(a for _, a in income) - sum(a for _, a in expense)
            continue
        lines = [{"direction": "income", "subject": s, "amount": a} for s, a in income] + [
            {"direction": "expense", "subject": s, "amount": a} for s, a in expense
        ]
        statement = services.create_statement(
            organization=village, actor=people["clerk"], period_kind="quarter", year=year, period=quarter,
            opening_balance=opening, lines=lines,
        )  # fmt: skip
        publish(statement.record, people, day)
        opening += sum(a for _, a in income) - sum(a for _, a in expense)
        created += 1
    return created


ISSUE_TEMPLATES = (
    ("roads", "路灯不亮", "主路有三盏路灯坏了一周，晚上出行不便。", "城管局"),
    ("environment", "垃圾清运不及时", "东门垃圾桶两天没有清运，气味很大。", "城管局"),
    ("water", "自来水发黄", "这两天自来水发黄，烧开后有沉淀。", "水利局"),
    ("safety", "电线杆倾斜", "村口电线杆向路面倾斜，下雨天有危险。", "应急管理局"),
    ("neighbours", "邻居占用公共通道", "邻居在楼道堆放杂物，堵住了消防通道。", ""),
    ("welfare", "老人高龄津贴未到账", "家中老人满80周岁，高龄津贴还没有发放。", "民政局"),
    ("roads", "道路坑洼积水", "进村道路有多处坑洼，雨后积水。", "交通运输局"),
    ("other", "健身器材损坏", "小广场的健身器材螺丝松动，存在安全隐患。", ""),
)
# (target status, days back the whole issue is moved, rating)
ISSUE_PLAN = (
    (S.REGISTERED, 0, None), (S.REGISTERED, 3, None), (S.ASSIGNED, 0, None), (S.ASSIGNED, 4, None),
    (S.ACCEPTED, 1, None), (S.ACCEPTED, 9, None), (S.HANDLED, 0, None), (S.HANDLED, 5, None),
    (S.REVIEWED, 0, None), (S.FED_BACK, 2, None), (S.FED_BACK, 3, None), (S.CLOSED, 12, 5),
    (S.CLOSED, 20, 4), (S.CLOSED, 30, 5), (S.CLOSED, 15, 3), (S.CLOSED, 40, None),
)  # fmt: skip
ORDER = [S.ASSIGNED, S.ACCEPTED, S.HANDLED, S.REVIEWED, S.FED_BACK, S.CLOSED]


def advance_issue(issue, status, people, assignee, assignee_staff, rating):
    for step in ORDER[: ORDER.index(status) + 1] if status in ORDER else []:
        if step == S.ASSIGNED:
            issue = services.assign_issue(issue=issue, assignee=assignee, actor=people["grid"], note="请尽快处理。")
        elif step == S.ACCEPTED:
            issue = services.accept_issue(issue=issue, actor=assignee_staff)
        elif step == S.HANDLED:
            issue = services.handle_issue(issue=issue, actor=assignee_staff, result="已到现场处理完毕，并拍照留存。")
        elif step == S.REVIEWED:
            issue = services.review_issue(issue=issue, actor=people["reviewer"], approve=True, comment="处理到位。")
        elif step == S.FED_BACK:
            issue = services.feed_back_issue(issue=issue, actor=people["grid"], feedback="已电话告知反映人处理结果。")
        elif step == S.CLOSED:
            issue = services.rate_issue(issue=issue, rating=rating, actor=people["grid"]) if rating else issue
    return issue


def age(issue, days: int) -> None:
    """Move an issue's dates `days` back (the demo's history), so lights and late steps look like a live district.
    Concrete values, not F() arithmetic: SQLite stores date-minus-duration expressions as text that compares wrong."""
    if not days:
        return
    delta = timedelta(days=days)
    issue.refresh_from_db()
    ResidentIssue.objects.filter(pk=issue.pk).update(
        created_at=issue.created_at - delta,
        step_started_on=issue.step_started_on - delta,
        step_due_on=issue.step_due_on - delta,
        closed_at=issue.closed_at - delta if issue.closed_at else None,
    )
    for step_id, step_at in IssueStep.objects.filter(issue=issue).values_list("pk", "at"):
        IssueStep.objects.filter(pk=step_id).update(at=step_at - delta)


def build_issues(context, villages) -> int:
    departments = context.objects.get("department_by_short", {})
    existing = set(ResidentIssue.objects.values_list("village_id", "title"))
    created = 0
    plan = list(enumerate((ISSUE_PLAN * 3)[:40]))
    # Issues the resident never rated are closed by `close_unrated_issues`, which closes every overdue one: make
    # them before any issue waits for its rating.
    plan.sort(key=lambda item: (not (item[1][0] == S.CLOSED and item[1][2] is None), item[0]))
    for number, (status, days, rating) in plan:
        village = villages[number % len(villages)]
        category, title, description, department_name = ISSUE_TEMPLATES[number % len(ISSUE_TEMPLATES)]
        title = f"{village.display_name}{title}"
        if (village.pk, title) in existing:
            continue
        people = people_of(village)
        assignee = departments.get(department_name) or village.parent
        assignee_staff = staff_of(assignee, Role.CLERK)
        issue = services.register_issue(
            village=village, actor=people["grid"], channel=("grid", "phone", "visit")[number % 3], category=category,
            title=title, description=description, location=f"{village.display_name}{number % 6 + 1}组",
            reporter_name="村民" + "甲乙丙丁戊己庚辛"[number % 8], reporter_phone=f"1390519{number:04d}",
        )  # fmt: skip
        issue = advance_issue(issue, status, people, assignee, assignee_staff, rating)
        if status == S.CLOSED and rating is None:
            services.close_unrated_issues(on=issue.step_due_on + timedelta(days=1))
            issue.refresh_from_db()
        if status == S.CLOSED and rating == 5 and number % 2 == 1:
            services.publish_case(
                issue=issue, actor=people["reviewer"], summary=f"{description}经现场处置，三个工作日内解决，群众满意。"
            )
        issue.refresh_from_db()
        age(issue, days)
        created += 1
    return created


def build_grid_workers(context, villages) -> int:
    made = 0
    for number, village in enumerate(villages, start=1):
        # The village's own clerk (not a township clerk who also serves it): `<village prefix>-clerk` → `-grid`.
        clerks = Person.objects.filter(memberships__organization=village, memberships__role=Role.CLERK)
        clerk = clerks.exclude(memberships__organization=village.parent).order_by("username").first()
        username = (clerk or staff_of(village, Role.CLERK)).username.replace("-clerk", "-grid")
        if not village.memberships.filter(role=Role.GRID_WORKER, is_active=True).exists():
            ensure_role(
                ensure_person(username=username, serial=5000 + number, context=context), village, Role.GRID_WORKER
            )
            made += 1
    return made


def build(context) -> None:
    villages = context.objects.get("villages") or []
    if not villages:
        return
    seeded = sum(services.seed_village_columns(organization=village) for village in villages)
    grid = build_grid_workers(context, villages)
    records = 0
    for index, village in enumerate(villages):
        people = people_of(village)
        existing = set(Record.objects.filter(organization=village).values_list("title", flat=True))
        records += build_notices(village, people, existing)
        records += build_subsistence_publicity(village, people, existing)
        records += build_finance(village, people, index)
    issues = build_issues(context, villages)
    context.say(
        f"  五务公开：{seeded} 个栏目，{grid} 名网格员，{records} 条村（居）信息，{issues} 件民情诉求"
        f"（共 {ResidentIssue.objects.count()} 件，公示 {Publicity.objects.count()} 条）"
    )
    first = villages[0]
    context.logins.append(
        (staff_of(first, Role.GRID_WORKER).username, DEMO_PASSWORD, f"网格员（{first.name}），手机上登记和办理民情诉求")
    )
