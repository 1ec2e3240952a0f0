"""Helpers that build engagement objects through the services, as a citizen or staff member would."""

from datetime import date, timedelta

from django.utils import timezone

from gongkai.engagement import services
from gongkai.engagement.models import InquiryChannel

QUESTION = {
    "subject": "低保申请需要哪些材料",
    "question": "我叫张三丰，想问一下申请最低生活保障需要带哪些材料？",
    "asker_name": "张三丰",
    "asker_phone": "13812345678",
    "asker_email": "zhang@example.com",
    "consents_to_publish": True,
}


def question(**changes) -> dict:
    return {**QUESTION, **changes}


def submit(organization=None, mailbox=None, **changes):
    return services.submit_inquiry(organization=organization, mailbox=mailbox, data=question(**changes))


def register(actor, organization, received_on=date(2026, 9, 30), channel=InquiryChannel.PHONE, **changes):
    return services.register_inquiry(
        actor=actor, organization=organization, channel=channel, received_on=received_on, data=question(**changes)
    )


def answered(inquiry, *, handler, reviewer, text="需要身份证、户口簿和收入证明。"):
    services.assign_inquiry(actor=handler, inquiry=inquiry, organization=inquiry.organization)
    services.submit_answer(actor=handler, inquiry=inquiry, answer=text)
    return services.approve_answer(actor=reviewer, inquiry=inquiry)


def call_data(**changes) -> dict:
    data = {
        "title": "关于《示范区养老服务补贴办法（征求意见稿）》公开征求意见的公告",
        "summary": "为完善养老服务补贴制度，现公开征求意见。",
        "explanation": "一、起草背景……二、主要内容……",
        "starts_on": timezone.localdate() - timedelta(days=5),
        "ends_on": None,
        "is_moderated": False,
    }
    data.update(changes)
    return data


def open_call(*, clerk, reviewer, office, organization, **changes):
    call = services.create_call(actor=clerk, organization=organization, data=call_data(**changes))
    services.submit_call(actor=clerk, call=call)
    services.approve_call(actor=reviewer, call=call)
    return services.publish_call(actor=office, call=call)


def build_survey(office, organization, **changes):
    survey = services.create_survey(
        actor=office, organization=organization, title=changes.pop("title", "政务公开满意度测评"), **changes
    )
    section = services.add_section(actor=office, survey=survey, title="一、总体评价")
    overall = services.add_question(
        actor=office,
        survey=survey,
        section=section,
        text="您对政务公开工作的总体评价",
        kind="single",
        options=[("满意", True), ("基本满意", True), ("不满意", False)],
        measures_satisfaction=True,
    )
    rating = services.add_question(
        actor=office, survey=survey, section=section, text="信息查找便利程度", kind="rating", measures_satisfaction=True
    )
    channels = services.add_question(
        actor=office,
        survey=survey,
        text="您通过哪些渠道获取政府信息",
        kind="multiple",
        options=["网站", "公开栏", "微信"],
        is_required=False,
    )
    advice = services.add_question(actor=office, survey=survey, text="您的意见建议", kind="text", is_required=False)
    return survey, overall, rating, channels, advice
