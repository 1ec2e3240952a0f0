"""The engagement step of `gongkai demo`: the district head's mailbox and five departments' mailboxes, 80 inquiries
in every state (some overdue, one unanswered for over three months, some published and some FAQs), two open calls
for comments and one closed with its adoption report and final policy, and one survey answered online and on paper
through three offline channels, with its published summary.

Everything goes through the services as staff and citizens would. Citizens can only submit "today", so the demo
moves an inquiry's receipt date (and recomputes its due date with the same calendar) and a finished call's dates
into the past right after creating them: set-up only, said here so nobody mistakes it for a pattern. The step is
idempotent: it builds each part only when its marker (the mailbox, the call's title, the survey's title, any
inquiry) is missing.
"""

from datetime import timedelta

from django.utils import timezone

from gongkai.orgs.demo import staff_of
from gongkai.orgs.models import Role
from gongkai.publishing.selectors import published_records

from . import services
from .deadlines import answer_due
from .models import CommentCall, Inquiry, InquiryChannel, Mailbox, RedirectKind, Survey
from .survey_results import results_for

MAILBOX_DEPARTMENTS = ("民政局", "人社局", "住建局", "教育局", "卫健委")
ASKERS = ("王建国", "李秀英", "张伟", "刘芳", "陈静", "杨磊", "赵敏", "黄涛", "周洋", "吴娟")
QUESTIONS = {
    "民政局": ("低保申请需要哪些材料？", "高龄津贴每月什么时候发放？", "临时救助的标准是多少？"),
    "人社局": ("灵活就业人员如何缴纳社保？", "失业保险金怎么申领？", "就业见习补贴的申请条件是什么？"),
    "住建局": ("老旧小区改造什么时候开工？", "公租房如何申请？", "物业专项维修资金怎么使用？"),
    "教育局": ("新生入学需要准备哪些材料？", "学区划分什么时候公布？", "课后服务如何收费？"),
    "卫健委": ("家庭医生签约如何办理？", "出生医学证明在哪里办理？", "疫苗接种需要预约吗？"),
}
ANSWER = (
    "您好！关于您咨询的问题，答复如下：请携带本人身份证件到区政务服务中心相关窗口办理，具体材料以办事指南为准。"
    "感谢您的关注。"
)
# (state, how many) — 80 in all
PLAN = (
    ("received", 8),
    ("triaged", 6),
    ("in_progress", 12),
    ("overdue", 6),
    ("in_review", 6),
    ("answered", 14),
    ("published", 12),
    ("faq", 6),
    ("redirected", 4),
    ("converted", 1),
    ("invalid", 4),
    ("veto", 1),
)


def build(context) -> None:
    government = context.objects["government"]
    departments = context.objects["department_by_short"]
    office = staff_of(government, Role.OFFICE)
    head_mailbox, department_mailboxes = _mailboxes(office, government, departments)
    if not Inquiry.objects.exists():
        _inquiries(context, office, head_mailbox, department_mailboxes, departments)
    _calls(context, office, departments["民政局"])
    _survey(context, office, government)


def _mailboxes(office, government, departments):
    def ensure(organization, name, kind, days):
        found = Mailbox.objects.filter(organization=organization, name=name).first()
        return found or services.save_mailbox(
            actor=office,
            organization=organization,
            name=name,
            kind=kind,
            answer_days=days,
            description=f"{name}受理群众咨询、意见和建议，{days}个工作日内答复。",
        )

    head = ensure(government, "区长信箱", "head", 10)
    boxes = {short: ensure(departments[short], f"{short}信箱", "department", 5) for short in MAILBOX_DEPARTMENTS}
    return head, boxes


def _backdate(inquiry, days_ago: int):
    """Set-up only: a citizen's inquiry received `days_ago` days ago, its due date recomputed on the calendar."""
    received = timezone.localdate() - timedelta(days=days_ago)
    due_on, steps = answer_due(received, inquiry.answer_days, region=inquiry.organization.region)
    Inquiry.objects.filter(pk=inquiry.pk).update(received_on=received, due_on=due_on, due_steps=steps)
    inquiry.refresh_from_db()
    return inquiry


def _new(index, short, mailbox, *, days_ago, consent=True, channel=None, organization=None):
    asker = ASKERS[index % len(ASKERS)]
    question = QUESTIONS[short][index % 3]
    data = {
        "subject": question.rstrip("？"),
        "question": f"我是{asker}，{question}我的电话是1381234{index:04d}。",
        "asker_name": asker,
        "asker_phone": f"1381234{index:04d}",
        "consents_to_publish": consent,
    }
    if channel is not None:
        clerk = staff_of(organization, Role.CLERK)
        received = timezone.localdate() - timedelta(days=days_ago)
        return services.register_inquiry(
            actor=clerk, organization=organization, channel=channel, received_on=received, data=data
        )
    if mailbox is None or (mailbox.kind == "department" and index % 3 == 0):  # the general form, not a mailbox
        return _backdate(
            services.submit_inquiry(organization=organization or mailbox.organization, data=data), days_ago
        )
    return _backdate(services.submit_inquiry(mailbox=mailbox, data=data), days_ago)


