"""The closed vocabularies of the national standard catalog (names from GLOSSARY.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """五公开: the stage of administrative work an item discloses."""

    DECISION = "decision", _("决策公开")
    EXECUTION = "execution", _("执行公开")
    MANAGEMENT = "management", _("管理公开")
    SERVICE = "service", _("服务公开")
    RESULT = "result", _("结果公开")


class Audience(models.TextChoices):
    PUBLIC = "public", _("全社会")
    GROUP = "group", _("特定群体")


class Mode(models.TextChoices):
    ACTIVE = "active", _("主动")
    ON_REQUEST = "on_request", _("依申请")


class Attribute(models.TextChoices):
    ACTIVE = "active", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")
    WITHHELD = "withheld", _("不予公开")


class WithheldGround(models.TextChoices):
    """Legal grounds of the negative list (《政府信息公开条例》第十四、十五、十六条)."""

    STATE_SECRET = "art14_state_secret", _("第十四条：依法确定为国家秘密")
    PROHIBITED_BY_LAW = "art14_prohibited", _("第十四条：法律、行政法规禁止公开")
    SECURITY_STABILITY = "art14_security", _("第十四条：公开后可能危及国家安全、公共安全、经济安全、社会稳定")
    THIRD_PARTY = "art15_third_party", _("第十五条：涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害")
    INTERNAL_AFFAIRS = "art16_internal", _("第十六条第一款：内部事务信息（人事管理、后勤管理、内部工作流程）")
    PROCESS_INFORMATION = "art16_process", _("第十六条第二款：过程性信息（讨论记录、过程稿、磋商信函、请示报告）")
    ENFORCEMENT_FILES = "art16_enforcement", _("第十六条第二款：行政执法案卷信息")


class ItemSource(models.TextChoices):
    POWER_LIST = "power_list", _("权责清单")
    SERVICE_LIST = "service_list", _("公共服务事项清单")
    OTHER = "other", _("其他")


class ItemStatus(models.TextChoices):
    PROPOSED = "proposed", _("待审核新增")
    IN_FORCE = "in_force", _("在用")
    RETIRED = "retired", _("已废止")
    REJECTED = "rejected", _("未通过")


class TimeLimitKind(models.TextChoices):
    """The structured rule behind a time-limit text; see `gongkai.catalog.timelimits` for what each computes."""

    WORKING_DAYS = "working_days", _("形成或变更之日起N个工作日内")
    CALENDAR_DAYS = "calendar_days", _("形成或变更之日起N日内")
    REAL_TIME = "real_time", _("实时公开")
    PROMPTLY = "promptly", _("及时公开")
    PUBLICITY = "publicity", _("公示N个工作日")
    YEARLY = "yearly", _("每年某月某日前")
    MONTHS = "months", _("形成或变更之日起N个月内")
    RELATIVE = "relative", _("某事件前后N日内")
    PERIODIC = "periodic", _("定期公开（每月、每季度、每半年、每年）")
    LONG_TERM = "long_term", _("长期公开")
    NOT_COMPUTABLE = "not_computable", _("无法计算期限")
