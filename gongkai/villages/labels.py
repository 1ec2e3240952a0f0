"""Readable names of the villages app's audit actions."""

from django.utils.translation import gettext_lazy as _

from gongkai.core.audit import register_action_labels

register_action_labels(
    {
        "villages.columns.seeded": _("建立五务公开栏目"),
        "villages.publicity.created": _("起草公示"),
        "villages.publicity.started": _("公示开始"),
        "villages.publicity.result_recorded": _("登记公示结果"),
        "villages.objection.submitted": _("收到公示异议"),
        "villages.objection.answered": _("答复公示异议"),
        "villages.finance.created": _("填报财务收支"),
        "villages.issue.registered": _("登记民情诉求"),
        "villages.issue.assigned": _("分派民情诉求"),
        "villages.issue.returned": _("退回民情诉求"),
        "villages.issue.accepted": _("签收民情诉求"),
        "villages.issue.handled": _("办结民情诉求"),
        "villages.issue.review_passed": _("审核通过民情诉求"),
        "villages.issue.review_returned": _("审核退回民情诉求"),
        "villages.issue.fed_back": _("反馈民情诉求"),
        "villages.issue.rated": _("评价民情诉求"),
        "villages.issue.closed_unrated": _("民情诉求逾期未评价办结"),
        "villages.issue.reminded": _("催办民情诉求"),
        "villages.issue.due_recomputed": _("节假日安排变更，重新计算诉求办理时限"),
        "villages.reminder.sent": _("发送村（社区）事务提醒"),
        "villages.issue.case_published": _("公开办结案例"),
        "villages.issue.photo_added": _("上传现场照片"),
        "villages.issue.viewed_contact": _("查看诉求人联系方式"),
        "villages.objection.viewed_contact": _("查看异议人联系方式"),
    }
)