def _answer(inquiry):
    clerk, reviewer = staff_of(inquiry.organization, Role.CLERK), staff_of(inquiry.organization, Role.REVIEWER)
    if inquiry.status == "received":
        services.assign_inquiry(actor=clerk, inquiry=inquiry, organization=inquiry.organization, handler=clerk)
    services.submit_answer(actor=clerk, inquiry=inquiry, answer=ANSWER)
    return clerk, reviewer


def _inquiries(context, office, head_mailbox, boxes, departments):
    index = 0
    staff_channels = (InquiryChannel.PHONE, InquiryChannel.HOTLINE, InquiryChannel.COUNTER)
    for state, count in PLAN:
        for _number in range(count):
            short = MAILBOX_DEPARTMENTS[index % len(MAILBOX_DEPARTMENTS)]
            organization = departments[short]
            mailbox = head_mailbox if state in ("received", "triaged") else boxes[short]
            days_ago = {"received": 1, "overdue": 15, "veto": 120}.get(state, 3 + index % 20)
            if index % 4 == 3 and state not in ("received", "triaged", "converted"):
                inquiry = _new(
                    index, short, None, days_ago=days_ago, channel=staff_channels[index % 3], organization=organization
                )
            else:
                inquiry = _new(
                    index, short, mailbox, days_ago=days_ago, consent=index % 5 != 0, organization=organization
                )
            _advance(inquiry, state, office, organization, index)
            index += 1
    context.say(f"  政民互动：{index} 件群众咨询")


