"""Choices shared by the engagement models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MailboxKind(models.TextChoices):
    HEAD = "head", _("领导信箱")
    DEPARTMENT = "department", _("部门信箱")


class InquiryChannel(models.TextChoices):
    ONLINE = "online", _("网上咨询")
    MAILBOX = "mailbox", _("信箱来信")
    PHONE = "phone", _("电话咨询")
    HOTLINE = "hotline", _("12345热线转办")
    COUNTER = "counter", _("窗口咨询")


STAFF_INQUIRY_CHANNELS = (InquiryChannel.PHONE, InquiryChannel.HOTLINE, InquiryChannel.COUNTER)


class InquiryStatus(models.TextChoices):
    RECEIVED = "received", _("待分办")
    IN_PROGRESS = "in_progress", _("办理中")
    IN_REVIEW = "in_review", _("答复待审核")
    ANSWERED = "answered", _("已答复")
    REDIRECTED = "redirected", _("已引导至其他渠道")
    INVALID = "invalid", _("无效留言")


OPEN_INQUIRY_STATUSES = (InquiryStatus.RECEIVED, InquiryStatus.IN_PROGRESS, InquiryStatus.IN_REVIEW)


class RedirectKind(models.TextChoices):
    APPLICATION = "application", _("政府信息公开申请")
    PETITION = "petition", _("信访事项")
    COMPLAINT = "complaint", _("投诉举报")


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASICALLY = "basically", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


class CallStatus(models.TextChoices):
    """定远's process: 收集提交 → 审批 → 公开 → 评议 → 反馈 → 资料归档."""

    DRAFT = "draft", _("收集提交")
    PENDING_APPROVAL = "pending_approval", _("待审批")
    APPROVED = "approved", _("已审批")
    OPEN = "open", _("已公开征集")
    REVIEWING = "reviewing", _("评议中")
    FEEDBACK_PUBLISHED = "feedback_published", _("已反馈")
    ARCHIVED = "archived", _("已归档")


PUBLIC_CALL_STATUSES = (CallStatus.OPEN, CallStatus.REVIEWING, CallStatus.FEEDBACK_PUBLISHED, CallStatus.ARCHIVED)


class CommentChannel(models.TextChoices):
    ONLINE = "online", _("网上留言")
    PAPER = "paper", _("书面意见")
    MAIL = "mail", _("信函")
    SYMPOSIUM = "symposium", _("座谈会")
    HEARING = "hearing", _("听证会")


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    SHOWN = "shown", _("已显示")
    HIDDEN = "hidden", _("不予显示")


class Adoption(models.TextChoices):
    ADOPTED = "adopted", _("采纳")
    PARTLY = "partly", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("未采纳")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    IN_REVIEW = "in_review", _("待审核")
    PUBLISHED = "published", _("已公开")


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("设计中")
    OPEN = "open", _("调查中")
    CLOSED = "closed", _("已结束")
    PUBLISHED = "published", _("结果已公开")


class SurveyChannel(models.TextChoices):
    ONLINE = "online", _("网上问卷")
    WINDOW = "window", _("窗口")
    SERVICE_CENTER = "service_center", _("行政服务中心")
    COMMUNITY_CENTER = "community_center", _("社区事务受理服务中心")
    SYMPOSIUM = "symposium", _("座谈会")


OFFLINE_SURVEY_CHANNELS = tuple(channel for channel in SurveyChannel if channel != SurveyChannel.ONLINE)


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("单选题")
    MULTIPLE = "multiple", _("多选题")
    RATING = "rating", _("评分题（1–5分）")
    TEXT = "text", _("填空题")


class ValidityRule(models.TextChoices):
    REQUIRED_ANSWERED = "required_answered", _("必答题全部作答")
    ALL_ANSWERED = "all_answered", _("全部题目作答")
    ANY_ANSWERED = "any_answered", _("至少作答一题")


class CountedKind(models.TextChoices):
    """What a reading count, share or 有用/没用 rating is about."""

    RECORD = "record", _("政府信息")
    GUIDE = "guide", _("办事指南")
    ANSWER = "answer", _("咨询答复")


class CountedEvent(models.TextChoices):
    VIEW = "view", _("阅读")
    SHARE = "share", _("转发")
    USEFUL = "useful", _("有用")
    NOT_USEFUL = "not_useful", _("没用")
