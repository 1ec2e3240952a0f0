"""The default scheme the product ships (documented indicator by indicator in docs/oversight.md).

The seeds give no point values; these are a starting point the office edits. Each group weighs 100 points.
"""

from django.utils.translation import gettext_lazy as _


def row(code, name, rule, method, weight, points_each=0, description=""):
    return {
        "code": code,
        "name": name,
        "rule": rule,
        "method": method,
        "weight": weight,
        "points_each": points_each,
        "description": description,
    }


COMMON_HEAD = [
    row(
        "periodic-missing",
        _("年度必公开项按期公开"),
        "catalog.periodic_missing",
        "per_item",
        15,
        2,
        _("必公开项每缺一期扣2分，扣完为止。"),
    ),
    row(
        "periodic-late",
        _("必公开项按时更新"),
        "catalog.periodic_late",
        "per_item",
        10,
        1,
        _("必公开项每有一期晚于截止日期发布扣1分。"),
    ),
    row(
        "records-late",
        _("信息按时发布"),
        "publishing.records_late",
        "per_item",
        10,
        "0.5",
        _("每条超过公开期限发布的信息扣0.5分。"),
    ),
]

DEPARTMENT_LIKE = [
    *COMMON_HEAD,
    row(
        "interpretation",
        _("政策文件解读"),
        "publishing.interpretation_missing",
        "per_item",
        10,
        2,
        _("需要解读的政策文件每有一件没有已发布的解读扣2分。"),
    ),
    row(
        "applications-on-time",
        _("依申请公开按时答复"),
        "applications.answered_on_time",
        "ratio",
        15,
        0,
        _("按超期件数占比扣分：得分 = 15 ×（1 − 超期件数 ÷ 应答复件数）；没有申请得满分。"),
    ),
    row(
        "inquiries-on-time",
        _("咨询留言按时答复"),
        "engagement.inquiries_answered_on_time",
        "ratio",
        5,
        0,
        _("按超期件数占比扣分：得分 = 5 ×（1 − 超期件数 ÷ 应答复件数）；没有留言得满分。"),
    ),
    row(
        "inquiries-veto",
        _("留言超过3个月未答复"),
        "engagement.inquiries_veto",
        "per_item",
        5,
        5,
        _("全国政府网站检查的单项否决项：有一件收到超过3个月仍未答复的有效留言即扣完5分。"),
    ),
    row(
        "replies-delivered",
        _("答复书及时送达"),
        "applications.reply_undelivered",
        "per_item",
        5,
        1,
        _("答复后10日仍未登记送达的，每件扣1分。"),
    ),
    row(
        "screening",
        _("内容安全"),
        "screening.blocking_open",
        "per_item",
        5,
        2,
        _("每条仍未处理的“阻止发布”级预审发现扣2分。"),
    ),
    row(
        "self-inspection",
        _("网站自查问题"),
        "oversight.inspection_open",
        "points",
        10,
        0,
        _("按网站检查指标预计扣分扣减：单项否决问题每条10分，其余每条1分。"),
    ),
    row(
        "rectification",
        _("督查整改"),
        "oversight.rectification_overdue",
        "per_item",
        5,
        2,
        _("通报问题逾期未反馈或逾期反馈的，每个扣2分。"),
    ),
    row(
        "supervision",
        _("督查、第三方评估和监督员发现"),
        "oversight.manual",
        "points",
        5,
        0,
        _("公开办按录入的扣分扣减，每条须有理由和佐证材料。"),
    ),
]

VILLAGES = [
    row(
        "periodic-missing",
        _("村务必公开项按期公开"),
        "catalog.periodic_missing",
        "per_item",
        30,
        2,
        _("必公开项每缺一期扣2分，扣完为止。"),
    ),
    row(
        "periodic-late",
        _("村务必公开项按时更新"),
        "catalog.periodic_late",
        "per_item",
        10,
        1,
        _("必公开项每有一期晚于截止日期发布扣1分。"),
    ),
    row(
        "records-late",
        _("信息按时发布"),
        "publishing.records_late",
        "per_item",
        15,
        "0.5",
        _("每条超过公开期限发布的信息扣0.5分。"),
    ),
    row("screening", _("内容安全"), "screening.blocking_open", "per_item", 10, 2, _("每条未处理的阻止级发现扣2分。")),
    row(
        "self-inspection",
        _("公开栏目自查问题"),
        "oversight.inspection_open",
        "points",
        15,
        0,
        _("按网站检查指标预计扣分扣减。"),
    ),
    row("rectification", _("督查整改"), "oversight.rectification_overdue", "per_item", 10, 2, _("逾期每个扣2分。")),
    row("supervision", _("群众监督和督查发现"), "oversight.manual", "points", 10, 0, _("按录入的扣分扣减。")),
]

DEFAULT_INDICATORS = {"departments": DEPARTMENT_LIKE, "towns": DEPARTMENT_LIKE, "villages": VILLAGES}