def _advance(inquiry, state, office, organization, index):
    if state in ("received", "veto"):
        return
    if state == "triaged" or inquiry.organization != organization:
        services.assign_inquiry(actor=office, inquiry=inquiry, organization=organization, note="按职责分办")
        inquiry.refresh_from_db()
    if state == "triaged":
        return
    if state in ("in_progress", "overdue"):
        clerk = staff_of(organization, Role.CLERK)
        services.assign_inquiry(actor=clerk, inquiry=inquiry, organization=organization, handler=clerk)
        return
    clerk = staff_of(organization, Role.CLERK)
    if state == "redirected":
        kind = (RedirectKind.PETITION, RedirectKind.COMPLAINT)[index % 2]
        services.redirect_inquiry(
            actor=clerk, inquiry=inquiry, kind=kind, note="该事项请向区信访局反映，或拨打12345热线。"
        )
        return
    if state == "converted":
        services.convert_to_application(
            actor=clerk,
            inquiry=inquiry,
            data={
                "applicant_type": "natural_person",
                "id_type": "id_card",
                "id_number": "11010519491231002X",
                "address": "青溪区溪北路1号",
            },
        )
        return
    if state == "invalid":
        services.invalidate_inquiry(
            actor=staff_of(organization, Role.REVIEWER), inquiry=inquiry, reason="广告信息，与政务无关。"
        )
        return
    _, reviewer = _answer(inquiry)
    if state == "in_review":
        return
    services.approve_answer(actor=reviewer, inquiry=inquiry)
    if index % 2 == 0:
        services.rate_inquiry(
            inquiry=inquiry, rating=("satisfied", "satisfied", "basically", "unsatisfied")[index // 2 % 4]
        )
    if state in ("published", "faq") and inquiry.consents_to_publish:
        services.publish_inquiry(actor=office, inquiry=inquiry, as_faq=state == "faq")


CALLS = (
    ("关于《青溪区养老服务补贴办法（征求意见稿）》公开征求意见的公告", "open", 10),
    ("关于《青溪区城乡低保审核确认办法（征求意见稿）》公开征求意见的公告", "open", 3),
    ("关于《青溪区临时救助实施细则（征求意见稿）》公开征求意见的公告", "closed", 0),
)


def _calls(context, office, organization):
    clerk, reviewer = staff_of(organization, Role.CLERK), staff_of(organization, Role.REVIEWER)
    for title, state, days_ago in CALLS:
        if CommentCall.objects.filter(title=title).exists():
            continue
        today = timezone.localdate()
        data = {
            "title": title,
            "summary": "为进一步规范相关工作，区民政局起草了征求意见稿，现向社会公开征求意见。",
            "explanation": "一、起草背景\n根据上级有关规定，结合本区实际起草。\n二、主要内容\n共五章二十条。",
            "draft_text": "第一条 为规范……制定本办法。\n第二条 本办法适用于本区行政区域内……",
            "starts_on": today - timedelta(days=days_ago),
            "ends_on": None if state == "open" else today,
            "is_moderated": state == "open" and days_ago == 3,
        }
        call = services.create_call(actor=clerk, organization=organization, data=data)
        services.submit_call(actor=clerk, call=call)
        services.approve_call(actor=reviewer, call=call)
        services.publish_call(actor=office, call=call)
        comments = [
            services.submit_comment(call=call, body=body, author_name="市民")
            for body in ("建议提高补助标准，与物价水平挂钩。", "建议简化申请材料，推行网上办理。", "希望明确审核时限。")
        ]
        services.enter_comment(
            actor=clerk,
            call=call,
            channel="symposium",
            body="座谈会上，社区代表建议增加入户核查环节。",
            received_on=call.starts_on,
        )
        if state == "closed":
            _finish_call(call, clerk, reviewer, office, organization, comments)
    context.say("  政民互动：3 项意见征集")


def _finish_call(call, clerk, reviewer, office, organization, comments):
    today = timezone.localdate()
    CommentCall.objects.filter(pk=call.pk).update(
        starts_on=today - timedelta(days=60), ends_on=today - timedelta(days=30)
    )
    call.refresh_from_db()
    services.close_call(actor=clerk, call=call)
    items = [
        {
            "topic": "补助标准",
            "gist": "提高标准并与物价挂钩",
            "decision": "partly",
            "reason": "建立动态调整机制，具体标准另行公布。",
            "comment_ids": [comments[0].pk],
        },
        {
            "topic": "申请材料",
            "gist": "简化材料、网上办理",
            "decision": "adopted",
            "reason": "",
            "comment_ids": [comments[1].pk],
        },
        {
            "topic": "审核时限",
            "gist": "明确审核时限",
            "decision": "adopted",
            "reason": "",
            "comment_ids": [comments[2].pk],
        },
        {
            "topic": "入户核查",
            "gist": "增加入户核查环节",
            "decision": "not_adopted",
            "reason": "现行规定已有入户核查要求，不再重复规定。",
        },
    ]
    services.save_adoption_report(
        actor=clerk, call=call, overview="征集期间共收到意见4条，经研究，采纳2条，部分采纳1条，未采纳1条。", items=items
    )
    services.submit_adoption_report(actor=clerk, call=call)
    services.publish_feedback(actor=reviewer, call=call)
    policy = published_records().filter(organization=organization).first()
    if policy is not None:
        services.link_final_policy(actor=clerk, call=call, record=policy)


SURVEY_TITLE = "2026年青溪区政务公开工作满意度测评"
# channel: (issued, returned, of which invalid)
SURVEY_PLAN = {
    "online": (60, 54, 0),
    "window": (50, 46, 2),
    "service_center": (40, 37, 1),
    "community_center": (30, 26, 1),
}


def _survey(context, office, government):
    if Survey.objects.filter(title=SURVEY_TITLE).exists():
        return
    survey = services.create_survey(
        actor=office,
        organization=government,
        title=SURVEY_TITLE,
        introduction="为了解群众对本区政务公开工作的评价，特开展本次测评。",
    )
    section = services.add_section(actor=office, survey=survey, title="一、总体评价")
    overall = services.add_question(
        actor=office,
        survey=survey,
        section=section,
        text="您对本区政务公开工作的总体评价",
        kind="single",
        options=[("满意", True), ("基本满意", True), ("不满意", False)],
        measures_satisfaction=True,
    )
    ease = services.add_question(
        actor=office,
        survey=survey,
        section=section,
        text="查找政府信息的便利程度（1–5分）",
        kind="rating",
        measures_satisfaction=True,
    )
    second = services.add_section(actor=office, survey=survey, title="二、获取渠道与建议")
    channels = services.add_question(
        actor=office,
        survey=survey,
        section=second,
        text="您通常通过哪些渠道获取政府信息",
        kind="multiple",
        options=["政府网站", "政务新媒体", "政务公开专区", "公开栏"],
        is_required=False,
    )
    advice = services.add_question(
        actor=office, survey=survey, section=second, text="您的意见和建议", kind="text", is_required=False
    )
    services.open_survey(actor=office, survey=survey)
    options = list(overall.options.all())
    channel_options = list(channels.options.all())
    for channel, (issued, returned, invalid) in SURVEY_PLAN.items():
        services.set_issued(actor=office, survey=survey, channel=channel, issued=issued)
        for number in range(returned):
            values = {
                channels.pk: [channel_options[number % 4].pk, channel_options[(number + 1) % 4].pk],
                advice.pk: "希望进一步加强政策解读。" if number % 9 == 0 else "",
            }
            if number >= invalid:
                values[overall.pk] = options[0 if number % 6 else (1 if number % 12 else 2)].pk
                values[ease.pk] = 5 - number % 3 if number % 10 else 2
            if channel == "online":
                services.submit_online_response(survey=survey, values=values, session_key=f"demo-{number}")
            else:
                services.enter_paper_response(
                    actor=office,
                    survey=survey,
                    channel=channel,
                    values=values,
                    paper_number=f"{channel[:1].upper()}{number + 1:03d}",
                )
    services.close_survey(actor=office, survey=survey)
    total = results_for(survey).total
    summary = (
        f"本次测评共派发问卷{total.issued}份，回收{total.returned}份，其中有效问卷{total.valid}份，"
        f"有效问卷回收率{total.valid_rate}%，总体满意率{total.satisfaction_rate}%。"
    )
    services.publish_results(actor=office, survey=survey, summary=summary)
    context.say(f"  政民互动：满意度测评 1 项（{summary}）")
